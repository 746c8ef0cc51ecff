import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedTextFile } from './seed';

describe('Vector Store → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const create = (extra: Record<string, unknown> = {}) => ({ resource: 'vectorStore', operation: 'create', ...extra });
	const run = async (parameters: Record<string, unknown>, more: Record<string, unknown> = {}) =>
		await runNode({ typeVersion: 2, parameters: create(parameters), credentials: credentials(), ...more });
	const fail = async (parameters: Record<string, unknown>) =>
		await runNodeExpectingError({ typeVersion: 2, parameters: create(parameters), credentials: credentials() });

	test('an empty store: only what is set is sent, the store is output paired', async () => {
		const { output } = await run({});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/vector_stores', body: {} });
		expect(server.requests[0].headers['openai-beta']).toBe('assistants=v2');
		expect(output).toEqual([{ json: expect.objectContaining({ id: 'vs_0001', object: 'vector_store', status: 'completed' }), pairedItem: { item: 0 } }]);
	});

	test('every field: name, file IDs (commas or a list), static chunking, description, expiry, metadata', async () => {
		const a = seedTextFile(server, 'a.txt', 'alpha');
		const b = seedTextFile(server, 'b.txt', 'beta');
		await run({
			vectorStoreName: ' Handbook ',
			fileIds: `${a}, ${b}\n${a}`,
			chunkingStrategy: 'static',
			maxChunkSizeTokens: 1000,
			chunkOverlapTokens: 500,
			options: { description: 'Staff handbook', expiresAfterDays: 30, metadata: '{"team": "hr", "year": 2025}' },
		});
		expect(server.requests[0].body).toEqual({
			name: 'Handbook',
			file_ids: [a, b],
			chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 500 } },
			description: 'Staff handbook',
			expires_after: { anchor: 'last_active_at', days: 30 },
			metadata: { team: 'hr', year: '2025' },
		});
		server.requests.length = 0;
		await run({ fileIds: [a, ' ', b], chunkingStrategy: 'auto' });
		expect(server.requests[0].body).toEqual({ file_ids: [a, b] });
	});

	test('a chunking strategy is sent only with files', async () => {
		await run({ chunkingStrategy: 'static', maxChunkSizeTokens: 400, chunkOverlapTokens: 100 });
		expect(server.requests[0].body).toEqual({});
	});

	test('Wait Until Processed polls GET /vector_stores/{id} until the files are done', async () => {
		const a = seedTextFile(server, 'a.txt', 'alpha');
		server.state.vectorStoreProcessingChecks = 2;
		const { output } = await run({ fileIds: a, waitUntilProcessed: true, processingPollInterval: 1 });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/vector_stores',
			'GET /v1/vector_stores/vs_0001',
			'GET /v1/vector_stores/vs_0001',
		]);
		expect(output[0].json).toMatchObject({ id: 'vs_0001', status: 'completed', file_counts: { completed: 1, total: 1 } });
	});

	test('a wait that times out fails the item naming the store and how far it got', async () => {
		const a = seedTextFile(server, 'a.txt', 'alpha');
		server.state.vectorStoreProcessingChecks = 100;
		const error = await fail({ fileIds: a, waitUntilProcessed: true, processingPollInterval: 1, processingTimeout: 0.001 });
		expect(error.message).toBe('The vector store vs_0001 was not processed within 0.001 minutes (0 of 1 files done)');
		expect(error.description).toContain('Vector Store → Retrieve');
	});

	test.each([
		['Expires After (Days)', { options: { expiresAfterDays: 0 } }, "The field 'Expires After (Days)' must be between 1 and 365 (got 0)"],
		['Expires After (Days)', { options: { expiresAfterDays: 2.5 } }, "The field 'Expires After (Days)' must be a whole number (got 2.5)"],
		['Max Chunk Size (Tokens)', { fileIds: 'file-1', chunkingStrategy: 'static', maxChunkSizeTokens: Number.NaN }, "The field 'Max Chunk Size (Tokens)' must be a number (got 'NaN')"],
		['Max Chunk Size (Tokens)', { fileIds: 'file-1', chunkingStrategy: 'static', maxChunkSizeTokens: 5000 }, "The field 'Max Chunk Size (Tokens)' must be between 100 and 4096 (got 5000)"],
		['Chunk Overlap (Tokens)', { fileIds: 'file-1', chunkingStrategy: 'static', maxChunkSizeTokens: 800, chunkOverlapTokens: 401 }, "The field 'Chunk Overlap (Tokens)' must be between 0 and 400 (got 401)"],
		['Chunk Overlap (Tokens)', { fileIds: 'file-1', chunkingStrategy: 'static', chunkOverlapTokens: -1 }, "The field 'Chunk Overlap (Tokens)' must be between 0 and 400 (got -1)"],
		['Metadata (JSON)', { options: { metadata: '{"a": {"b": 1}}' } }, "Field 'Metadata (JSON)': the value of 'a' must be text, not an object or list"],
		['File IDs', { fileIds: Array.from({ length: 501 }, (_, i) => `file-${i}`) }, "The field 'File IDs' has 501 IDs; OpenAI takes at most 500"],
		['File IDs', { fileIds: [{ id: 'file-1' }] }, "Entry 1 of the field 'File IDs' is not an ID (got an object)"],
		['Poll Interval (Seconds)', { waitUntilProcessed: true, processingPollInterval: Infinity }, "The field 'Poll Interval (Seconds)' must be a number (got 'Infinity')"],
		['Timeout (Minutes)', { waitUntilProcessed: true, processingTimeout: 1e9 }, "The field 'Timeout (Minutes)' must be between 0.001 and 10080 (got 1000000000)"],
	])('a bad %s is refused before anything is sent', async (_field, parameters, message) => {
		const error = await fail(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('an unknown file ID keeps OpenAI message and status; Continue On Fail goes on with the next item', async () => {
		const a = seedTextFile(server, 'a.txt', 'alpha');
		const { output } = await run(
			{ fileIds: (i: number) => (i === 0 ? 'file-nope' : a) },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output[0].json.error).toBe('No such File object: file-nope');
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json).toMatchObject({ id: 'vs_0001', object: 'vector_store' });
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	test('a server error after the retries fails the item with the status', async () => {
		server.queueFault({ status: 500, body: { error: { message: 'The server had an error', type: 'server_error' } } });
		const error = await fail({ requestOptions: { maxRetries: 0 } });
		expect(error.message).toContain('The server had an error');
		expect(error.httpCode).toBe('500');
	});
});
