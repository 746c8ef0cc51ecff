import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { seedStore, seedTextFile, storeId } from '../vectorStore/seed';

describe('Vector Store File → Add Many', () => {
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
	const addMany = (extra: Record<string, unknown>) => ({ resource: 'vectorStoreFile', operation: 'addMany', vectorStoreId: storeId(store), ...extra });
	const run = async (parameters: Record<string, unknown>, items: number, more: Record<string, unknown> = {}) =>
		await runNode({
			typeVersion: 2,
			parameters: addMany(parameters),
			items: Array.from({ length: items }, () => ({ json: {} })),
			credentials: credentials(),
			...more,
		});

	test('all items in one file batch; waited for; each item gets its own file status, paired', async () => {
		const ids = Array.from({ length: 5 }, (_, i) => seedTextFile(server, `f${i}.txt`, `text ${i}`));
		const { output } = await run(
			{ fileId: (i: number) => ids[i], options: { attributes: '{"batch": "may"}' }, waitUntilProcessed: true, processingPollInterval: 1 },
			5,
		);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /v1/vector_stores/${store}/file_batches`,
			`GET /v1/vector_stores/${store}/file_batches/vsfb_0001`,
			`GET /v1/vector_stores/${store}/file_batches/vsfb_0001/files`,
		]);
		expect(server.requests[0].body).toEqual({ file_ids: ids, attributes: { batch: 'may' } });
		expect(server.requests[2].query).toEqual({ limit: '100' });
		expect(output.map((item) => [item.pairedItem, item.json.id, item.json.status, item.json.file_batch_id])).toEqual(
			ids.map((id, i) => [{ item: i }, id, 'completed', 'vsfb_0001']),
		);
	});

	test('without waiting each item gets the status its file has now', async () => {
		const ids = [seedTextFile(server, 'a.txt', 'a'), seedTextFile(server, 'b.txt', 'b')];
		const { output } = await run({ fileId: (i: number) => ids[i] }, 2);
		expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
		expect(output.map((item) => item.json.status)).toEqual(['in_progress', 'in_progress']);
	});

	test('items with their own attributes or chunking are sent as `files` entries; a repeated file is sent once', async () => {
		const [a, b] = [seedTextFile(server, 'a.txt', 'a'), seedTextFile(server, 'b.txt', 'b')];
		const { output } = await run(
			{
				fileId: (i: number) => [a, b, a][i],
				options: (i: number) => ({ attributes: JSON.stringify({ n: i }) }),
				chunkingStrategy: (i: number) => (i === 1 ? 'static' : 'auto'),
				maxChunkSizeTokens: 200,
				chunkOverlapTokens: 0,
			},
			3,
		);
		expect(server.requests[0].body).toEqual({
			files: [
				{ file_id: a, attributes: { n: 0 } },
				{ file_id: b, attributes: { n: 1 }, chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 0 } } },
			],
		});
		expect(output.map((item) => item.json.id)).toEqual([a, b, a]);
	});

	test('a failed file fails only its own item; a bad item stays out of the batch under Continue On Fail', async () => {
		const ids = [seedTextFile(server, 'a.txt', 'a'), seedTextFile(server, 'b.txt', 'b'), seedTextFile(server, 'c.txt', 'c')];
		server.state.failingVectorFiles = [ids[2]];
		const { output } = await run(
			{ fileId: (i: number) => (i === 1 ? ' ' : ids[i]), waitUntilProcessed: true, processingPollInterval: 1 },
			3,
			{ continueOnFail: true },
		);
		expect(server.requests[0].body).toEqual({ file_ids: [ids[0], ids[2]] });
		expect(output[0].json).toMatchObject({ id: ids[0], status: 'completed' });
		expect(output[1].json.error).toBe("The field 'File ID' is empty");
		expect(output[1].json.description).toBe('Item 2 (index 1).');
		expect(output[2].json.error).toBe(`OpenAI could not process the file ${ids[2]}: The file could not be parsed.`);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('without Continue On Fail a bad item stops everything before anything is sent', async () => {
		const id = seedTextFile(server, 'a.txt', 'a');
		await expect(run({ fileId: (i: number) => (i === 0 ? id : '') }, 2)).rejects.toThrow("The field 'File ID' is empty");
		expect(server.requests).toHaveLength(0);
	});

	test('items of different vector stores go to one batch per store', async () => {
		const other = await seedStore(server, 'other');
		const ids = [seedTextFile(server, 'a.txt', 'a'), seedTextFile(server, 'b.txt', 'b')];
		const { output } = await run({ vectorStoreId: (i: number) => storeId([store, other][i]), fileId: (i: number) => ids[i] }, 2);
		const creates = server.requests.filter((r) => r.method === 'POST');
		expect(creates.map((r) => [r.path, r.body])).toEqual([
			[`/v1/vector_stores/${store}/file_batches`, { file_ids: [ids[0]] }],
			[`/v1/vector_stores/${other}/file_batches`, { file_ids: [ids[1]] }],
		]);
		expect(output.map((item) => item.json.vector_store_id)).toEqual([store, other]);
	});

	test('a rejected batch fails all its items with OpenAI message; a wait that times out fails them too', async () => {
		const { output } = await run({ fileId: (i: number) => `file-nope${i}` }, 2, { continueOnFail: true });
		expect(output.map((item) => item.json.error)).toEqual(['No such File object: file-nope0', 'No such File object: file-nope0']);
		const id = seedTextFile(server, 'a.txt', 'a');
		server.state.vectorStoreProcessingChecks = 100;
		const timedOut = await run({ fileId: id, waitUntilProcessed: true, processingPollInterval: 1, processingTimeout: 0.001 }, 1, { continueOnFail: true });
		expect(timedOut.output[0].json.error).toBe('The file batch vsfb_0001 was not processed within 0.001 minutes (0 of 1 files done)');
	});
});
