import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';

describe('Batch → Retrieve, List, Cancel, Get Results', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const batch = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'batch', operation, ...parameters });

	/** Creates batches through the node (without waiting), one per call; returns their IDs. */
	async function createBatches(count: number, models: string[] = ['gpt-4o-mini', 'nope', 'gpt-4o-mini', 'gpt-4o-mini']): Promise<string[]> {
		const ids: string[] = [];
		for (let n = 0; n < count; n++) {
			const { output } = await runNode({
				parameters: batch('create', {
					model: (i: number) => ({ __rl: true, mode: 'id', value: models[i] }),
					messages: (i: number) => ({ values: [{ role: 'user', content: `q${i}` }] }),
				}),
				items: models.map(() => ({ json: {} })),
				credentials: credentials(),
			});
			ids.push(String(output[0].json.id));
		}
		server.requests.length = 0;
		return ids;
	}

	test('Retrieve: GET /batches/{id}; every check moves the fake batch on', async () => {
		const [id] = await createBatches(1);
		const { output } = await runNode({ parameters: batch('retrieve', { batchId: id }), credentials: credentials() });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/batches/${id}`]);
		expect(output[0].json).toMatchObject({ id, object: 'batch', status: 'in_progress', request_counts: { total: 4, completed: 0, failed: 0 } });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('Retrieve of an unknown batch keeps OpenAI message and status', async () => {
		const error = await runNodeExpectingError({ parameters: batch('retrieve', { batchId: 'batch_missing' }), credentials: credentials() });
		expect(error.message).toBe("No batch found with id 'batch_missing'.");
		expect(error.httpCode).toBe('404');
	});

	test('List with a limit returns the newest batches; Return All follows the cursor pages', async () => {
		await createBatches(3);
		const limited = await runNode({ parameters: batch('list', { limit: 2 }), credentials: credentials() });
		expect(limited.output.map((item) => item.json.id)).toEqual(['batch_0003', 'batch_0002']);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/batches', query: { limit: '2' } });

		server.requests.length = 0;
		const all = await runNode({ parameters: batch('list', { returnAll: true }), credentials: credentials() });
		expect(all.output.map((item) => item.json.id)).toEqual(['batch_0003', 'batch_0002', 'batch_0001']);
		expect(all.output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Cancel: POST /batches/{id}/cancel answers cancelling; the batch ends cancelled', async () => {
		const [id] = await createBatches(1);
		const { output } = await runNode({ parameters: batch('cancel', { batchId: id }), credentials: credentials() });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /v1/batches/${id}/cancel`]);
		expect(output[0].json).toMatchObject({ id, status: 'cancelling' });
		const after = await runNode({ parameters: batch('retrieve', { batchId: id }), credentials: credentials() });
		expect(after.output[0].json.status).toBe('cancelled');
	});

	test('Cancel of a finished batch keeps OpenAI message', async () => {
		const [id] = await createBatches(1);
		server.state.batches[0].status = 'completed';
		const error = await runNodeExpectingError({ parameters: batch('cancel', { batchId: id }), credentials: credentials() });
		expect(error.message).toBe("Cannot cancel a batch with status 'completed'.");
		expect(error.httpCode).toBe('409');
	});

	test('Get Results: downloads both files and outputs one item per line, ordered by custom_id', async () => {
		const [id] = await createBatches(1);
		// Two checks: validating → in_progress → completed.
		await runNode({ parameters: batch('retrieve', { batchId: id }), credentials: credentials() });
		await runNode({ parameters: batch('retrieve', { batchId: id }), credentials: credentials() });
		server.requests.length = 0;
		const { output } = await runNode({ parameters: batch('getResults', { batchId: id }), credentials: credentials() });
		expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			[`GET /v1/batches/${id}`, 'GET /v1/files/file-000002/content', 'GET /v1/files/file-000003/content'].sort(),
		);
		expect(output.map((item) => item.json.custom_id)).toEqual(['0', '1', '2', '3']);
		expect(output[0].json).toMatchObject({ custom_id: '0', response: { status_code: 200, body: { object: 'chat.completion' } }, error: null });
		expect(output[1].json).toMatchObject({
			custom_id: '1',
			response: { status_code: 404, body: { error: { code: 'model_not_found' } } },
		});
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Get Results of a batch still running says so, and Continue On Fail goes on with the next ID', async () => {
		const [running] = await createBatches(1);
		const { output } = await runNode({
			parameters: batch('getResults', { batchId: (i: number) => (i === 0 ? running : '') }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(2);
		expect(output[0].json.error).toBe(`The batch ${running} has not ended yet (status: in_progress)`);
		expect(output[1].json.error).toBe("The field 'Batch ID' is empty");
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	test('Get Results of a batch that failed validation names the reason', async () => {
		server.state.batchOutcome = 'failed';
		const [id] = await createBatches(1);
		await runNode({ parameters: batch('retrieve', { batchId: id }), credentials: credentials() });
		const error = await runNodeExpectingError({ parameters: batch('getResults', { batchId: id }), credentials: credentials() });
		expect(error.message).toBe(`The batch ${id} failed and has no results`);
		expect(error.description).toBe('The batch input file could not be validated.');
	});
});
