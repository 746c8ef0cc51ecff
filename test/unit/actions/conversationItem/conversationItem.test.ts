import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';

describe('Conversation Item → List, Add, Retrieve, Delete (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const item = (operation: string, parameters: Record<string, unknown> = {}) => ({
		resource: 'conversationItem',
		operation,
		conversationId: byId('conv_0001'),
		...parameters,
	});
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters, credentials: credentials(), ...extra });
	const runFailing = (parameters: Record<string, unknown>) => runNodeExpectingError({ typeVersion: 2, parameters, credentials: credentials() });
	const texts = (output: Array<{ json: Record<string, unknown> }>) =>
		output.map((entry) => (entry.json.content as Array<{ text: string }>).map((part) => part.text).join(' '));

	/** A conversation conv_0001 with the given user messages; requests forgotten. */
	async function conversationWith(...messages: string[]): Promise<void> {
		await run({
			resource: 'conversation',
			operation: 'create',
			itemsMode: messages.length ? 'messages' : 'none',
			messages: { message: messages.map((content) => ({ role: 'user', content })) },
		});
		server.requests.length = 0;
	}

	test('List with a limit and Oldest First; without Order nothing is sent and OpenAI lists the newest first', async () => {
		await conversationWith('one', 'two', 'three');
		const oldest = await run(item('list', { returnAll: false, limit: 2, options: { order: 'asc' } }));
		expect(texts(oldest.output)).toEqual(['one', 'two']);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/conversations/conv_0001/items', query: { limit: '2', order: 'asc' } });
		server.requests.length = 0;
		const newest = await run(item('list'));
		expect(texts(newest.output)).toEqual(['three', 'two', 'one']);
		expect(server.requests[0].query).toEqual({ limit: '100' });
		expect(newest.output.every((entry) => (entry.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('List with Return All (on by default in version 2) follows the cursor pages; Include is sent', async () => {
		await conversationWith();
		const all = Array.from({ length: 130 }, (_, i) => ({ id: `msg_${i}`, type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_text', text: `m${i}` }] }));
		server.state.conversations.get('conv_0001')._items.push(...all);
		const { output } = await run(item('list', { options: { order: 'asc', include: ['message.input_image.image_url'] } }));
		expect(output).toHaveLength(130);
		expect(output[129].json.id).toBe('msg_129');
		expect(server.requests.map((r) => r.query)).toEqual([
			{ limit: '100', order: 'asc', 'include[]': 'message.input_image.image_url' },
			{ limit: '100', order: 'asc', 'include[]': 'message.input_image.image_url', after: 'msg_99' },
		]);
	});

	test('Add messages: the exact body, one output item per item added, in order', async () => {
		await conversationWith('first');
		const { output } = await run(
			item('add', { messages: { message: [{ role: 'user', content: 'Hello' }, { role: 'assistant', content: 'Hi there' }] }, options: { include: ['reasoning.encrypted_content'] } }),
		);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/conversations/conv_0001/items', query: { 'include[]': 'reasoning.encrypted_content' } });
		expect(server.requests[0].body).toEqual({
			items: [
				{ role: 'user', content: 'Hello' },
				{ role: 'assistant', content: 'Hi there' },
			],
		});
		expect(output.map((entry) => [entry.json.role, entry.json.id])).toEqual([
			['user', 'msg_0002'],
			['assistant', 'msg_0003'],
		]);
		expect(output[1].json.content).toEqual([{ type: 'output_text', text: 'Hi there' }]);
	});

	test('Add JSON items; Add with nothing to add fails before sending', async () => {
		await conversationWith();
		const items = [{ type: 'function_call_output', call_id: 'call_1', output: '{"ok": true}' }];
		const { output } = await run(item('add', { itemsMode: 'json', itemsJson: JSON.stringify(items) }));
		expect(server.requests[0].body).toEqual({ items });
		expect(output[0].json).toMatchObject({ type: 'function_call_output', call_id: 'call_1' });
		server.requests.length = 0;
		const error = await runFailing(item('add', { itemsMode: 'json', itemsJson: '[]' }));
		expect(error.message).toBe("The field 'Items (JSON)' has no item");
		const noMessages = await runFailing(item('add', { messages: { message: [] } }));
		expect(noMessages.message).toBe("The field 'Messages' has no item");
		expect(server.requests).toHaveLength(0);
	});

	test('Retrieve and Delete one item; Delete answers with the conversation', async () => {
		await conversationWith('keep', 'drop');
		const got = await run(item('retrieve', { itemId: 'msg_0002', options: { include: ['message.output_text.logprobs'] } }));
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/conversations/conv_0001/items/msg_0002', query: { 'include[]': 'message.output_text.logprobs' } });
		expect(texts(got.output)).toEqual(['drop']);
		const deleted = await run(item('delete', { itemId: 'msg_0002' }));
		expect(server.requests[1]).toMatchObject({ method: 'DELETE', path: '/v1/conversations/conv_0001/items/msg_0002' });
		expect(deleted.output[0].json).toMatchObject({ id: 'conv_0001', object: 'conversation' });
		expect(texts((await run(item('list'))).output)).toEqual(['keep']);
		const missing = await runFailing(item('retrieve', { itemId: 'msg_0002' }));
		expect(missing.message).toBe("Item with id 'msg_0002' not found.");
		expect(missing.httpCode).toBe('404');
	});

	test.each([
		['Limit 0', item('list', { returnAll: false, limit: 0 }), "The field 'Limit' must be at least 1 (got 0)"],
		['Limit NaN', item('list', { returnAll: false, limit: Number.NaN }), "The field 'Limit' must be a number (got 'NaN')"],
		['an Order from an expression that is neither', item('list', { options: { order: 'sideways' } }), "The field 'Order' must be 'asc' or 'desc' (got 'sideways')"],
		['an empty Item ID', item('retrieve', { itemId: '  ' }), "The field 'Item ID' is empty"],
		['an empty Conversation', item('delete', { conversationId: byId(''), itemId: 'msg_1' }), "The field 'Conversation' is empty"],
	])('%s fails before sending, naming the field and the item', async (_, parameters, message) => {
		const error = await runFailing(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('Continue On Fail: an unknown conversation fails its item only', async () => {
		await conversationWith('hello');
		const { output } = await run(item('list', { conversationId: (i: number) => byId(i === 0 ? 'conv_nope' : 'conv_0001') }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output.map((entry) => entry.json.error ?? entry.json.id)).toEqual(["Conversation with id 'conv_nope' not found.", 'msg_0001']);
		expect(output.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a multi-turn chat: two Response → Create turns in the conversation; the second knows the first; List shows both in order', async () => {
		await conversationWith();
		const turn = (text: string) =>
			run({
				resource: 'response',
				operation: 'create',
				inputText: text,
				simplify: false,
				responseOptions: { additionalBodyFields: '{"conversation": "conv_0001"}' },
			});
		const first = await turn('My name is Ada.');
		const second = await turn('What is my name?');
		expect(server.requests.map((r) => r.body)).toEqual([
			{ model: 'gpt-4o-mini', input: 'My name is Ada.', conversation: 'conv_0001' },
			{ model: 'gpt-4o-mini', input: 'What is my name?', conversation: 'conv_0001' },
		]);
		expect(first.output[0].json).toMatchObject({ text: 'echo: My name is Ada.', conversation: { id: 'conv_0001' } });
		expect(second.output[0].json.text).toBe('echo: What is my name? (earlier: My name is Ada.)');
		const { output } = await run(item('list', { options: { order: 'asc' } }));
		expect(output.map((entry) => entry.json.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
		expect(texts(output)).toEqual(['My name is Ada.', 'echo: My name is Ada.', 'What is my name?', 'echo: What is my name? (earlier: My name is Ada.)']);
	});
});
