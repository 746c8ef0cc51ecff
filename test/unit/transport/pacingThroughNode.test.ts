/*
 * Pacing through the node (issue 20): a version 2 Chat node against the fake server with its OpenAI-like rate
 * limiter on. Auto (no Concurrency set) stays under the limit with (almost) no 429s and never has more requests in
 * flight than the headers say are left; a number is a fixed pool, honoured exactly.
 */
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { runNode } from '../../support/executeContext';
import { createFakeLimiter } from '../../support/fake-limiter';

const chatParameters = (requestOptions: Record<string, unknown> = {}) => ({
	resource: 'chat',
	operation: 'createCompletion',
	chatModel: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
	messages: { values: [{ role: 'user', content: '={{ $json.text }}' }] },
	requestOptions,
});
const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { text: `Question ${index}` } }));

describe('pacing through the node (fake limiter on)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	test('Auto: 300 items at 3,000 requests a minute finish under the limit, with at most a few 429s', async () => {
		server.latencyMs = 50;
		server.limiter = createFakeLimiter({ requestsPerMinute: 3000, tokensPerMinute: 1_000_000 });
		const started = Date.now();
		const { output } = await runNode({ typeVersion: 2, parameters: chatParameters(), items: items(300), credentials: { baseUrl: server.url } });
		const seconds = (Date.now() - started) / 1000;
		expect(output).toHaveLength(300);
		expect(output[299].json).toMatchObject({ text: 'echo: Question 299' });
		const { stats } = server.limiter;
		expect(stats.limited).toBeLessThanOrEqual(3);
		expect(stats.overRemaining).toBe(0);
		// 50 a second after a burst of 50: at least (300 − 50) / 50 = 5 s, and not much more.
		expect(seconds).toBeGreaterThan(4.5);
		expect(seconds).toBeLessThan(9);
	}, 30_000);

	test('Auto with few requests left: never more in flight than the headers say are left', async () => {
		server.latencyMs = 100;
		// 120 a minute with a burst of 10 s' worth: 20 at once at most, then 2 a second.
		server.limiter = createFakeLimiter({ requestsPerMinute: 120, burstMs: 10_000 });
		const { output } = await runNode({ typeVersion: 2, parameters: chatParameters(), items: items(30), credentials: { baseUrl: server.url } });
		expect(output).toHaveLength(30);
		const { stats } = server.limiter;
		expect(stats.overRemaining).toBe(0);
		expect(stats.limited).toBeLessThanOrEqual(2);
	}, 30_000);

	test('a fixed Concurrency of 7 has exactly 7 in flight, never more, even with room for more', async () => {
		server.latencyMs = 30;
		server.limiter = createFakeLimiter({ requestsPerMinute: 600_000 });
		const { output } = await runNode({
			typeVersion: 2,
			parameters: chatParameters({ concurrency: 7 }),
			items: items(60),
			credentials: { baseUrl: server.url },
		});
		expect(output).toHaveLength(60);
		expect(server.limiter.stats).toMatchObject({ maxInFlight: 7, limited: 0 });
	}, 30_000);
});
