import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';

describe('Response → Retrieve, Cancel, Delete, List Input Items (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const response = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'response', operation, ...parameters });
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters, credentials: credentials(), ...extra });
	const runFailing = (parameters: Record<string, unknown>) => runNodeExpectingError({ typeVersion: 2, parameters, credentials: credentials() });

	/** Creates a response through the node (background: queued, not waited for); returns its ID. */
	async function created(parameters: Record<string, unknown> = {}, background = false): Promise<string> {
		const extra = background ? { responseOptions: { additionalBodyFields: '{"background": true}' } } : {};
		const { output } = await run(response('create', { inputText: 'Hello', simplify: false, ...extra, ...parameters }));
		server.requests.length = 0;
		return String(output[0].json.id);
	}

	const operationsOf = (version: 1 | 2) => {
		const selector = nodeDescription(version).properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('response'));
		return (selector!.options as Array<{ value: string }>).map((option) => option.value);
	};

	test('version 1 keeps Create only; version 2 adds the life cycle, in the same place of the Resource dropdown', () => {
		expect(operationsOf(1)).toEqual(['create']);
		expect(operationsOf(2)).toEqual(['cancel', 'compact', 'countInputTokens', 'create', 'delete', 'listInputItems', 'retrieve']);
		const resources = (version: 1 | 2) =>
			(nodeDescription(version).properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map((o) => o.value);
		expect(resources(2).indexOf('response')).toBe(resources(1).indexOf('response'));
	});

	test('Retrieve: GET /responses/{id}; the output has the output text as `text`, like Create', async () => {
		const id = await created();
		const { output } = await run(response('retrieve', { responseId: id, options: { include: ['file_search_call.results'] } }));
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/v1/responses/${id}`, query: { 'include[]': 'file_search_call.results' } });
		expect(output[0].json).toMatchObject({ id, object: 'response', status: 'completed', text: 'echo: Hello' });
		expect(output[0].json.text_config).toEqual({ format: { type: 'text' } });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('a background response: Retrieve shows it running, Cancel stops it, Retrieve shows it cancelled', async () => {
		const id = await created({}, true);
		expect(server.state.responses.get(id).status).toBe('queued');
		const running = await run(response('retrieve', { responseId: id }));
		expect(running.output[0].json.status).toBe('in_progress');
		const cancelled = await run(response('cancel', { responseId: id }));
		expect(cancelled.output[0].json).toMatchObject({ id, status: 'cancelled', text: '' });
		const after = await run(response('retrieve', { responseId: id }));
		expect(after.output[0].json.status).toBe('cancelled');
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1/responses/${id}`,
			`POST /v1/responses/${id}/cancel`,
			`GET /v1/responses/${id}`,
		]);
		expect(server.requests[1].body).toBeUndefined();
	});

	test('Cancel of a response that did not run in the background keeps OpenAI message', async () => {
		const id = await created();
		const error = await runFailing(response('cancel', { responseId: id }));
		expect(error.message).toBe('Only background responses can be cancelled.');
		expect(error.httpCode).toBe('400');
	});

	test('Delete: DELETE /responses/{id}; afterwards Retrieve finds nothing', async () => {
		const id = await created();
		const { output } = await run(response('delete', { responseId: id }));
		expect(server.requests[0]).toMatchObject({ method: 'DELETE', path: `/v1/responses/${id}` });
		expect(output[0].json).toEqual({ id, object: 'response', deleted: true });
		const error = await runFailing(response('retrieve', { responseId: id }));
		expect(error.message).toBe(`No response found with id '${id}'.`);
		expect(error.httpCode).toBe('404');
	});

	test('Delete when OpenAI answers without a body still says what was deleted', async () => {
		server.on('DELETE', /^\/v1\/responses\/[^/]+$/, () => ({ status: 200 }));
		const { output } = await run(response('delete', { responseId: 'resp_x' }));
		expect(output[0].json).toEqual({ id: 'resp_x', deleted: true });
	});

	test('List Input Items: one item per input message, with Limit and Order; Return All follows the pages', async () => {
		const messages = { message: ['a', 'b', 'c'].map((content) => ({ role: 'user', content })) };
		const id = await created({ inputMode: 'messages', inputMessages: messages });
		const limited = await run(response('listInputItems', { responseId: id, returnAll: false, limit: 2, options: { order: 'asc' } }));
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/v1/responses/${id}/input_items`, query: { limit: '2', order: 'asc' } });
		expect(limited.output.map((item) => item.json.content)).toEqual([[{ type: 'input_text', text: 'a' }], [{ type: 'input_text', text: 'b' }]]);

		server.requests.length = 0;
		server.state.responses.get(id)._inputItems.push(
			...Array.from({ length: 120 }, (_, i) => ({ id: `msg_x${i}`, type: 'message', role: 'user', content: [{ type: 'input_text', text: `x${i}` }] })),
		);
		const all = await run(response('listInputItems', { responseId: id }));
		expect(all.output).toHaveLength(123);
		expect(all.output[0].json.id).toBe('msg_x119'); // newest first without Order
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', after: 'msg_x20' }]);
	});

	test.each([
		['an empty Response ID', response('retrieve', { responseId: ' ' }), "The field 'Response ID' is empty"],
		['Limit -1', response('listInputItems', { responseId: 'resp_1', returnAll: false, limit: -1 }), "The field 'Limit' must be at least 1 (got -1)"],
		['Limit 2.5', response('listInputItems', { responseId: 'resp_1', returnAll: false, limit: 2.5 }), "The field 'Limit' must be a whole number (got 2.5)"],
		['Limit Infinity', response('listInputItems', { responseId: 'resp_1', returnAll: false, limit: Infinity }), "The field 'Limit' must be a number (got 'Infinity')"],
	])('%s fails before sending, naming the field and the item', async (_, parameters, message) => {
		const error = await runFailing(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('Continue On Fail: a 500 on one response fails that item only; the others are retrieved', async () => {
		const id = await created();
		server.setFault((req) =>
			req.path.endsWith('/resp_bad') ? { status: 500, body: { error: { message: 'The server had an error.', type: 'server_error' } } } : undefined,
		);
		const { output } = await run(response('retrieve', { responseId: (i: number) => (i === 1 ? 'resp_bad' : id), requestOptions: { maxRetries: 0 } }), {
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.error ?? item.json.id)).toEqual([id, 'The server had an error.', id]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
