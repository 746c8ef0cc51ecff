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

	/** A models route that counts how many requests are at the server at once. */
	function countInFlight(delayMs: number) {
		const counts = { now: 0, max: 0 };
		server.on('GET', /^\/v1\/models\/(?<id>[^/]+)$/, async (req) => {
			counts.now++;
			counts.max = Math.max(counts.max, counts.now);
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			counts.now--;
			return { status: 200, body: { id: req.params.id, object: 'model' } };
		});
		return counts;
	}
	const retrieveEach = (concurrency: number) => ({
		resource: 'model',
		operation: 'retrieve',
		modelId: (i: number) => ({ __rl: true, mode: 'id', value: `model-${i}` }),
		requestOptions: { concurrency },
	});

	test('the pool never has more requests at the server than the concurrency, retries included', async () => {
		const counts = countInFlight(25);
		// Some items fail first (a 500, a dropped connection) and are retried inside their slot.
		server.queueFault({ status: 500, headers: { 'retry-after-ms': '5' }, body: { error: { message: 'boom', type: 'server_error' } } });
		server.queueFault({ reset: true });
		server.queueFault({ status: 502, headers: { 'retry-after-ms': '5' }, body: 'bad gateway' });
		const { output } = await runNode({
			parameters: retrieveEach(4),
			items: ids(30).map(() => ({ json: {} })),
			credentials: { baseUrl: server.url },
		});
		expect(output.map((item) => item.json.id)).toEqual(ids(30));
		expect(counts.max).toBeLessThanOrEqual(4);
		// …and it did run items side by side.
		expect(counts.max).toBeGreaterThan(1);
		expect(server.requests).toHaveLength(33);
	});

	test('Concurrency 1 sends one item at a time', async () => {
		const counts = countInFlight(10);
		await runNode({ parameters: retrieveEach(1), items: ids(5).map(() => ({ json: {} })), credentials: { baseUrl: server.url } });
		expect(counts.max).toBe(1);
		expect(server.requests.map((req) => req.path)).toEqual(ids(5).map((id) => `/v1/models/${id}`));
	});

	test('under Continue On Fail a failing item does not cancel the others running beside it', async () => {
		server.on('GET', /^\/v1\/models\/(?<id>[^/]+)$/, async (req) => {
			const index = Number(req.params.id.split('-')[1]);
			if (index === 1) return { status: 400, body: { error: { message: 'bad model', type: 'invalid_request_error', param: 'model', code: null } } };
			// The others are still running when item 1 fails.
			await new Promise((resolve) => setTimeout(resolve, 60));
			return { status: 200, body: { id: req.params.id, object: 'model' } };
		});
		const { output } = await runNode({
			parameters: retrieveEach(4),
			items: ids(8).map(() => ({ json: {} })),
			continueOnFail: true,
			credentials: { baseUrl: server.url },
		});
		expect(output.map((item) => item.json.id ?? item.json.error)).toEqual(ids(8).map((id, i) => (i === 1 ? 'bad model' : id)));
		expect(output.map((item) => item.pairedItem)).toEqual(ids(8).map((_, item) => ({ item })));
		expect(server.requests).toHaveLength(8);
	});

	test('a cancelled execution ends a retry waiting in backoff at once, and the retry is never sent', async () => {
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '1200' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 150);
		const started = Date.now();
		const error = await runNodeExpectingError({
			parameters: { resource: 'model', operation: 'list' },
			credentials: { baseUrl: server.url },
			cancelSignal: controller.signal,
		});
		expect(error.message).toMatch(/abort/i);
		expect(Date.now() - started).toBeLessThan(1000);
		// Past the moment the retry was due: still only the first request.
		await new Promise((resolve) => setTimeout(resolve, 1300));
		expect(server.requests).toHaveLength(1);
	});

	test('a cancelled execution stops every item, starts no further one, even under Continue On Fail', async () => {
		server.latencyMs = 3000;
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 150);
		const started = Date.now();
		const error = await runNodeExpectingError({
			parameters: retrieveEach(2),
			items: ids(6).map(() => ({ json: {} })),
			continueOnFail: true,
			credentials: { baseUrl: server.url },
			cancelSignal: controller.signal,
		});
		expect(error.message).toMatch(/cancelled/);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(server.requests).toHaveLength(2);
	});
});
