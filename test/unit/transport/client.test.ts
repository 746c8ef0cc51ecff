import { APIConnectionError, RateLimitError } from 'openai';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../support/executeContext';
import { TEST_API_KEY } from '../../support/constants';
import { buildClient, normalizeBaseUrl } from '../../../nodes/OpenAiToolkit/transport/client';

const quotaError = {
	status: 429,
	body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
};

describe('transport: the SDK client', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	test('nothing comes from OPENAI_* environment variables', async () => {
		const saved = { ...process.env };
		Object.assign(process.env, {
			OPENAI_API_KEY: 'sk-from-env',
			OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
			OPENAI_ORG_ID: 'org-env',
			OPENAI_PROJECT_ID: 'proj-env',
			OPENAI_CUSTOM_HEADERS: 'X-From-Env: yes',
			OPENAI_LOG: 'debug',
		});
		const logged: unknown[] = [];
		const spies = (['log', 'debug', 'info', 'warn', 'error'] as const).map((level) =>
			jest.spyOn(console, level).mockImplementation((...args) => void logged.push(args)),
		);
		try {
			const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
			await client.models.list();
		} finally {
			process.env = saved;
			spies.forEach((spy) => spy.mockRestore());
		}
		const headers = server.requests[0].headers;
		expect(headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(headers['openai-organization']).toBeUndefined();
		expect(headers['openai-project']).toBeUndefined();
		expect(headers['x-from-env']).toBeUndefined();
		expect(logged).toEqual([]);
	});

	test('the Base URL defaults to OpenAI and loses trailing slashes', () => {
		expect(normalizeBaseUrl(undefined)).toBe('https://api.openai.com/v1');
		expect(normalizeBaseUrl('  ')).toBe('https://api.openai.com/v1');
		expect(normalizeBaseUrl('http://localhost:11434/v1//')).toBe('http://localhost:11434/v1');
	});

	test('a 429 with retry-after-ms is retried after the wait the server asked for', async () => {
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '300' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		await client.models.list();
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(290);
	});

	test('500 and a dropped connection are retried', async () => {
		server.queueFault({ status: 500, body: { error: { message: 'boom', type: 'server_error' } } });
		server.queueFault({ reset: true });
		server.queueFault({ status: 502, headers: { 'retry-after-ms': '1' }, body: 'bad gateway' });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 3, timeoutMs: 5000 });
		const page = await client.models.list();
		expect(page.data.length).toBeGreaterThan(0);
		expect(server.requests).toHaveLength(4);
	});

	test('an exhausted quota (insufficient_quota) is never retried', async () => {
		server.queueFault(quotaError);
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 5, timeoutMs: 5000 });
		await expect(client.models.list()).rejects.toBeInstanceOf(RateLimitError);
		expect(server.requests).toHaveLength(1);
	});

	test('the quota error tells the user plainly that the account is out of credit', async () => {
		server.queueFault(quotaError);
		const error = await runNodeExpectingError({
			parameters: { resource: 'model', operation: 'list' },
			credentials: { baseUrl: server.url },
		});
		expect(error.message).toBe('You exceeded your current quota');
		expect(error.description).toContain('out of credit');
		expect(error.httpCode).toBe('429');
	});

	test('Max Retries 0 gives up after the first failure', async () => {
		server.queueFault({ status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } });
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'list', requestOptions: { maxRetries: 0 } },
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output[0].json).toMatchObject({ error: 'overloaded', status: 503 });
		expect(server.requests).toHaveLength(1);
	});

	test('a cancelled execution aborts the request in flight', async () => {
		server.latencyMs = 2000;
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 100);
		const started = Date.now();
		const error = await runNodeExpectingError({
			parameters: { resource: 'model', operation: 'list' },
			credentials: { baseUrl: server.url },
			cancelSignal: controller.signal,
		});
		expect(Date.now() - started).toBeLessThan(1500);
		expect(error.message).toMatch(/abort/i);
		expect(server.requests).toHaveLength(1);
	});

	test('a connection that never answers gives a connection error without the key', async () => {
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:9/v1' }, { maxRetries: 0, timeoutMs: 2000 });
		const error = await client.models.list().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(APIConnectionError);
		expect(String((error as Error).message)).not.toContain(TEST_API_KEY);
	});

	test('a request that times out is retried, and the retry can succeed', async () => {
		let calls = 0;
		server.on('GET', '/v1/models', async () => {
			if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 1500));
			return { status: 200, body: { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] } };
		});
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 1, timeoutMs: 300 });
		const page = await client.models.list();
		expect(page.data.map((model) => model.id)).toEqual(['gpt-4o']);
		expect(server.requests).toHaveLength(2);
	});

	test('the Timeout option ends a request that takes longer, with a clear error once retries are spent', async () => {
		server.latencyMs = 1600;
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'list', requestOptions: { timeout: 1, maxRetries: 0 } },
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output[0].json.error).toMatch(/timed out/i);
		expect(server.requests).toHaveLength(1);
	});

	test('Max Retries is how many times a request is repeated after the first attempt', async () => {
		for (let i = 0; i < 5; i++) server.queueFault({ status: 500, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'boom', type: 'server_error' } } });
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'list', requestOptions: { maxRetries: 3 } },
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output[0].json).toMatchObject({ error: 'boom', status: 500 });
		expect(server.requests).toHaveLength(4);
	});

	test('many requests add no listener to the cancel signal that outlives them, and cancel still aborts the ones in flight', async () => {
		const controller = new AbortController();
		const added = jest.spyOn(controller.signal, 'addEventListener');
		const removed = jest.spyOn(controller.signal, 'removeEventListener');
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000, cancelSignal: controller.signal });
		for (let i = 0; i < 20; i++) await client.models.list();
		expect(added.mock.calls.length - removed.mock.calls.length).toBe(1);

		server.latencyMs = 3000;
		const inFlight = [client.models.list(), client.models.retrieve('gpt-4o')].map((request) => request.catch((error: unknown) => error));
		await new Promise((resolve) => setTimeout(resolve, 100));
		controller.abort();
		const errors = await Promise.all(inFlight);
		expect(errors.map((error) => (error as Error).constructor.name)).toEqual(['APIUserAbortError', 'APIUserAbortError']);
		expect(server.requests).toHaveLength(22);
	});
});
