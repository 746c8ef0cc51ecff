import { APIUserAbortError } from 'openai';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../support/executeContext';
import { TEST_API_KEY } from '../../support/constants';
import { buildClient } from '../../../nodes/OpenAiToolkit/transport/client';
import { parseResetDuration, RateLimiter } from '../../../nodes/OpenAiToolkit/transport/rateLimiter';

const limits = (values: Record<string, string>) => new Headers(values);

describe('rate limiter: reading the headers', () => {
	test('reset durations in the forms OpenAI sends', () => {
		expect(parseResetDuration('1s')).toBe(1000);
		expect(parseResetDuration('6m0s')).toBe(360_000);
		expect(parseResetDuration('20ms')).toBe(20);
		expect(parseResetDuration('1h2m3.5s')).toBe(3_723_500);
		expect(parseResetDuration('0.5s')).toBe(500);
		expect(parseResetDuration('2')).toBe(2000);
		expect(parseResetDuration(' 7m12s ')).toBe(432_000);
		expect(parseResetDuration('soon')).toBeUndefined();
		expect(parseResetDuration('5x')).toBeUndefined();
		expect(parseResetDuration('')).toBeUndefined();
		expect(parseResetDuration(null)).toBeUndefined();
	});

	test('no headers, plenty left, or an unreadable reset: nothing waits', () => {
		const limiter = new RateLimiter({ now: () => 0 });
		expect(limiter.waitMs()).toBe(0);
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '499', 'x-ratelimit-reset-requests': '120ms' }), 200);
		expect(limiter.waitMs()).toBe(0);
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': 'later' }), 200);
		expect(limiter.waitMs()).toBe(0);
	});

	test('no requests left: new requests wait until the reset, then go', () => {
		let now = 1000;
		const limiter = new RateLimiter({ now: () => now });
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1.5s' }), 200);
		expect(limiter.waitMs()).toBe(1500);
		now = 2000;
		expect(limiter.waitMs()).toBe(500);
		now = 2500;
		expect(limiter.waitMs()).toBe(0);
	});

	test('requests sent after the one a response answers are taken off its remaining count', () => {
		const now = 0;
		const limiter = new RateLimiter({ now: () => now });
		const first = limiter.recordSend();
		limiter.recordSend();
		limiter.recordSend();
		// The answer to the first request says 2 are left, but two more went out since.
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '2', 'x-ratelimit-reset-requests': '1s' }), 200, first);
		expect(limiter.waitMs()).toBe(1000);
	});

	test('each request sent counts against the requests left', () => {
		const limiter = new RateLimiter({ now: () => 0 });
		const sent = limiter.recordSend();
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '2', 'x-ratelimit-reset-requests': '800ms' }), 200, sent);
		limiter.recordSend();
		expect(limiter.waitMs()).toBe(0);
		limiter.recordSend();
		expect(limiter.waitMs()).toBe(800);
	});

	test('tokens nearly used up (under 1 % of the limit) hold new requests until the token reset', () => {
		const limiter = new RateLimiter({ now: () => 0 });
		limiter.observe(
			limits({ 'x-ratelimit-limit-tokens': '30000', 'x-ratelimit-remaining-tokens': '5000', 'x-ratelimit-reset-tokens': '6m0s' }),
			200,
		);
		expect(limiter.waitMs()).toBe(0);
		limiter.observe(
			limits({ 'x-ratelimit-limit-tokens': '30000', 'x-ratelimit-remaining-tokens': '250', 'x-ratelimit-reset-tokens': '6m0s' }),
			200,
		);
		expect(limiter.waitMs()).toBe(360_000);
	});

	test('a retryable 429 with retry-after pauses every new request; an exhausted quota does not', () => {
		const limiter = new RateLimiter({ now: () => 0 });
		limiter.observe(limits({ 'retry-after-ms': '700', 'x-should-retry': 'false' }), 429);
		expect(limiter.waitMs()).toBe(0);
		limiter.observe(limits({ 'retry-after': '2' }), 429);
		expect(limiter.waitMs()).toBe(2000);
		limiter.observe(limits({ 'retry-after-ms': '300' }), 503);
		expect(limiter.waitMs()).toBe(2000);
	});

	test('no wait is longer than Max Wait: a longer reset fails the request at once, a longer retry-after pauses nobody', async () => {
		const limiter = new RateLimiter({ maxWaitMs: 5000 });
		limiter.observe(limits({ 'retry-after': '65' }), 429);
		expect(limiter.waitMs()).toBe(0);
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' }), 200);
		const started = Date.now();
		await expect(limiter.acquire()).rejects.toThrow(/^OpenAI asked to wait 360 s, longer than this item may wait \(5 s\)/);
		// At once: far below the 5 s this item may wait (a loaded CI machine needs more than 100 ms of slack).
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test('a wait ends at once with an abort error when the signal aborts', async () => {
		const limiter = new RateLimiter();
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '10s' }), 200);
		const controller = new AbortController();
		const waiting = limiter.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
	});
});

describe('rate limiter: in the node', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	/** Models answer with the given rate-limit headers, request by request (the last one repeats). */
	function answerWithLimits(headersByRequest: Array<Record<string, string>>) {
		let count = 0;
		server.on('GET', /^\/v1\/models\/(?<id>[^/]+)$/, (req) => {
			const headers = headersByRequest[Math.min(count++, headersByRequest.length - 1)];
			return { status: 200, body: { id: req.params.id, object: 'model' }, headers };
		});
	}
	const retrieve = (count: number, concurrency: number) => ({
		parameters: {
			resource: 'model',
			operation: 'retrieve',
			modelId: (i: number) => ({ __rl: true, mode: 'id', value: `model-${i}` }),
			requestOptions: { concurrency },
		},
		items: Array.from({ length: count }, () => ({ json: {} })),
		credentials: { baseUrl: server.url },
	});

	test('exhausted request headers hold the next request until the reset', async () => {
		answerWithLimits([
			{ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '400ms' },
			{ 'x-ratelimit-remaining-requests': '100', 'x-ratelimit-reset-requests': '10ms' },
		]);
		const { output } = await runNode(retrieve(3, 1));
		expect(output.map((item) => item.json.id)).toEqual(['model-0', 'model-1', 'model-2']);
		const [first, second, third] = server.requests.map((req) => req.receivedAt);
		expect(second - first).toBeGreaterThanOrEqual(380);
		// Plenty left after the reset: the third follows without a wait.
		expect(third - second).toBeLessThan(380);
	});

	test('exhausted token headers hold every item of the pool, not only the next one', async () => {
		const exhausted = { 'x-ratelimit-limit-tokens': '10000', 'x-ratelimit-remaining-tokens': '3', 'x-ratelimit-reset-tokens': '500ms' };
		answerWithLimits([
			exhausted,
			exhausted,
			{ 'x-ratelimit-limit-tokens': '10000', 'x-ratelimit-remaining-tokens': '9000', 'x-ratelimit-reset-tokens': '1ms' },
		]);
		server.latencyMs = 50;
		const { output } = await runNode(retrieve(4, 2));
		expect(output).toHaveLength(4);
		// Items 0 and 1 went out together; 2 and 3 waited for the reset the first answer announced.
		const times = server.requests.map((req) => req.receivedAt);
		expect(Math.min(times[2], times[3]) - times[0]).toBeGreaterThanOrEqual(480);
	});

	test('a 429 with retry-after-ms holds the other items too, and the one that got it is retried', async () => {
		answerWithLimits([{}]);
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '400' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
		server.latencyMs = 20;
		const { output } = await runNode(retrieve(6, 2));
		expect(output.map((item) => item.json.id)).toEqual(Array.from({ length: 6 }, (_, i) => `model-${i}`));
		expect(server.requests).toHaveLength(7);
		// The first two went out together and one got the 429: every later request waited for its retry-after.
		const [first, , ...later] = server.requests.map((req) => req.receivedAt);
		for (const time of later) expect(time - first).toBeGreaterThanOrEqual(380);
	});

	test('a cancelled execution ends a wait for the reset at once, and the held request is never sent', async () => {
		answerWithLimits([{ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '30s' }]);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 300);
		const error = await runNodeExpectingError({ ...retrieve(2, 1), cancelSignal: controller.signal });
		expect(error.message).toMatch(/abort/i);
		expect(server.requests).toHaveLength(1);
	});

	test('the limiter is shared by every request of one client, and a fresh client starts fresh', async () => {
		answerWithLimits([{ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '30s' }]);
		const limiter = new RateLimiter();
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000, hooks: limiter.hooks() });
		await client.models.retrieve('a');
		expect(limiter.waitMs()).toBeGreaterThan(29_000);
		// Another execution (another client, another limiter) is not held by this one's window.
		await buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000, hooks: new RateLimiter().hooks() }).models.retrieve('b');
		expect(server.requests).toHaveLength(2);
	});

	test('a wait for the reset does not count against the request timeout', async () => {
		const limiter = new RateLimiter();
		limiter.observe(limits({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '900ms' }), 200);
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 400, hooks: limiter.hooks() });
		const page = await client.models.list();
		expect(page.data.length).toBeGreaterThan(0);
		expect(server.requests).toHaveLength(1);
	});

	test("the SDK's upload probe does not count as a request", async () => {
		server.on('POST', '/v1/files', () => ({ status: 200, body: { id: 'file-1', object: 'file', bytes: 2, filename: 'a.txt', purpose: 'user_data', created_at: 1, status: 'processed' } }));
		const limiter = new RateLimiter();
		const sends = jest.spyOn(limiter, 'recordSend');
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000, hooks: limiter.hooks() });
		await client.files.create({ file: new File(['hi'], 'a.txt', { type: 'text/plain' }), purpose: 'user_data' });
		expect(sends).toHaveBeenCalledTimes(1);
		expect(server.requests[0].body.file).toMatchObject({ filename: 'a.txt', size: 2 });
	});
});
