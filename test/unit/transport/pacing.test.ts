/*
 * Pacing to the account's rate limits (issue 20), on a fake clock: the buckets refill as the headers say, the
 * pace stays under the limit, Auto never asks for more than is left, AIMD without headers.
 */
import { AdaptiveConcurrency, AUTO_START } from '../../../nodes/OpenAiToolkit/transport/adaptiveConcurrency';
import { accountKeyOf, estimateTokens } from '../../../nodes/OpenAiToolkit/transport/paceRegistry';
import { RateLimiter } from '../../../nodes/OpenAiToolkit/transport/rateLimiter';
import { TokenBucket } from '../../../nodes/OpenAiToolkit/transport/tokenBucket';

const headers = (values: Record<string, string>) => new Headers(values);
const limits = (kind: 'requests' | 'tokens', limit: number, remaining: number, reset: string) =>
	headers({ [`x-ratelimit-limit-${kind}`]: String(limit), [`x-ratelimit-remaining-${kind}`]: String(remaining), [`x-ratelimit-reset-${kind}`]: reset });

function clock(start = 0) {
	const state = { now: start };
	return { state, now: () => state.now };
}

describe('token bucket', () => {
	test('refills continuously up to its capacity; a cost above the capacity waits for a full bucket and leaves a debt', () => {
		const bucket = new TokenBucket(10, 0.01, 0, 0);
		expect(bucket.waitMs(1, 0)).toBe(100);
		expect(bucket.available(500)).toBe(5);
		expect(bucket.available(5000)).toBe(10);
		expect(bucket.waitMs(25, 5000)).toBe(0);
		bucket.take(25, 5000);
		expect(bucket.available(5000)).toBe(-15);
		expect(bucket.waitMs(1, 5000)).toBe(1600);
	});
});

describe('pacing from the headers', () => {
	test.each([
		// 60 a minute, one used, back in 1 s: one request now, the next a second later (paced at 98 %).
		['1s', 'requests', 60, 59, 0, 1021],
		// 3,000 a minute, one used, back in 20 ms: a second's burst of 49 goes at once.
		['20ms', 'requests', 3000, 2999, 0, 0],
		// 30,000 tokens a minute, all used, back in 6 minutes: more than a per-minute refill explains, so a window.
		['6m0s', 'tokens', 30_000, 0, 100, 360_000],
	] as const)('reset %s: the bucket refills as the headers say', async (reset, kind, limit, remaining, tokens, secondWait) => {
		const { now } = clock();
		const limiter = new RateLimiter({ now, maxWaitMs: 1e9 });
		limiter.observe(limits(kind, limit, remaining, reset), 200);
		if (kind === 'requests') {
			expect(limiter.waitMs('', tokens)).toBe(0);
			await limiter.acquire();
		}
		expect(limiter.waitMs('', tokens)).toBe(secondWait);
	});

	test('20ms resets: after the burst, requests are paced at the limit, never above it', async () => {
		const { state, now } = clock();
		const limiter = new RateLimiter({ now, maxWaitMs: 1e9 });
		limiter.observe(limits('requests', 3000, 2999, '20ms'), 200);
		const sentAt: number[] = [];
		for (let i = 0; i < 600; i++) {
			state.now += limiter.waitMs();
			await limiter.acquire();
			sentAt.push(state.now);
			const send = limiter.recordSend();
			limiter.observe(limits('requests', 3000, 2999, '20ms'), 200, send);
		}
		// No window holds more than a server with a one-second burst lets through (50 + 50 a second), and the whole
		// run is at most 50 per second.
		for (let i = 0; i < sentAt.length; i += 10) {
			for (const width of [100, 1000, 5000]) {
				const inWindow = sentAt.filter((time) => time >= sentAt[i] && time < sentAt[i] + width).length;
				expect(inWindow).toBeLessThanOrEqual(50 + (50 * width) / 1000);
			}
		}
		const rate = (sentAt.length - 50) / ((sentAt[sentAt.length - 1] - sentAt[0]) / 1000);
		expect(rate).toBeLessThanOrEqual(50);
		expect(rate).toBeGreaterThan(45);
	});

	test('tokens: each request costs its prompt / 4 plus its max output tokens, and waits until they fit', async () => {
		const { state, now } = clock();
		const limiter = new RateLimiter({ now, maxWaitMs: 1e9 });
		const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(4000) }], max_tokens: 1000 };
		expect(estimateTokens(body)).toBe(1000 + 1 + 1000);
		// 120,000 tokens a minute = 2 a ms; a request of ~2,000 tokens every ~1 s.
		// The limits are the model's: its first answer brings them.
		const first = { body, fetchOptions: undefined as unknown };
		await limiter.acquire(undefined, first);
		limiter.observe(limits('tokens', 120_000, 120_000, '0s'), 200, limiter.recordSend(first.fetchOptions as RequestInit));
		const sentAt: number[] = [];
		for (let i = 0; i < 20; i++) {
			state.now += limiter.waitMs('gpt-4o-mini', estimateTokens(body));
			await limiter.acquire(undefined, { body });
			sentAt.push(state.now);
		}
		const tokensPerMs = (estimateTokens(body) * (sentAt.length - 1)) / (sentAt[sentAt.length - 1] - sentAt[0]);
		expect(tokensPerMs).toBeLessThanOrEqual(2 * 1.25);
	});

	test('Auto never asks for more requests than the headers say are left', () => {
		const { now } = clock();
		const limiter = new RateLimiter({ now });
		const send = limiter.recordSend();
		limiter.observe(limits('requests', 3000, 3, '59s'), 200, send);
		expect(limiter.concurrency()).toBeLessThanOrEqual(3);
		expect(limiter.waitMs()).toBe(0);
		// Three go at once; the fourth waits for the refill.
		const pace = () => limiter.waitMs();
		void limiter.acquire();
		void limiter.acquire();
		void limiter.acquire();
		expect(pace()).toBeGreaterThan(0);
	});

	test('a retryable 429 shrinks the pace; an exhausted quota does not', () => {
		const { now } = clock();
		const limiter = new RateLimiter({ now });
		limiter.observe(limits('requests', 6000, 5999, '10ms'), 200);
		const rateOf = () => (limiter as unknown as { registry: { get(a: string, m: string): { room(): { requestsPerMs?: number } } } }).registry.get('', '').room().requestsPerMs!;
		const before = rateOf();
		limiter.observe(headers({ 'x-should-retry': 'false' }), 429);
		expect(rateOf()).toBe(before);
		limiter.observe(headers({ 'retry-after-ms': '100' }), 429);
		expect(rateOf()).toBeCloseTo(before * 0.7);
		expect(limiter.waitMs()).toBe(100);
	});
});

describe('Concurrency Auto', () => {
	test('without headers: AIMD, growing while answers are fast, shrinking on rising latency or a 429', () => {
		const auto = new AdaptiveConcurrency();
		expect(auto.limit).toBe(AUTO_START);
		for (let i = 0; i < 20; i++) auto.observe({ status: 200, latencyMs: 300 });
		const grown = auto.limit;
		expect(grown).toBeGreaterThan(AUTO_START);
		auto.observe({ status: 429 });
		expect(auto.limit).toBe(Math.floor(grown * 0.7));
		// Another 429 of the same burst does not shrink it again.
		auto.observe({ status: 429 });
		expect(auto.limit).toBe(Math.floor(grown * 0.7));
		const afterLimit = auto.limit;
		// The server starts queueing: latency climbs to several times its best.
		for (let i = 0; i < 40; i++) auto.observe({ status: 200, latencyMs: 2000 });
		expect(auto.limit).toBeLessThan(afterLimit);
		expect(auto.limit).toBeGreaterThanOrEqual(1);
	});

	test('with headers: rate × latency, capped by what is left', () => {
		const auto = new AdaptiveConcurrency();
		auto.observe({ status: 200, latencyMs: 300, requestsPerMs: 0.05, remainingRequests: 49 });
		expect(auto.limit).toBe(Math.ceil(0.05 * 300 * 1.25) + 1);
		auto.observe({ status: 200, latencyMs: 300, requestsPerMs: 0.05, remainingRequests: 4 });
		expect(auto.limit).toBe(4);
	});
});

describe('shared paces', () => {
	test('limiters of one account share its paces per model; another key does not, and the key is not kept', () => {
		const account = { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-secret-key-1234567890' };
		const first = new RateLimiter({ account });
		const second = new RateLimiter({ account });
		const other = new RateLimiter({ account: { ...account, apiKey: 'sk-other' } });
		first.observe(headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '30s' }), 200);
		expect(second.waitMs()).toBeGreaterThan(29_000);
		expect(second.waitMs('gpt-4o')).toBe(0);
		expect(other.waitMs()).toBe(0);
		expect(accountKeyOf(account)).not.toContain('sk-secret');
	});
});
