import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { TEST_API_KEY } from '../../../support/constants';
import { resolveRequestPath } from '../../../../nodes/OpenAiToolkit/actions/customApiCall/makeRequest.operation';
import { responseFileName } from '../../../../nodes/OpenAiToolkit/actions/customApiCall/fileName';

const base = { resource: 'customApiCall', operation: 'makeRequest' };

describe('Custom API Call → Make Request', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	test('GET a relative path: JSON reply as JSON, auth, organization and project headers added', async () => {
		const { output } = await runNode({
			parameters: { ...base, url: 'models', method: 'GET', queryString: '{"limit": 2}', headers: '{"X-Trace": "t1"}' },
			credentials: { baseUrl: server.url, organizationId: 'org-1', projectId: 'proj_1' },
		});
		const request = server.requests[0];
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/v1/models');
		expect(request.query).toEqual({ limit: '2' });
		expect(request.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(request.headers['openai-organization']).toBe('org-1');
		expect(request.headers['openai-project']).toBe('proj_1');
		expect(request.headers['x-trace']).toBe('t1');
		expect(request.rawBody.length).toBe(0);
		expect(output[0].json).toMatchObject({ object: 'list', has_more: true });
		expect((output[0].json.data as unknown[]).length).toBe(2);
	});

	test('organization and project headers are not sent when the credential leaves them empty', async () => {
		await runNode({ parameters: { ...base, url: '/models' }, credentials: { baseUrl: server.url } });
		expect(server.requests[0].headers['openai-organization']).toBeUndefined();
		expect(server.requests[0].headers['openai-project']).toBeUndefined();
	});

	test.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s sends the JSON body as it is', async (method) => {
		server.on(method, '/v1/things/1', (req) => ({ status: 200, body: { got: req.body, method: req.method } }));
		const { output } = await runNode({
			parameters: { ...base, url: '/things/1', method, body: '{"a": 1, "nested": {"b": [1, 2]}}' },
			credentials: { baseUrl: server.url },
		});
		expect(server.requests[0].method).toBe(method);
		expect(server.requests[0].headers['content-type']).toContain('application/json');
		expect(server.requests[0].body).toEqual({ a: 1, nested: { b: [1, 2] } });
		expect(output[0].json).toEqual({ got: { a: 1, nested: { b: [1, 2] } }, method });
	});

	test('a reply that is not JSON becomes binary data with its file name and MIME type', async () => {
		server.on('GET', '/v1/files/file-1/content', () => ({
			status: 200,
			body: Buffer.from('line one\nline two\n'),
			headers: { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'attachment; filename="train.jsonl"' },
		}));
		const { output } = await runNode({
			parameters: { ...base, url: 'files/file-1/content', binaryPropertyOutput: 'file' },
			credentials: { baseUrl: server.url },
		});
		expect(output[0].json).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', size: 18 });
		const binary = output[0].binary!.file;
		expect(binary.fileName).toBe('train.jsonl');
		expect(binary.mimeType).toBe('text/plain');
		expect(Buffer.from(binary.data, 'base64').toString()).toBe('line one\nline two\n');
	});

	test('an absolute URL on another origin is refused before anything is sent', async () => {
		const error = await runNodeExpectingError({
			parameters: { ...base, url: 'https://example.com/x' },
			credentials: { baseUrl: server.url },
		});
		expect(error.message).toContain("The URL 'https://example.com/x' is not on the credential's Base URL");
		expect(server.requests).toHaveLength(0);
	});

	test('an absolute URL on the Base URL origin is accepted', async () => {
		await runNode({ parameters: { ...base, url: `${server.url}/models` }, credentials: { baseUrl: server.url } });
		expect(server.requests[0].path).toBe('/v1/models');
	});

	test.each([
		['headers', 'Headers'],
		['queryString', 'Query String'],
		['body', 'Body'],
	])('invalid JSON in %s names the field; other items go on under Continue On Fail', async (field, label) => {
		const { output } = await runNode({
			parameters: { ...base, url: 'models', method: 'POST', [field]: (i: number) => (i === 1 ? '{not json' : '{}') },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output).toHaveLength(3);
		expect(output[1].json.error).toBe(`Invalid JSON in field '${label}'`);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(server.requests).toHaveLength(2);
	});

	test('an API error keeps OpenAI message, status, code, param and request ID, and never the key', async () => {
		server.on('POST', '/v1/echo-key', () => ({
			status: 400,
			body: { error: { message: `Incorrect API key provided: ${TEST_API_KEY}`, type: 'invalid_request_error', param: 'key', code: 'invalid_api_key' } },
		}));
		const { output } = await runNode({
			parameters: { ...base, url: 'echo-key', method: 'POST' },
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output[0].json).toEqual({
			error: 'Incorrect API key provided: [redacted]',
			status: 400,
			code: 'invalid_api_key',
			param: 'key',
			type: 'invalid_request_error',
			requestId: 'req_fake_1',
			description: 'HTTP 400, code: invalid_api_key, param: key, type: invalid_request_error, request ID: req_fake_1',
		});
		expect(JSON.stringify(output)).not.toContain(TEST_API_KEY);
	});
});

describe('resolveRequestPath', () => {
	const baseUrl = 'https://api.openai.com/v1';
	test.each([
		['models', '/models'],
		['/models', '/models'],
		['  files/abc/content ', '/files/abc/content'],
		['https://api.openai.com/v1/models', 'https://api.openai.com/v1/models'],
	])('%s → %s', (url, expected) => {
		expect(resolveRequestPath(url, baseUrl)).toBe(expected);
	});
	test.each(['https://example.com/x', 'http://api.openai.com/v1/models', 'https://api.openai.com.evil.io/v1'])(
		'%s is refused',
		(url) => {
			expect(() => resolveRequestPath(url, baseUrl)).toThrow("is not on the credential's Base URL");
		},
	);
});

describe('Custom API Call: the file name of a response that is not JSON', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	test.each([
		["attachment; filename*=UTF-8''%E2%82%AC%20rates.csv", 'files/x/content', '€ rates.csv'],
		["attachment; filename=\"plain.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", 'files/x/content', 'résumé.pdf'],
		// A malformed escape: the plain filename if there is one, else the value as it came; never a failure.
		["attachment; filename*=UTF-8''bad%E0%A4%A.txt", 'files/x/content', 'bad%E0%A4%A.txt'],
		["attachment; filename*=UTF-8''%ZZ; filename=\"fallback.bin\"", 'files/x/content', 'fallback.bin'],
		['attachment; filename="quoted \\"name\\".jsonl"', 'files/x/content', 'quoted "name".jsonl'],
		['attachment; filename=../../etc/passwd', 'files/x/content', 'passwd'],
		['attachment; filename=""', 'files/file-9/content', 'content'],
		['inline', '/', 'response'],
		[null, 'audio/speech', 'speech'],
	])('%p (path %s) → %s', (disposition, path, expected) => {
		expect(responseFileName(disposition, path)).toBe(expected);
	});

	test('a Content-Disposition that cannot be decoded does not fail a call that succeeded', async () => {
		server.on('GET', '/v1/files/file-1/content', () => ({
			status: 200,
			body: Buffer.from('a,b\n'),
			headers: { 'content-type': 'text/csv', 'content-disposition': "attachment; filename*=UTF-8''%E0%A4%A" },
		}));
		const { output } = await runNode({ parameters: { ...base, url: 'files/file-1/content' }, credentials: { baseUrl: server.url } });
		expect(output[0].json).toEqual({ status: 200, contentType: 'text/csv', size: 4 });
		expect(output[0].binary!.data.fileName).toBe('%E0%A4%A');
		expect(Buffer.from(output[0].binary!.data.data, 'base64').toString()).toBe('a,b\n');
	});

	test('an empty or unusable URL is refused naming the field and the item, nothing sent', async () => {
		const { output } = await runNode({
			parameters: { ...base, url: (i: number) => ['  ', 'http://[broken', 'models'][i] },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output[0].json).toMatchObject({ error: "The field 'URL' is empty", description: 'Item 1 (index 0).' });
		expect(output[1].json).toMatchObject({ error: "The field 'URL' is not a valid URL ('http://[broken')", description: 'Item 2 (index 1).' });
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/models']);
	});
});
