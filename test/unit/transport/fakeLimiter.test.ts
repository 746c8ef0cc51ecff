/*
 * The fake server's OpenAI-like rate limiter (issue 20): per key and model, request and token buckets with a
 * per-minute limit refilled continuously, a burst of one second's worth, the six headers on every answer, a 429
 * `rate_limit_exceeded` with `retry-after-ms` when a bucket is empty. Off unless turned on.
 */
import { createFakeLimiter, formatReset } from '../../support/fake-limiter';
import { startFakeOpenAi } from '../../support/fake-openai';
import { parseResetDuration } from '../../../nodes/OpenAiToolkit/transport/resetDuration';

const chat = (key: string, model = 'gpt-4o-mini', content = 'hi', extra: Record<string, unknown> = {}) => ({
	headers: { authorization: `Bearer ${key}` },
	body: { model, messages: [{ role: 'user', content }], ...extra },
});

function clock() {
	const state = { now: 0 };
	return { state, now: () => state.now };
}

describe('fake rate limiter', () => {
	test('reset durations are written as OpenAI writes them and read back by the node', () => {
		expect([20, 999.2, 1000, 17_500, 360_000, 3_723_000].map(formatReset)).toEqual(['20ms', '1000ms', '1s', '17.5s', '6m0s', '1h2m3s']);
		for (const ms of [20, 1000, 17_500, 360_000, 3_723_000]) expect(parseResetDuration(formatReset(ms))).toBe(ms);
	});

	test('a burst of one second\'s worth goes; the next request gets a 429 with retry-after-ms; the refill is continuous', () => {
		const { state, now } = clock();
		const limiter = createFakeLimiter({ requestsPerMinute: 3000, now });
		const answers = Array.from({ length: 51 }, () => limiter.admit(chat('sk-a')));
		expect(answers.slice(0, 50).every((answer) => answer.limited === undefined)).toBe(true);
		const limited = answers[50].limited!;
		expect(limited.status).toBe(429);
		expect(limited.headers).toEqual({ 'retry-after-ms': '20' });
		expect(limited.body).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } });
		expect((limited.body as { error: { message: string } }).error.message).toContain('requests per min (RPM): Limit 3000, Used 50');
		// Headers speak of the minute: 2,950 left, full again in 1 s.
		expect(answers[50].headers).toEqual({
			'x-ratelimit-limit-requests': '3000',
			'x-ratelimit-remaining-requests': '2950',
			'x-ratelimit-reset-requests': '1s',
		});
		state.now = 20;
		expect(limiter.admit(chat('sk-a')).limited).toBeUndefined();
		expect(limiter.admit(chat('sk-a')).limited?.status).toBe(429);
		expect(limiter.stats).toMatchObject({ requests: 53, limited: 2, byKind: { requests: 2, tokens: 0 } });
	});

	test('tokens: prompt characters / 4 plus max output tokens; a request over the burst waits for a full bucket', () => {
		const { state, now } = clock();
		const limiter = createFakeLimiter({ requestsPerMinute: 10_000, tokensPerMinute: 60_000, now });
		// 1,000 tokens a second: 400 prompt characters with the role (100) + 400 output = 500 each, two fit the burst.
		const request = () => chat('sk-a', 'gpt-4o-mini', 'x'.repeat(396), { max_tokens: 400 });
		const first = limiter.admit(request());
		expect(first.headers).toMatchObject({ 'x-ratelimit-limit-tokens': '60000', 'x-ratelimit-remaining-tokens': '59500', 'x-ratelimit-reset-tokens': '500ms' });
		expect(limiter.admit(request()).limited).toBeUndefined();
		const third = limiter.admit(request());
		expect(third.limited?.headers).toEqual({ 'retry-after-ms': '500' });
		expect(third.limited?.body).toMatchObject({ error: { type: 'tokens' } });
		state.now = 500;
		expect(limiter.admit(request()).limited).toBeUndefined();
		// Bigger than the whole burst: goes once the bucket is full.
		state.now = 10_000;
		expect(limiter.admit(chat('sk-a', 'gpt-4o-mini', 'x'.repeat(8000))).limited).toBeUndefined();
		expect(limiter.stats.byKind.tokens).toBe(1);
	});

	test('each key and model has buckets of its own; the in-flight count follows done()', () => {
		const { now } = clock();
		const limiter = createFakeLimiter({ requestsPerMinute: 60, now });
		const a = limiter.admit(chat('sk-a'));
		expect(a.limited).toBeUndefined();
		expect(limiter.admit(chat('sk-a')).limited?.status).toBe(429);
		expect(limiter.admit(chat('sk-b')).limited).toBeUndefined();
		expect(limiter.admit(chat('sk-a', 'gpt-4o')).limited).toBeUndefined();
		expect(limiter.stats.inFlight).toBe(4);
		a.done();
		a.done();
		expect(limiter.stats).toMatchObject({ inFlight: 3, maxInFlight: 4 });
	});

	test('on the server: off by default; when on, the six headers on every answer and a 429 over the limit', async () => {
		const plain = await startFakeOpenAi();
		const limited = await startFakeOpenAi({ limiter: { requestsPerMinute: 60, tokensPerMinute: 6000 } });
		try {
			const send = (url: string) =>
				fetch(`${url}/chat/completions`, {
					method: 'POST',
					headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
					body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
				});
			const before = await send(plain.url);
			expect(before.status).toBe(200);
			expect(before.headers.get('x-ratelimit-limit-requests')).toBeNull();
			const ok = await send(limited.url);
			expect(ok.status).toBe(200);
			for (const kind of ['requests', 'tokens']) {
				for (const name of ['limit', 'remaining', 'reset']) expect(ok.headers.get(`x-ratelimit-${name}-${kind}`)).toMatch(/\S/);
			}
			expect(ok.headers.get('x-ratelimit-remaining-requests')).toBe('59');
			const over = await send(limited.url);
			expect(over.status).toBe(429);
			expect(Number(over.headers.get('retry-after-ms'))).toBeGreaterThan(900);
			expect(over.headers.get('x-ratelimit-limit-requests')).toBe('60');
			expect((await over.json()).error.code).toBe('rate_limit_exceeded');
			limited.reset();
			expect((await send(limited.url)).status).toBe(200);
			expect(limited.limiter!.stats).toMatchObject({ requests: 1, limited: 0, inFlight: 0 });
		} finally {
			await plain.close();
			await limited.close();
		}
	});
});
