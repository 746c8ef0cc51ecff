import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { TEST_API_KEY } from '../../../support/constants';

describe('Model', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test('List with a limit returns that many models, each paired with the input item', async () => {
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'list', limit: 3 },
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.id)).toEqual(['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small']);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('List with Return All returns every model, once per input item', async () => {
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'list', returnAll: true },
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
		});
		expect(output).toHaveLength(server.state.models.length * 2);
		expect(output.filter((item) => (item.pairedItem as { item: number }).item === 1)).toHaveLength(
			server.state.models.length,
		);
	});

	test('Retrieve sends GET /models/{id} with the typed ID', async () => {
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'retrieve', modelId: { __rl: true, mode: 'id', value: 'gpt-4o' } },
			credentials: credentials(),
		});
		expect(server.requests[0].path).toBe('/v1/models/gpt-4o');
		expect(output[0].json).toMatchObject({ id: 'gpt-4o', object: 'model' });
	});

	test('Retrieve of an unknown model fails with OpenAI message, status, code and request ID', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'model', operation: 'retrieve', modelId: { __rl: true, mode: 'id', value: 'nope' } },
			credentials: credentials(),
		});
		expect(error.message).toBe("The model 'nope' does not exist");
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('code: model_not_found');
		expect(error.description).toContain('param: model');
		expect(error.description).toContain('request ID: req_fake_1');
		expect(error.context?.itemIndex).toBe(0);
	});

	test('Delete removes a fine-tuned model', async () => {
		server.state.models.push('ft:gpt-4o-mini:acme::abc');
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'delete', modelId: 'ft:gpt-4o-mini:acme::abc' },
			credentials: credentials(),
		});
		expect(server.requests[0]).toMatchObject({ method: 'DELETE', path: '/v1/models/ft:gpt-4o-mini:acme::abc' });
		expect(output[0].json).toEqual({ id: 'ft:gpt-4o-mini:acme::abc', object: 'model', deleted: true });
	});

	test('Delete with an empty Model ID is refused before sending, and Continue On Fail keeps the other items', async () => {
		server.state.models.push('ft:a', 'ft:b');
		const ids = ['ft:a', '', 'ft:b'];
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'delete', modelId: (i: number) => ids[i] },
			items: ids.map(() => ({ json: {} })),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(3);
		expect(output[0].json).toMatchObject({ id: 'ft:a', deleted: true });
		expect(output[1].json).toMatchObject({ error: "The field 'Model ID' is empty", status: null });
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json).toMatchObject({ id: 'ft:b', deleted: true });
		expect(server.requests).toHaveLength(2);
	});
});

describe('Model → List: Limit checks', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());

	test.each([
		['many', "The field 'Limit' must be a number (got 'many')"],
		['', "The field 'Limit' must be a number (got '')"],
		[NaN, "The field 'Limit' must be a number (got 'NaN')"],
		[Infinity, "The field 'Limit' must be a number (got 'Infinity')"],
		[0, "The field 'Limit' must be at least 1 (got 0)"],
		[-3, "The field 'Limit' must be at least 1 (got -3)"],
		[2.5, "The field 'Limit' must be a whole number (got 2.5)"],
		[1e300, "The field 'Limit' must be a whole number (got 1e+300)"],
	])('a Limit of %p is refused before sending, naming the field and the item', async (limit, message) => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'model', operation: 'list', limit },
			credentials: { baseUrl: server.url },
		});
		expect(error.message).toBe(message);
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('Retrieve with an empty Model ID is refused before sending', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'model', operation: 'retrieve', modelId: { __rl: true, mode: 'id', value: ' ' } },
			credentials: { baseUrl: server.url },
		});
		expect(error.message).toBe("The field 'Model ID' is empty");
		expect(server.requests).toHaveLength(0);
	});
});
