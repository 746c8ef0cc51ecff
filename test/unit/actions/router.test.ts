import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../support/executeContext';

describe('router: the item loop', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const ids = (count: number) => Array.from({ length: count }, (_, i) => `model-${i}`);

	test('outputs keep input order and pairing under concurrency, whatever order answers come in', async () => {
		server.state.models.push(...ids(12));
		server.on('GET', /^\/v1\/models\/(?<id>[^/]+)$/, async (req) => {
			const index = Number(req.params.id.split('-')[1]);
			await new Promise((resolve) => setTimeout(resolve, (12 - index) * 15));
			return { status: 200, body: { id: req.params.id, object: 'model' } };
		});
		const { output } = await runNode({
			parameters: {
				resource: 'model',
				operation: 'retrieve',
				modelId: (i: number) => ({ __rl: true, mode: 'id', value: `model-${i}` }),
				requestOptions: { concurrency: 6 },
			},
			items: ids(12).map(() => ({ json: {} })),
			credentials: { baseUrl: server.url },
		});
		expect(output.map((item) => item.json.id)).toEqual(ids(12));
		expect(output.map((item) => item.pairedItem)).toEqual(ids(12).map((_, item) => ({ item })));
	});

	test('without Continue On Fail the first failing item stops the run with its item index', async () => {
		const error = await runNodeExpectingError({
			parameters: {
				resource: 'model',
				operation: 'retrieve',
				modelId: (i: number) => ({ __rl: true, mode: 'id', value: i === 1 ? 'missing' : 'gpt-4o' }),
				requestOptions: { concurrency: 1 },
			},
			items: [{ json: {} }, { json: {} }, { json: {} }],
			credentials: { baseUrl: server.url },
		});
		expect(error.message).toBe("The model 'missing' does not exist");
		expect(error.context?.itemIndex).toBe(1);
		expect(server.requests).toHaveLength(2);
	});

	test('with Continue On Fail an API error becomes that item, the rest go on', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'model',
				operation: 'retrieve',
				modelId: (i: number) => ({ __rl: true, mode: 'id', value: i === 1 ? 'missing' : 'gpt-4o' }),
			},
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output.map((item) => item.json.id ?? item.json.error)).toEqual([
			'gpt-4o',
			"The model 'missing' does not exist",
			'gpt-4o',
		]);
		expect(output[1].json).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
		expect(output[1].json.requestId).toMatch(/^req_fake_/);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
