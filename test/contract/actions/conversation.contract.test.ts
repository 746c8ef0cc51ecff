import { runNode } from '../../support/executeContext';
import { expectRequestsConform, useContractProxy } from '../support';

// Prism answers from the spec's examples; what matters is that each request the node sends is one the spec
// accepts (a request violation, or a 4xx, fails). Violations Prism finds only in its own generated answers say
// nothing about the request and are ignored (expectRequestsConform).
jest.setTimeout(60_000);

describe('contract: Conversation and Conversation Item against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const run = (parameters: Record<string, unknown>) => runNode({ typeVersion: 2, parameters, credentials: credentials() });
	const conversation = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'conversation', operation, ...parameters });
	const item = (operation: string, parameters: Record<string, unknown> = {}) => ({
		resource: 'conversationItem',
		operation,
		conversationId: byId('conv_123'),
		...parameters,
	});
	const calls = () => proxy.records.map((record) => `${record.method} ${record.path}`);

	test('Conversation → Create: POST /conversations empty, with messages and metadata, with JSON items', async () => {
		await run(conversation('create'));
		await run(
			conversation('create', {
				itemsMode: 'messages',
				messages: { message: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hello!' }, { role: 'assistant', content: 'Hi.' }] },
				options: { metadata: '{"topic": "demo"}' },
			}),
		);
		// JSON items are sent as the user wrote them. Not a message with content parts here: it matches two of the
		// spec's InputItem schemas at once (EasyInputMessage and InputMessage), which Prism refuses as a oneOf.
		await run(
			conversation('create', {
				itemsMode: 'json',
				itemsJson: '[{"type": "function_call_output", "call_id": "call_1", "output": "sunny"}]',
			}),
		);
		expect(calls()).toEqual(['POST /conversations', 'POST /conversations', 'POST /conversations']);
		expectRequestsConform(proxy.records, 3);
	});

	test('Conversation → Retrieve, Update, Delete', async () => {
		await run(conversation('retrieve', { conversationId: byId('conv_123') }));
		await run(conversation('update', { conversationId: byId('conv_123'), metadata: '{"topic": "project-x"}' }));
		await run(conversation('delete', { conversationId: byId('conv_123') }));
		expect(calls()).toEqual(['GET /conversations/conv_123', 'POST /conversations/conv_123', 'DELETE /conversations/conv_123']);
		expectRequestsConform(proxy.records, 3);
	});

	test('Conversation Item → List with a limit, order and include', async () => {
		await run(item('list', { returnAll: false, limit: 5, options: { order: 'asc', include: ['message.input_image.image_url'] } }));
		expect(calls()[0]).toBe('GET /conversations/conv_123/items');
		expectRequestsConform(proxy.records);
	});

	test('Conversation Item → Add messages and JSON items', async () => {
		await run(item('add', { messages: { message: [{ role: 'user', content: 'Hello!' }, { role: 'assistant', content: 'Hi.' }] } }));
		await run(item('add', { itemsMode: 'json', itemsJson: '[{"type": "function_call_output", "call_id": "call_1", "output": "{\\"ok\\": true}"}]' }));
		expect(calls()).toEqual(['POST /conversations/conv_123/items', 'POST /conversations/conv_123/items']);
		expectRequestsConform(proxy.records, 2);
	});

	test('Conversation Item → Retrieve and Delete', async () => {
		await run(item('retrieve', { itemId: 'msg_abc' }));
		await run(item('delete', { itemId: 'msg_abc' }));
		expect(calls()).toEqual(['GET /conversations/conv_123/items/msg_abc', 'DELETE /conversations/conv_123/items/msg_abc']);
		expectRequestsConform(proxy.records, 2);
	});
});
