import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';

describe('Conversation → Create, Retrieve, Update, Delete (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const conversation = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'conversation', operation, ...parameters });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters, credentials: credentials(), ...extra });

	test('version 1 has no Conversation resource; version 2 lists it with its operations', () => {
		const resourcesOf = (version: 1 | 2) =>
			(nodeDescription(version).properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map((o) => o.value);
		expect(resourcesOf(1)).not.toContain('conversation');
		expect(resourcesOf(2)).toEqual(expect.arrayContaining(['conversation', 'conversationItem']));
		const selector = nodeDescription(2).properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('conversation'));
		expect((selector!.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['create', 'delete', 'retrieve', 'update']);
	});

	test('Create without items or options sends an empty body and outputs the conversation', async () => {
		const { output } = await run(conversation('create'));
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/conversations']);
		expect(server.requests[0].body).toEqual({});
		expect(output).toEqual([{ json: { id: 'conv_0001', object: 'conversation', created_at: 1700000001, metadata: {} }, pairedItem: { item: 0 } }]);
	});

	test('Create with messages and metadata: the exact body, the items stored in order', async () => {
		await run(
			conversation('create', {
				itemsMode: 'messages',
				messages: { message: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hello!' }, { role: 'assistant', content: 'Hi.' }] },
				options: { metadata: '{"topic": "demo", "n": 3}' },
			}),
		);
		expect(server.requests[0].body).toEqual({
			items: [
				{ role: 'developer', content: 'Be brief.' },
				{ role: 'user', content: 'Hello!' },
				{ role: 'assistant', content: 'Hi.' },
			],
			metadata: { topic: 'demo', n: '3' },
		});
		expect(server.state.conversations.get('conv_0001')._items.map((item: { role: string }) => item.role)).toEqual(['developer', 'user', 'assistant']);
	});

	test('Create with JSON items (one object is a list of one) and Additional Body Fields', async () => {
		const items = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello!' }] }];
		await run(conversation('create', { itemsMode: 'json', itemsJson: JSON.stringify(items), options: { additionalBodyFields: '{"metadata": {"a": "b"}}' } }));
		expect(server.requests[0].body).toEqual({ items, metadata: { a: 'b' } });
		server.requests.length = 0;
		await run(conversation('create', { itemsMode: 'json', itemsJson: items[0] }));
		expect(server.requests[0].body).toEqual({ items });
	});

	test.each([
		['more than 20 messages', { itemsMode: 'messages', messages: { message: Array.from({ length: 21 }, (_, i) => ({ role: 'user', content: `m${i}` })) } }, "The field 'Messages' has 21 items; OpenAI adds at most 20 at a time"],
		['an empty message', { itemsMode: 'messages', messages: { message: [{ role: 'user', content: 'ok' }, { role: 'user', content: ' ' }] } }, "Message 2: the field 'Content' is empty"],
		['bad JSON', { itemsMode: 'json', itemsJson: '[{"type": ' }, "Invalid JSON in field 'Items (JSON)'"],
		['a JSON entry that is no object', { itemsMode: 'json', itemsJson: '[{"role": "user", "content": "a"}, 5]' }, "Field 'Items (JSON)': entry 2 is not a JSON object"],
		['metadata with a nested value', { options: { metadata: '{"a": {"b": 1}}' } }, "Field 'Metadata (JSON)': the value of 'a' must be text, not an object or list"],
	])('Create refuses %s before sending, naming the field and the item', async (_, parameters, message) => {
		const error = await runNodeExpectingError({ typeVersion: 2, parameters: conversation('create', parameters), credentials: credentials() });
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('Retrieve, Update (metadata replaced; {} clears it) and Delete by ID', async () => {
		await run(conversation('create', { options: { metadata: '{"topic": "demo"}' } }));
		server.requests.length = 0;
		const retrieved = await run(conversation('retrieve', { conversationId: byId('conv_0001') }));
		expect(retrieved.output[0].json).toMatchObject({ id: 'conv_0001', metadata: { topic: 'demo' } });

		const updated = await run(conversation('update', { conversationId: byId(' conv_0001 '), metadata: '{"topic": "x", "done": true}' }));
		expect(updated.output[0].json.metadata).toEqual({ topic: 'x', done: 'true' });
		await run(conversation('update', { conversationId: byId('conv_0001'), metadata: '{}' }));

		const deleted = await run(conversation('delete', { conversationId: byId('conv_0001') }));
		expect(deleted.output[0].json).toEqual({ id: 'conv_0001', object: 'conversation.deleted', deleted: true });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v1/conversations/conv_0001',
			'POST /v1/conversations/conv_0001',
			'POST /v1/conversations/conv_0001',
			'DELETE /v1/conversations/conv_0001',
		]);
		expect(server.requests.slice(1, 3).map((r) => r.body)).toEqual([{ metadata: { topic: 'x', done: 'true' } }, { metadata: {} }]);
	});

	test('a conversation ID given as plain text (an expression) works too', async () => {
		await run(conversation('create'));
		const { output } = await run(conversation('retrieve', { conversationId: 'conv_0001' }));
		expect(output[0].json.id).toBe('conv_0001');
	});

	test('an unknown conversation keeps OpenAI message and status', async () => {
		const error = await runNodeExpectingError({ typeVersion: 2, parameters: conversation('retrieve', { conversationId: byId('conv_missing') }), credentials: credentials() });
		expect(error.message).toBe("Conversation with id 'conv_missing' not found.");
		expect(error.httpCode).toBe('404');
	});

	test('a 400 from OpenAI and a 503 retried: the error keeps the message, the retry succeeds', async () => {
		server.queueFault({ status: 400, body: { error: { message: "Invalid 'metadata'.", type: 'invalid_request_error', param: 'metadata', code: null } } });
		const error = await runNodeExpectingError({ typeVersion: 2, parameters: conversation('create'), credentials: credentials() });
		expect(error.message).toBe("Invalid 'metadata'.");
		server.requests.length = 0;
		server.queueFault({ status: 503, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'Busy', type: 'server_error' } } });
		const { output } = await run(conversation('create'));
		expect(server.requests).toHaveLength(2);
		expect(output[0].json.object).toBe('conversation');
	});

	test('Continue On Fail: an empty Conversation fails its item only, naming the field', async () => {
		await run(conversation('create'));
		server.requests.length = 0;
		const { output } = await run(conversation('retrieve', { conversationId: (i: number) => byId(i === 1 ? '' : 'conv_0001') }), {
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.id ?? item.json.error)).toEqual(['conv_0001', "The field 'Conversation' is empty", 'conv_0001']);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(server.requests).toHaveLength(2);
	});
});
