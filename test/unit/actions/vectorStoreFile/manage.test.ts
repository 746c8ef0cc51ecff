import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedStore, seedTextFile, storeId } from '../vectorStore/seed';

describe('Vector Store File → List, Retrieve, Update Attributes, Delete, Retrieve Parsed Content', () => {
	let server: FakeOpenAi;
	let store: string;
	let ids: string[];
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(async () => {
		server.reset();
		ids = ['one', 'two', 'three'].map((name) => seedTextFile(server, `${name}.txt`, `Text of ${name}.\n\nSecond part.`));
		store = await seedStore(server, 'docs', ids);
	});
	const credentials = () => ({ baseUrl: server.url });
	const run = async (operation: string, parameters: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
		await runNode({
			typeVersion: 2,
			parameters: { resource: 'vectorStoreFile', operation, vectorStoreId: storeId(store), ...parameters },
			credentials: credentials(),
			...more,
		});
	const fail = async (operation: string, parameters: Record<string, unknown> = {}) =>
		await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'vectorStoreFile', operation, vectorStoreId: storeId(store), ...parameters },
			credentials: credentials(),
		});

	test('List: every file by default; a status filter, order and limit are sent as the query', async () => {
		const all = await run('list');
		expect(all.output.map((item) => item.json.id)).toEqual([...ids].reverse());
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/v1/vector_stores/${store}/files`, query: { limit: '100' } });
		server.requests.length = 0;
		server.state.vectorStoreFiles[1].status = 'failed';
		const failed = await run('list', { returnAll: false, limit: 5, options: { filter: 'completed', order: 'asc' } });
		expect(server.requests[0].query).toEqual({ limit: '5', order: 'asc', filter: 'completed' });
		expect(failed.output.map((item) => item.json.id)).toEqual([ids[0], ids[2]]);
	});

	test('List refuses an unknown status', async () => {
		const error = await fail('list', { options: { filter: 'done' } });
		expect(error.message).toBe("The field 'Status' must be one of in_progress, completed, failed, cancelled (got 'done')");
	});

	test('Retrieve: GET …/files/{file_id}; an unknown file keeps OpenAI message and status', async () => {
		const { output } = await run('retrieve', { fileId: ids[0] });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/vector_stores/${store}/files/${ids[0]}`]);
		expect(output[0]).toEqual({ json: expect.objectContaining({ id: ids[0], vector_store_id: store, status: 'completed' }), pairedItem: { item: 0 } });
		const error = await fail('retrieve', { fileId: 'file-x' });
		expect(error.message).toBe(`No file found with id 'file-x' in vector store '${store}'.`);
		expect(error.httpCode).toBe('404');
	});

	test('Update Attributes sends exactly the attributes; {} is sent as it is, empty is refused', async () => {
		const { output } = await run('updateAttributes', { fileId: ids[1], attributes: '{"lang": "de", "pages": 3}' });
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/v1/vector_stores/${store}/files/${ids[1]}` });
		expect(server.requests[0].body).toEqual({ attributes: { lang: 'de', pages: 3 } });
		expect(output[0].json.attributes).toEqual({ lang: 'de', pages: 3 });
		server.requests.length = 0;
		await run('updateAttributes', { fileId: ids[1], attributes: '{}' });
		expect(server.requests[0].body).toEqual({ attributes: {} });
		const error = await fail('updateAttributes', { fileId: ids[1], attributes: '' });
		expect(error.message).toBe("The field 'Attributes (JSON)' is empty");
	});

	test('Delete removes the file from the store only; Continue On Fail keeps the other items', async () => {
		const { output } = await run('delete', { fileId: (i: number) => ['file-x', ids[2]][i] }, { items: [{ json: {} }, { json: {} }], continueOnFail: true });
		expect(output[0].json.error).toBe(`No file found with id 'file-x' in vector store '${store}'.`);
		expect(output[1]).toEqual({ json: { id: ids[2], object: 'vector_store.file.deleted', deleted: true }, pairedItem: { item: 1 } });
		expect(server.state.files.map((file: { id: string }) => file.id)).toEqual(ids);
	});

	test('Retrieve Parsed Content: one item with the text and its parts', async () => {
		const { output } = await run('retrieveParsedContent', { fileId: ids[0] });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/vector_stores/${store}/files/${ids[0]}/content`]);
		expect(output).toEqual([
			{
				json: {
					file_id: ids[0],
					vector_store_id: store,
					text: 'Text of one.\n\nSecond part.',
					content: [{ type: 'text', text: 'Text of one.\n\nSecond part.' }],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a 500 from the server fails the item with the status', async () => {
		server.queueFault({ status: 500, body: { error: { message: 'Internal error', type: 'server_error' } } });
		const error = await fail('retrieve', { fileId: ids[0], requestOptions: { maxRetries: 0 } });
		expect(error.message).toContain('Internal error');
		expect(error.httpCode).toBe('500');
	});
});
