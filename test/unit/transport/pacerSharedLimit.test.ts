/*
 * Two n8n processes sharing one account's limit (issue 20, scenario 3), simulated on a fake clock against the fake
 * server's OpenAI-like limiter: each process reads from the headers what the others use and paces to what is left,
 * so together they stay under the limit; one alone still reaches the whole limit, and gets it back when the
 * other stops.
 */
import { busiestWindow, simulate } from '../../support/pacingSimulation';

const limits = { requestsPerMinute: 3000, tokensPerMinute: 300_000 };
const perSecond = limits.requestsPerMinute / 60;
const latencyMs = 300;

describe('pacing when several processes share the limit', () => {
	test('one process alone reaches the limit: 2,000 items within 1.1× of the 40 s bound, under 1 % 429s', async () => {
		const run = await simulate([{ items: 2000 }], { limits, latencyMs });
		expect(run.finishedAt[0]).toBeLessThan(1.1 * (2000 / perSecond) * 1000);
		expect(run.limited / run.requests).toBeLessThan(0.01);
	});

	test('two processes at once share it: together under the limit, under 3 % 429s, within 1.15× of the bound', async () => {
		const run = await simulate([{ items: 1000 }, { items: 1000 }], { limits, latencyMs });
		const seconds = Math.max(...run.finishedAt) / 1000;
		expect(run.limited / run.requests).toBeLessThan(0.03);
		expect(seconds).toBeLessThan(1.15 * (2000 / perSecond));
		// Over any 10 s the two together are admitted at most the limit's rate and one burst.
		expect(busiestWindow(run.admittedAt, 10_000)).toBeLessThanOrEqual(10 * perSecond + perSecond);
		// A retry after a 429 waits for the refill, so it is not refused again and no item runs out of retries.
		expect(run.refusedRetries).toEqual([0, 0]);
		expect(run.failedItems).toEqual([0, 0]);
	});

	test('three processes at once stay under 3 % 429s', async () => {
		const run = await simulate([{ items: 700 }, { items: 700 }, { items: 700 }], { limits, latencyMs });
		expect(run.limited / run.requests).toBeLessThan(0.03);
		expect(run.failedItems).toEqual([0, 0, 0]);
		expect(Math.max(...run.finishedAt) / 1000).toBeLessThan(1.2 * (2100 / perSecond));
	});

	test('when the other process stops, the one left gets the whole limit back', async () => {
		const run = await simulate([{ items: 2000 }, { items: 300 }], { limits, latencyMs });
		expect(run.limited / run.requests).toBeLessThan(0.03);
		expect(run.finishedAt[0] / 1000).toBeLessThan(1.15 * (2300 / perSecond));
	});

	test('a process that starts while another runs joins without a 429 storm', async () => {
		const run = await simulate([{ items: 1500 }, { items: 500, startAt: 10_000 }], { limits, latencyMs });
		expect(run.limited / run.requests).toBeLessThan(0.03);
		expect(Math.max(...run.finishedAt) / 1000).toBeLessThan(1.15 * (2000 / perSecond));
	});

	test('a fixed Concurrency next to an Auto process: both within the limit, the fixed one gets two thirds of its own rate', async () => {
		const run = await simulate([{ items: 1000 }, { items: 600, concurrency: 6 }], { limits, latencyMs });
		// 6 in flight at 300 ms is at most 20 a second: the fixed one cannot take less than 30 s.
		expect(run.limited / run.requests).toBeLessThan(0.03);
		// The shares are not even: whoever measured the other first keeps more (together they stay at the limit).
		expect(run.finishedAt[1] / 1000).toBeLessThan(1.5 * (600 / 20));
		expect(busiestWindow(run.admittedAt, 10_000)).toBeLessThanOrEqual(11 * perSecond);
	});

	test('two processes for ten thousand items: the limit is used to the end and never passed', async () => {
		const run = await simulate([{ items: 5000 }, { items: 5000 }], { limits, latencyMs });
		expect(run.limited / run.requests).toBeLessThan(0.01);
		expect(Math.max(...run.finishedAt) / 1000).toBeLessThan(1.05 * (10_000 / perSecond));
		expect(busiestWindow(run.admittedAt, 30_000)).toBeLessThanOrEqual(30 * perSecond + perSecond);
	});
});
