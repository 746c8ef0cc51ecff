/* What others use of a shared limit, read from the server's `remaining` figures (transport/othersUsage.ts). */
import { OthersUsage } from '../../../nodes/OpenAiToolkit/transport/othersUsage';

const perMs = 50 / 1000; // 3,000 a minute
const limit = 3000;

describe('others usage of a shared limit', () => {
	test('the server\'s drop beyond what we sent and what refilled is theirs', () => {
		const usage = new OthersUsage();
		usage.observe({ at: 0, sent: 10, remaining: 2000 }, limit, perMs);
		// In 1 s: 50 refilled, we sent 20, the figure fell by 10 → 40 used by others, 0.04 a ms (smoothed by half).
		usage.observe({ at: 1000, sent: 30, remaining: 1990 }, limit, perMs);
		expect(usage.rate).toBeCloseTo(0.02, 6);
		usage.observe({ at: 2000, sent: 50, remaining: 1980 }, limit, perMs);
		expect(usage.rate).toBeCloseTo(0.03, 6);
		expect(usage.leftOf(perMs)).toBeCloseTo(0.02, 6);
	});

	test('our refused requests (429) are not ours in the server\'s figure', () => {
		const usage = new OthersUsage();
		usage.observe({ at: 0, sent: 10, remaining: 2000 }, limit, perMs);
		usage.refused(20);
		// We sent 40, 20 were refused: the server counted 20 of ours; it fell by 10 after 50 refilled → others 40.
		usage.observe({ at: 1000, sent: 50, remaining: 1990 }, limit, perMs);
		expect(usage.rate).toBeCloseTo(0.02, 6);
	});

	test('alone: no others; a figure that may have been full says nothing but lets the estimate decay', () => {
		const usage = new OthersUsage();
		usage.observe({ at: 0, sent: 0, remaining: 2000 }, limit, perMs);
		usage.observe({ at: 1000, sent: 49, remaining: 2001 }, limit, perMs);
		expect(usage.rate).toBe(0);
		const busy = new OthersUsage();
		busy.observe({ at: 0, sent: 0, remaining: 2900 }, limit, perMs);
		busy.observe({ at: 1000, sent: 0, remaining: 2860 }, limit, perMs);
		const before = busy.rate;
		expect(before).toBeCloseTo(0.045, 9);
		// 2,860 + 3 s of refill passes the limit: the figure may have been full in between.
		busy.observe({ at: 4000, sent: 0, remaining: 3000 }, limit, perMs);
		expect(busy.rate).toBeCloseTo(before * 0.9, 9);
	});

	test('answers to earlier requests and readings closer than 250 ms are not learned from', () => {
		const usage = new OthersUsage();
		usage.observe({ at: 1000, sent: 10, remaining: 2000 }, limit, perMs);
		usage.observe({ at: 500, sent: 5, remaining: 1000 }, limit, perMs);
		usage.observe({ at: 1100, sent: 11, remaining: 1000 }, limit, perMs);
		expect(usage.rate).toBe(0);
	});

	test('never yields more than 90 % of the limit to others', () => {
		const usage = new OthersUsage();
		usage.observe({ at: 0, sent: 0, remaining: 2000 }, limit, perMs);
		usage.observe({ at: 1000, sent: 0, remaining: 0 }, limit, perMs);
		expect(usage.rate).toBeGreaterThan(perMs);
		expect(usage.leftOf(perMs)).toBeCloseTo(perMs * 0.1, 9);
	});
});
