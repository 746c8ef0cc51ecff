import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedStore, seedTextFile, storeId } from './seed';

const HANDBOOK = 'The warranty lasts two years from the day of purchase.\n\nShipping is free in the EU.\n\nReturns are accepted within 30 days.';

describe('Vector Store → Search', () => {
	let server: FakeOpenAi;
	let store: string;
	let fileId: string;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(async () => {
		server.reset();
		fileId = seedTextFile(server, 'handbook.txt', HANDBOOK);
		store = await seedStore(server, 'handbook', [fileId], { region: 'eu', year: 2025 });
	});
	const credentials = () => ({ baseUrl: server.url });
	const search = (extra: Record<string, unknown>) => ({ resource: 'vectorStore', operation: 'search', vectorStoreId: storeId(store), ...extra });
	const run = async (parameters: Record<string, unknown>, more: Record<string, unknown> = {}) =>
		await runNode({ typeVersion: 2, parameters: search(parameters), credentials: credentials(), ...more });
	const fail = async (parameters: Record<string, unknown>) =>
		await runNodeExpectingError({ typeVersion: 2, parameters: search(parameters), credentials: credentials() });

	test('one output item per hit: text, score, file ID, file name and attributes, paired', async () => {
		const { output } = await run({ query: 'warranty years' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/v1/vector_stores/${store}/search`, body: { query: 'warranty years' } });
		expect(output).toEqual([
			{
				json: { text: 'The warranty lasts two years from the day of purchase.', score: 1, file_id: fileId, filename: 'handbook.txt', attributes: { region: 'eu', year: 2025 } },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('every option is sent as OpenAI documents it; a list of queries is sent as a list', async () => {
		await run({
			query: ['warranty', 'shipping'],
			options: {
				filters: '{"type": "and", "filters": [{"type": "eq", "key": "region", "value": "eu"}, {"type": "gte", "key": "year", "value": 2024}]}',
				maxNumResults: 5,
				rewriteQuery: false,
				ranker: 'none',
				scoreThreshold: 0.2,
			},
		});
		expect(server.requests[0].body).toEqual({
			query: ['warranty', 'shipping'],
			filters: { type: 'and', filters: [{ type: 'eq', key: 'region', value: 'eu' }, { type: 'gte', key: 'year', value: 2024 }] },
			max_num_results: 5,
			rewrite_query: false,
			ranking_options: { ranker: 'none', score_threshold: 0.2 },
		});
	});

	test('no hit, no output item; a filter that matches no file finds nothing', async () => {
		const none = await run({ query: 'unicorns' });
		expect(none.output).toEqual([]);
		const filtered = await run({ query: 'warranty', options: { filters: { type: 'eq', key: 'region', value: 'us' } } });
		expect(filtered.output).toEqual([]);
	});

	test('Output "One Item per Search" gives the whole page, search_query included', async () => {
		const { output } = await run({ query: 'shipping', options: { output: 'page' } });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'vector_store.search_results.page', search_query: ['shipping'], has_more: false, next_page: null });
		expect((output[0].json.data as unknown[]).length).toBe(1);
	});

	test('each item searches with its own query, its hits paired with it', async () => {
		const { output } = await run({ query: (i: number) => ['warranty', 'returns'][i] }, { items: [{ json: {} }, { json: {} }] });
		expect(output.map((item) => [item.pairedItem, String(item.json.text).split(' ')[1]])).toEqual([
			[{ item: 0 }, 'warranty'],
			[{ item: 1 }, 'are'],
		]);
	});

	test.each([
		['an empty query', { query: ' ' }, "The field 'Query' is empty"],
		['an empty list', { query: [] }, "The field 'Query' is an empty list"],
		['an empty entry', { query: ['a', ''] }, "Entry 2 of the field 'Query' is empty"],
		['an object query', { query: { q: 1 } }, "The field 'Query' must be a text or a list of texts (got an object)"],
		['max results 0', { query: 'x', options: { maxNumResults: 0 } }, "The field 'Max Results' must be between 1 and 50 (got 0)"],
		['max results 51', { query: 'x', options: { maxNumResults: 51 } }, "The field 'Max Results' must be between 1 and 50 (got 51)"],
		['threshold 1.5', { query: 'x', options: { scoreThreshold: 1.5 } }, "The field 'Score Threshold' must be between 0 and 1 (got 1.5)"],
		['threshold text', { query: 'x', options: { scoreThreshold: 'high' } }, "The field 'Score Threshold' must be a number (got 'high')"],
		['bad filter JSON', { query: 'x', options: { filters: '{"type": ' } }, "Invalid JSON in field 'Attribute Filter (JSON)'"],
		[
			'unknown filter type',
			{ query: 'x', options: { filters: '{"type": "like", "key": "a", "value": 1}' } },
			"Field 'Attribute Filter (JSON)': the filter has type 'like'; use one of eq, ne, gt, gte, lt, lte, in, nin, and, or",
		],
		[
			'nested filter without key',
			{ query: 'x', options: { filters: '{"type": "or", "filters": [{"type": "eq", "value": 1}]}' } },
			"Field 'Attribute Filter (JSON)': the filter.filters[0] needs a 'key' (the attribute to compare)",
		],
		['an unknown ranker', { query: 'x', options: { ranker: 'best' } }, "The field 'Ranker' must be one of auto, none, default-2024-11-15 (got 'best')"],
	])('%s is refused before anything is sent', async (_label, parameters, message) => {
		const error = await fail(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('a 400 from OpenAI keeps its message; a 429 with a short retry-after is retried', async () => {
		server.queueFault({ status: 400, body: { error: { message: "Invalid 'filters'", type: 'invalid_request_error', param: 'filters', code: null } } });
		const error = await fail({ query: 'x' });
		expect(error.message).toBe("Invalid 'filters'");
		expect(error.httpCode).toBe('400');
		server.requests.length = 0;
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'Slow down', type: 'requests' } } });
		const { output } = await run({ query: 'warranty' });
		expect(server.requests).toHaveLength(2);
		expect(output).toHaveLength(1);
	});
});
