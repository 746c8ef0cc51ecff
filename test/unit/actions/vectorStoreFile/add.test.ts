import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedStore, seedTextFile, storeId } from '../vectorStore/seed';

describe('Vector Store File → Add', () => {
	let server: FakeOpenAi;
	let store: string;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(async () => {
		server.reset();
		store = await seedStore(server, 'docs');
	});
	const credentials = () => ({ baseUrl: server.url });
	const add = (extra: Record<string, unknown>) => ({ resource: 'vectorStoreFile', operation: 'add', vectorStoreId: storeId(store), ...extra });
	const run = async (parameters: Record<string, unknown>, more: Record<string, unknown> = {}) =>
		await runNode({ typeVersion: 2, parameters: add(parameters), credentials: credentials(), ...more });
	const fail = async (parameters: Record<string, unknown>, more: Record<string, unknown> = {}) =>
		await runNodeExpectingError({ typeVersion: 2, parameters: add(parameters), credentials: credentials(), ...more });

	test('a file ID with attributes and static chunking: exactly that body, the vector store file output', async () => {
		const fileId = seedTextFile(server, 'a.txt', 'alpha');
		const { output } = await run({
			fileId,
			chunkingStrategy: 'static',
			maxChunkSizeTokens: 300,
			chunkOverlapTokens: 150,
			options: { attributes: '{"region": "eu", "year": 2025, "public": true}' },
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/v1/vector_stores/${store}/files` });
		expect(server.requests[0].body).toEqual({
			file_id: fileId,
			attributes: { region: 'eu', year: 2025, public: true },
			chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 300, chunk_overlap_tokens: 150 } },
		});
		expect(output).toEqual([
			{ json: expect.objectContaining({ id: fileId, object: 'vector_store.file', vector_store_id: store, status: 'in_progress' }), pairedItem: { item: 0 } },
		]);
	});

	test('a binary file is uploaded (purpose assistants) and then added by its new ID, and waited for', async () => {
		const { output } = await run(
			{ fileSource: 'binary', waitUntilProcessed: true, processingPollInterval: 1, options: { fileName: 'manual.txt' } },
			{ items: [{ json: {}, binary: { data: binaryFrom('How to reset the router.', 'notes', 'text/plain') } }] },
		);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/files',
			`POST /v1/vector_stores/${store}/files`,
			`GET /v1/vector_stores/${store}/files/file-000001`,
		]);
		expect(server.requests[0].body).toEqual({
			purpose: 'assistants',
			file: { filename: 'manual.txt', type: 'text/plain', size: 24, content: Buffer.from('How to reset the router.') },
		});
		expect(server.requests[1].body).toEqual({ file_id: 'file-000001' });
		expect(output[0].json).toMatchObject({ id: 'file-000001', status: 'completed' });
	});

	test('a file OpenAI cannot process fails the item with its reason; Continue On Fail keeps the others', async () => {
		const good = seedTextFile(server, 'good.txt', 'fine');
		const bad = seedTextFile(server, 'bad.bin', '\u0000');
		server.state.failingVectorFiles = [bad];
		const { output } = await run(
			{ fileId: (i: number) => [bad, good][i], waitUntilProcessed: true, processingPollInterval: 1 },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output[0].json.error).toBe(`OpenAI could not process the file ${bad}: The file could not be parsed.`);
		expect(output[0].json.description).toContain('code: invalid_file');
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json).toMatchObject({ id: good, status: 'completed' });
	});

	test('a missing binary property, an empty file and bad attributes are refused before anything is sent', async () => {
		const missing = await fail({ fileSource: 'binary', binaryPropertyName: 'pdf' }, { items: [{ json: {}, binary: { data: binaryFrom('x', 'x.txt', 'text/plain') } }] });
		expect(missing.message).toBe("The field 'Input Binary Field' names the binary property 'pdf', which the input item does not have");
		const empty = await fail({ fileSource: 'binary' }, { items: [{ json: {}, binary: { data: binaryFrom('', 'x.txt', 'text/plain') } }] });
		expect(empty.message).toBe("The file in 'Input Binary Field' (binary property 'data') is empty (0 bytes)");
		const cases: Array<[unknown, string]> = [
			['{"a": {"b": 1}}', "Field 'Attributes (JSON)': the value of 'a' must be a text (at most 512 characters), a number or a boolean, under a key of at most 64 characters"],
			['{"a": null}', "Field 'Attributes (JSON)': the value of 'a' must be a text (at most 512 characters), a number or a boolean, under a key of at most 64 characters"],
			[JSON.stringify(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]))), "Field 'Attributes (JSON)' has 17 keys; OpenAI allows at most 16"],
			['[1]', "Field 'Attributes (JSON)' must be a JSON object"],
		];
		for (const [attributes, message] of cases) {
			const error = await fail({ fileId: 'file-1', options: { attributes } });
			expect(error.message).toBe(message);
			expect(error.description).toContain('Item 1 (index 0).');
		}
		const noId = await fail({ fileId: '' });
		expect(noId.message).toBe("The field 'File ID' is empty");
		expect(server.requests).toHaveLength(0);
	});

	test('an unknown file ID keeps OpenAI message; a 503 on the upload is retried with the stream opened again', async () => {
		const error = await fail({ fileId: 'file-nope' });
		expect(error.message).toBe('No such File object: file-nope');
		expect(error.httpCode).toBe('404');
		server.requests.length = 0;
		server.queueFault({ path: '/v1/files', status: 503, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'busy', type: 'server_error' } } });
		const { output } = await run({ fileSource: 'binary' }, { items: [{ json: {}, binary: { data: binaryFrom('retry me', 'r.txt', 'text/plain') } }] });
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/files', '/v1/files', `/v1/vector_stores/${store}/files`]);
		expect(server.requests[1].body.file.content).toEqual(Buffer.from('retry me'));
		expect(output[0].json.object).toBe('vector_store.file');
	});
});
