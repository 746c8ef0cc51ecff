import { startFakeOpenAi, type FakeAnswer, type FakeOpenAi, type RecordedRequest } from '../../support/fake-openai';
import { runNode } from '../../support/executeContext';
import { expectAllConform, expectRequestsConform, useContractProxy } from '../support';

// Some flows need a batch that has ended, which Prism's static answers never show (always "validating"): there
// the project's fake server sits in front and passes every request on to Prism unchanged, only rewriting the
// batch status in Prism's answer. Every request the node sends still reaches Prism and is checked.
jest.setTimeout(60_000);

describe('contract: Batch against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	let fake: FakeOpenAi;
	beforeAll(async () => {
		fake = await startFakeOpenAi();
	});
	afterAll(async () => fake.close());
	beforeEach(() => fake.reset());
	const credentials = () => ({ baseUrl: proxy.url });
	const batch = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'batch', operation, ...parameters });
	const userSays = (i: number) => ({ values: [{ role: 'user', content: `Question ${i}` }] });

	/** Passes a request the fake received on to Prism (through the recording proxy) and returns Prism's answer. */
	async function forward(req: RecordedRequest, rewrite?: (body: Record<string, unknown>) => Record<string, unknown>): Promise<FakeAnswer> {
		const query = new URLSearchParams(req.query).toString();
		const headers: Record<string, string> = { authorization: String(req.headers.authorization) };
		if (req.headers['content-type']) headers['content-type'] = String(req.headers['content-type']);
		const answer = await fetch(`${proxy.url}${req.path.replace(/^\/v1/, '')}${query ? `?${query}` : ''}`, {
			method: req.method,
			headers,
			body: ['GET', 'HEAD'].includes(req.method) ? undefined : new Uint8Array(req.rawBody),
		});
		const type = answer.headers.get('content-type') ?? 'application/octet-stream';
		const payload = Buffer.from(await answer.arrayBuffer());
		if (rewrite && type.includes('json')) return { status: answer.status, body: rewrite(JSON.parse(payload.toString('utf8'))) };
		return { status: answer.status, body: payload, headers: { 'content-type': type } };
	}

	/** The fake passes everything on to Prism; a batch retrieved comes back as completed, with both files. */
	function forwardAllAsCompleted(): void {
		const completed = (body: Record<string, unknown>) => ({ ...body, status: 'completed', output_file_id: 'file-out', error_file_id: 'file-err' });
		fake.on('POST', '/v1/files', (req) => forward(req));
		fake.on('POST', '/v1/batches', (req) => forward(req));
		fake.on('GET', /^\/v1\/batches\/[^/]+$/, (req) => forward(req, completed));
		fake.on('GET', /^\/v1\/files\/[^/]+\/content$/, (req) => forward(req));
	}

	test('Create: POST /files (multipart JSONL, purpose batch) and POST /batches with metadata', async () => {
		const { output } = await runNode({
			parameters: batch('create', { messages: userSays, batchOptions: { metadata: '{"job": "nightly"}' } }),
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('batch');
		expect(proxy.records.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /files', 'POST /batches']);
		expectAllConform(proxy.records, 2);
	});

	test('Create with Wait For Completion: upload, create, the status check and both result downloads', async () => {
		forwardAllAsCompleted();
		await runNode({
			parameters: batch('create', { messages: userSays, waitForCompletion: true, pollInterval: 1 }),
			items: [{ json: {} }, { json: {} }],
			// Prism's file content is a placeholder, not result lines: the items end as "no result" errors.
			continueOnFail: true,
			credentials: { baseUrl: fake.url },
		});
		expect(proxy.records.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			['POST /files', 'POST /batches', 'GET /batches/string', 'GET /files/file-out/content', 'GET /files/file-err/content'].sort(),
		);
		expectAllConform(proxy.records, 5);
	});

	test.each([
		['chatCompletions', { messages: userSays, options: { temperature: 0.2, maxCompletionTokens: 50 } }],
		['completions', { inputType: 'prompt', model: { __rl: true, mode: 'id', value: 'gpt-3.5-turbo-instruct' }, prompt: 'Say hi', options: { maxTokens: 20 } }],
		['embeddings', { model: { __rl: true, mode: 'id', value: 'text-embedding-3-small' }, input: 'Embed me', options: { dimensions: 256 } }],
		['moderations', { moderationInput: { values: [{ type: 'text', text: 'I want to hug everyone' }] } }],
		['responses', { inputText: 'Hello', instructions: 'Be brief.', textFormat: 'json_object', responseOptions: { maxOutputTokens: 100 } }],
	])('Create for %s: the batch and every request line it holds conform', async (endpoint, fields) => {
		fake.on('POST', '/v1/files', (req) => forward(req));
		fake.on('POST', '/v1/batches', (req) => forward(req));
		await runNode({
			parameters: batch('create', { endpoint, ...fields }),
			items: [{ json: {} }, { json: {} }],
			credentials: { baseUrl: fake.url },
		});
		const upload = fake.requests.find((r) => r.path === '/v1/files')!;
		const lines = upload.body.file.content
			.toString('utf8')
			.split('\n')
			.filter(Boolean)
			.map((text: string) => JSON.parse(text));
		expect(lines).toHaveLength(2);
		// Each line's body is sent to its own endpoint, so that Prism checks it as the request it stands for.
		for (const line of lines) {
			await fetch(`${proxy.url}${line.url.replace(/^\/v1/, '')}`, {
				method: 'POST',
				headers: { authorization: 'Bearer sk-contract', 'content-type': 'application/json' },
				body: JSON.stringify(line.body),
			});
		}
		const url = lines[0].url.replace(/^\/v1/, '');
		expect(proxy.records.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /files', 'POST /batches', `POST ${url}`, `POST ${url}`]);
		expectRequestsConform(proxy.records, 4);
	});

	test('Retrieve: GET /batches/{id}', async () => {
		const { output } = await runNode({ parameters: batch('retrieve', { batchId: 'batch_abc123' }), credentials: credentials() });
		expect(output[0].json.object).toBe('batch');
		expectAllConform(proxy.records, 1);
	});

	test('List: GET /batches with a limit', async () => {
		const { output } = await runNode({ parameters: batch('list', { limit: 2 }), credentials: credentials() });
		expect(output.length).toBeGreaterThan(0);
		expect(proxy.records[0]).toMatchObject({ method: 'GET', path: '/batches' });
		expectAllConform(proxy.records);
	});

	test('Cancel: POST /batches/{id}/cancel', async () => {
		const { output } = await runNode({ parameters: batch('cancel', { batchId: 'batch_abc123' }), credentials: credentials() });
		expect(output[0].json.object).toBe('batch');
		expectAllConform(proxy.records, 1);
	});

	test('Get Results: GET /batches/{id} and GET /files/{id}/content for both result files', async () => {
		forwardAllAsCompleted();
		await runNode({ parameters: batch('getResults', { batchId: 'batch_abc123' }), credentials: { baseUrl: fake.url } });
		expect(proxy.records.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			['GET /batches/batch_abc123', 'GET /files/file-out/content', 'GET /files/file-err/content'].sort(),
		);
		expectAllConform(proxy.records, 3);
	});
});
