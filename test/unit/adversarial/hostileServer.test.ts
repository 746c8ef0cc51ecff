/**
 * The node against a server that attacks the user's key or the run: it echoes the key in every error field,
 * header and body, answers invalid JSON that starts with the key, and asks to wait an hour.
 */
import { startFakeOpenAi, type FakeOpenAi, type RecordedRequest } from '../../support/fake-openai';
import { TEST_API_KEY } from '../../support/constants';
import { runNode, runNodeExpectingError } from '../../support/executeContext';

/** Everything an error or item holds, as text: own and inherited fields, cause chain, stack. */
function everything(value: unknown, seen = new Set<unknown>()): string {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'object') return String(value);
	if (seen.has(value)) return '';
	seen.add(value);
	const parts: string[] = [];
	const names = new Set([...Object.getOwnPropertyNames(value), 'message', 'description', 'stack', 'cause', 'context', 'errorResponse', 'messages']);
	for (const name of names) {
		let field: unknown;
		try {
			field = (value as Record<string, unknown>)[name];
		} catch {
			continue;
		}
		if (typeof field === 'function') continue;
		parts.push(name, everything(field, seen));
	}
	return parts.join(' ');
}

const KEY_PREFIX = TEST_API_KEY.slice(0, 10);

function expectNoKey(text: string) {
	expect(text).not.toContain(TEST_API_KEY);
	expect(text).not.toContain(KEY_PREFIX);
	expect(text).not.toMatch(/Bearer\s+sk-/);
}

describe('adversarial: a hostile server', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	/** The key the server was sent, echoed everywhere. */
	const echoFault = (status: number) => (req: RecordedRequest) => {
		const auth = req.headers.authorization ?? '';
		const key = auth.replace(/^Bearer\s+/, '');
		return {
			status,
			headers: { 'x-request-id': `req_${key}`, 'x-echo': auth, 'x-should-retry': 'false' },
			body: { error: { message: `bad key ${key} (${auth})`, code: `code_${key}`, param: key, type: `type ${auth}` } },
		};
	};

	const chat = {
		resource: 'chat',
		operation: 'createCompletion',
		model: 'gpt-4o-mini',
		messages: { values: [{ role: 'user', content: 'hi' }] },
	};

	test.each([400, 401, 429, 500])('an error %i echoing the key in message, code, param, type and request ID leaks nothing', async (status) => {
		server.setFault(echoFault(status));
		const { output } = await runNode({
			parameters: chat,
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output).toHaveLength(2);
		expect(output[0].json).toMatchObject({ status, code: 'code_[redacted]', param: '[redacted]', requestId: 'req_[redacted]' });
		expectNoKey(JSON.stringify(output));
		expectNoKey(everything(output));

		const error = await runNodeExpectingError({ parameters: chat, credentials: { baseUrl: server.url } });
		expect(error.message).toBe('bad key [redacted] (Bearer [redacted])');
		expectNoKey(everything(error));
	});

	test('an answer that is not JSON but starts with the key is not quoted', async () => {
		server.setFault((req) => ({
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: `${String(req.headers.authorization).slice(7)} is what you sent`,
		}));
		const error = await runNodeExpectingError({ parameters: chat, credentials: { baseUrl: server.url } });
		expect(error.message).toBe('The server sent an answer that is not valid JSON');
		expectNoKey(everything(error));
	});

	test('a success that echoes the key in its body leaves it out of the output item', async () => {
		server.setFault((req) => ({
			status: 200,
			body: { id: `chatcmpl-${req.headers.authorization}`, object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
				choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `your key is ${TEST_API_KEY.slice(0, 12)}…` } }],
				[`k_${TEST_API_KEY}`]: TEST_API_KEY },
		}));
		const { output } = await runNode({ parameters: chat, credentials: { baseUrl: server.url } });
		expect(output[0].json.text).toBe('your key is [redacted]…');
		expectNoKey(JSON.stringify(output));
	});

	test('a 429 asking to wait an hour fails that item at once, naming the wait; the other items go on unpaused', async () => {
		let calls = 0;
		server.setFault(() => (++calls === 1 ? { status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'slow down', type: 'requests' } } } : undefined));
		const started = Date.now();
		const { output } = await runNode({
			parameters: { ...chat, requestOptions: { concurrency: 1, maxRetries: 2 } },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(output[0].json.error).toBe(
			'OpenAI asked to wait 3600 s, longer than this item may wait (60 s). Raise Max Wait or Timeout in Request Options to wait longer.',
		);
		expect(output[0].json.description).toContain('OpenAI said: slow down');
		expect(output[1].json.text).toEqual(expect.any(String));
		expect(server.requests).toHaveLength(2); // the 429 was not retried
	});

	test('retry-after 65 with a 1 s timeout fails the item instead of pausing the run for 65 s', async () => {
		server.queueFault({ status: 429, headers: { 'retry-after': '65' }, body: { error: { message: 'slow down' } } });
		const started = Date.now();
		const { output } = await runNode({
			parameters: { ...chat, requestOptions: { timeout: 1, concurrency: 1 } },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(output[0].json.error).toMatch(/^OpenAI asked to wait 65 s, longer than this item may wait \(1 s\)/);
		expect(output.slice(1).map((item) => typeof item.json.text)).toEqual(['string', 'string']);
	});

	test('a retry-after that fits is honoured: the retry waits that long, once', async () => {
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '300' }, body: { error: { message: 'slow down' } } });
		const { output } = await runNode({ parameters: chat, credentials: { baseUrl: server.url } });
		expect(output[0].json.text).toEqual(expect.any(String));
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(280);
	});

	test('rate-limit headers that say "used up for an hour" fail the next items at once instead of holding them', async () => {
		server.setFault(() => undefined);
		server.on('POST', '/v1/chat/completions', async () => ({
			status: 200,
			headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1h', 'x-ratelimit-limit-requests': '100' },
			body: { id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
				choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'ok' } }] },
		}));
		const started = Date.now();
		const { output } = await runNode({
			parameters: { ...chat, requestOptions: { concurrency: 1 } },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(output[0].json.text).toBe('ok');
		expect(output[1].json.error).toMatch(/^OpenAI asked to wait 3600 s/);
		expect(server.requests).toHaveLength(1);
	});

	test('a credential in a custom header (Custom API Call) echoed back is scrubbed like the key', async () => {
		const azureKey = 'azure-api-key-0123456789abcdef';
		server.setFault((req) => ({ status: 400, body: { error: { message: `bad ${String(req.headers['api-key'])}`, param: String(req.headers['api-key']) } } }));
		const { output } = await runNode({
			parameters: { resource: 'customApiCall', operation: 'makeRequest', url: 'models', headers: JSON.stringify({ 'api-key': azureKey }) },
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(server.requests[0].headers['api-key']).toBe(azureKey);
		expect(output[0].json.error).toBe('bad [redacted]');
		expect(everything(output)).not.toContain(azureKey.slice(0, 10));
	});
});
