import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../../../nodes/OpenAiToolkit/methods';
import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { TEST_API_KEY } from '../../../support/constants';
import { seedStore, storeId } from './seed';

describe('Vector Store → List, Retrieve, Update, Delete and the vector store picker', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const run = async (operation: string, parameters: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
		await runNode({ typeVersion: 2, parameters: { resource: 'vectorStore', operation, ...parameters }, credentials: credentials(), ...more });
	const fail = async (operation: string, parameters: Record<string, unknown> = {}) =>
		await runNodeExpectingError({ typeVersion: 2, parameters: { resource: 'vectorStore', operation, ...parameters }, credentials: credentials() });

	test('List returns every store by default (Return All is on in version 2), following the cursor pages', async () => {
		for (const name of ['one', 'two', 'three']) await seedStore(server, name);
		const all = await run('list');
		expect(all.output.map((item) => item.json.name)).toEqual(['three', 'two', 'one']);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/vector_stores', query: { limit: '100' } });
		expect(all.output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('List with a limit, oldest first, after a cursor asks for no more than the limit', async () => {
		for (const name of ['one', 'two', 'three', 'four']) await seedStore(server, name);
		const { output } = await run('list', { returnAll: false, limit: 2, options: { order: 'asc', after: 'vs_0001' } });
		expect(output.map((item) => item.json.name)).toEqual(['two', 'three']);
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '2', order: 'asc', after: 'vs_0001' }]);
	});

	test('List refuses a limit of 0 naming the field', async () => {
		const error = await fail('list', { returnAll: false, limit: 0 });
		expect(error.message).toBe("The field 'Limit' must be at least 1 (got 0)");
	});

	test('Retrieve by ID and from the list mode; an unknown store keeps OpenAI message and status', async () => {
		const id = await seedStore(server, 'handbook');
		const byId = await run('retrieve', { vectorStoreId: storeId(id) });
		expect(byId.output[0].json).toMatchObject({ id, name: 'handbook', object: 'vector_store' });
		const fromList = await run('retrieve', { vectorStoreId: { __rl: true, mode: 'list', value: id } });
		expect(fromList.output[0].json.id).toBe(id);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/vector_stores/${id}`, `GET /v1/vector_stores/${id}`]);
		const error = await fail('retrieve', { vectorStoreId: storeId('vs_missing') });
		expect(error.message).toBe("No vector store found with id 'vs_missing'.");
		expect(error.httpCode).toBe('404');
	});

	test('an empty vector store is refused naming the field and the item', async () => {
		const error = await fail('retrieve', { vectorStoreId: storeId('  ') });
		expect(error.message).toBe("The field 'Vector Store' is empty");
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('Update sends only what is set: name, expiry, metadata; Never Expire sends null', async () => {
		const id = await seedStore(server, 'old');
		const { output } = await run('update', {
			vectorStoreId: storeId(id),
			options: { vectorStoreName: 'new', expiresAfterDays: 10, metadata: '{"v": 2}' },
		});
		expect(server.requests[0]).toMatchObject({
			method: 'POST',
			path: `/v1/vector_stores/${id}`,
			body: { name: 'new', expires_after: { anchor: 'last_active_at', days: 10 }, metadata: { v: '2' } },
		});
		expect(output[0].json).toMatchObject({ name: 'new', metadata: { v: '2' } });
		server.requests.length = 0;
		await run('update', { vectorStoreId: storeId(id), options: { neverExpire: true } });
		expect(server.requests[0].body).toEqual({ expires_after: null });
	});

	test('Update refuses nothing to change, an empty name and both expiry options', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{}, 'Nothing to update'],
			[{ vectorStoreName: ' ' }, "The field 'Name' is empty"],
			[{ expiresAfterDays: 3, neverExpire: true }, "'Expires After (Days)' and 'Never Expire' cannot be used together"],
			[{ expiresAfterDays: 366 }, "The field 'Expires After (Days)' must be between 1 and 365 (got 366)"],
		];
		for (const [options, message] of cases) {
			const error = await fail('update', { vectorStoreId: storeId('vs_1'), options });
			expect(error.message).toBe(message);
		}
		expect(server.requests).toHaveLength(0);
	});

	test('Delete: DELETE /vector_stores/{id}; Continue On Fail keeps the other items', async () => {
		const id = await seedStore(server, 'doomed');
		const { output } = await run(
			'delete',
			{ vectorStoreId: (i: number) => storeId(i === 0 ? 'vs_nope' : id) },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output[0].json.error).toBe("No vector store found with id 'vs_nope'.");
		expect(output[1]).toEqual({ json: { id, object: 'vector_store.deleted', deleted: true }, pairedItem: { item: 1 } });
	});

	test('the picker lists stores by name and ID, filters by the search text and pages with the cursor', async () => {
		for (const name of ['Support FAQ', 'Handbook', '']) await seedStore(server, name);
		const context = {
			getCredentials: async () => ({ apiKey: TEST_API_KEY, baseUrl: server.url }),
			getNode: () => ({ name: 'OpenAI Toolkit' }),
		} as unknown as ILoadOptionsFunctions;
		const all = await listSearch.searchVectorStores.call(context);
		expect(all).toEqual({
			results: [
				{ name: 'vs_0003', value: 'vs_0003' },
				{ name: 'Handbook (vs_0002)', value: 'vs_0002' },
				{ name: 'Support FAQ (vs_0001)', value: 'vs_0001' },
			],
			paginationToken: undefined,
		});
		const filtered = await listSearch.searchVectorStores.call(context, 'faq');
		expect(filtered.results).toEqual([{ name: 'Support FAQ (vs_0001)', value: 'vs_0001' }]);
		const next = await listSearch.searchVectorStores.call(context, undefined, 'vs_0002');
		expect(next.results.map((result) => result.value)).toEqual(['vs_0001']);
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100' }, { limit: '100', after: 'vs_0002' }]);
	});
});
