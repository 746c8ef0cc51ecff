// Conversations inside real n8n (version 2 nodes): state kept by OpenAI across turns, and the life cycle of a
// background response. Response → Create is put in the conversation through Additional Body Fields (JSON).
'use strict';

const { assert, chain, toolkitNode } = require('../support');

const v2 = { typeVersion: 2 };
const inConversation = (idExpression) => ({ additionalBodyFields: `={{ JSON.stringify({ conversation: ${idExpression} }) }}` });
const textOf = (item) => item.content.map((part) => part.text).join(' ');

module.exports = [
	{
		name: 'Conversation → Create, two Response turns in it (the second knows the first), Conversation Item → List in order',
		workflow: chain(
			toolkitNode('Start conversation', { resource: 'conversation', operation: 'create', options: { metadata: '{"topic": "e2e"}' } }, v2),
			toolkitNode(
				'First turn',
				{ resource: 'response', operation: 'create', inputText: 'My name is Ada.', simplify: false, responseOptions: inConversation('$json.id') },
				v2,
			),
			toolkitNode(
				'Second turn',
				{
					resource: 'response',
					operation: 'create',
					inputText: 'What is my name?',
					simplify: false,
					responseOptions: inConversation("$('Start conversation').item.json.id"),
				},
				v2,
			),
			toolkitNode(
				'List items',
				{
					resource: 'conversationItem',
					operation: 'list',
					conversationId: { __rl: true, mode: 'id', value: "={{ $('Start conversation').item.json.id }}" },
					options: { order: 'asc' },
				},
				v2,
			),
		),
		check({ output, json, fake }) {
			const [conversation] = json('Start conversation');
			assert.deepEqual(conversation, { id: 'conv_0001', object: 'conversation', created_at: 1700000001, metadata: { topic: 'e2e' } });
			assert.equal(json('First turn')[0].text, 'echo: My name is Ada.');
			assert.deepEqual(json('First turn')[0].conversation, { id: 'conv_0001' });
			assert.equal(json('Second turn')[0].text, 'echo: What is my name? (earlier: My name is Ada.)');
			const items = output('List items');
			assert.deepEqual(items.map((item) => item.json.role), ['user', 'assistant', 'user', 'assistant']);
			assert.deepEqual(items.map((item) => textOf(item.json)), [
				'My name is Ada.',
				'echo: My name is Ada.',
				'What is my name?',
				'echo: What is my name? (earlier: My name is Ada.)',
			]);
			assert.ok(items.every((item) => item.pairedItem.item === 0));
			assert.deepEqual(
				fake.requests.map((r) => `${r.method} ${r.path}`),
				['POST /v1/conversations', 'POST /v1/responses', 'POST /v1/responses', 'GET /v1/conversations/conv_0001/items'],
			);
			assert.deepEqual(fake.requests[0].body, { metadata: { topic: 'e2e' } });
			assert.deepEqual(fake.requests[2].body, { model: 'gpt-4o-mini', input: 'What is my name?', conversation: 'conv_0001' });
			assert.deepEqual(fake.requests[3].query, { limit: '100', order: 'asc' });
		},
	},
	{
		name: 'Response in the background → Retrieve (running) → Cancel (cancelled)',
		workflow: chain(
			toolkitNode(
				'Start in background',
				{ resource: 'response', operation: 'create', inputText: 'Think hard', simplify: false, responseOptions: { additionalBodyFields: '{"background": true}' } },
				v2,
			),
			toolkitNode('Check on it', { resource: 'response', operation: 'retrieve', responseId: '={{ $json.id }}' }, v2),
			toolkitNode('Stop it', { resource: 'response', operation: 'cancel', responseId: '={{ $json.id }}' }, v2),
		),
		check({ json, fake }) {
			assert.equal(json('Start in background')[0].status, 'queued');
			assert.equal(json('Check on it')[0].status, 'in_progress');
			assert.equal(json('Stop it')[0].status, 'cancelled');
			assert.equal(json('Stop it')[0].id, 'resp_0001');
			assert.deepEqual(
				fake.requests.map((r) => `${r.method} ${r.path}`),
				['POST /v1/responses', 'GET /v1/responses/resp_0001', 'POST /v1/responses/resp_0001/cancel'],
			);
			assert.deepEqual(fake.requests[0].body, { model: 'gpt-4o-mini', input: 'Think hard', background: true });
		},
	},
	{
		name: 'Conversation Item → Add two messages, Delete the first; Conversation → Update metadata, Retrieve, Delete',
		workflow: chain(
			toolkitNode('Create', { resource: 'conversation', operation: 'create' }, v2),
			toolkitNode(
				'Add',
				{
					resource: 'conversationItem',
					operation: 'add',
					conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					messages: { message: [{ role: 'user', content: 'Hello' }, { role: 'assistant', content: 'Hi' }] },
				},
				v2,
			),
			{
				// Add outputs one item per message added: delete only the first.
				...toolkitNode(
					'Delete first item',
					{
						resource: 'conversationItem',
						operation: 'delete',
						conversationId: { __rl: true, mode: 'id', value: "={{ $('Create').item.json.id }}" },
						itemId: '={{ $json.id }}',
					},
					v2,
				),
				executeOnce: true,
			},
			toolkitNode('Update', { resource: 'conversation', operation: 'update', conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, metadata: '{"stage": "done"}' }, v2),
			toolkitNode('Retrieve', { resource: 'conversation', operation: 'retrieve', conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, v2),
			toolkitNode('Delete', { resource: 'conversation', operation: 'delete', conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, v2),
		),
		check({ json, fake }) {
			assert.deepEqual(json('Add').map((item) => item.role), ['user', 'assistant']);
			assert.deepEqual(json('Delete first item'), [{ id: 'conv_0001', object: 'conversation', created_at: 1700000001, metadata: {} }]);
			assert.deepEqual(json('Retrieve')[0].metadata, { stage: 'done' });
			assert.deepEqual(json('Delete')[0], { id: 'conv_0001', object: 'conversation.deleted', deleted: true });
			assert.deepEqual(fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/conversations/conv_0001').body, { metadata: { stage: 'done' } });
			assert.deepEqual(
				fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path),
				['/v1/conversations/conv_0001/items/msg_0001', '/v1/conversations/conv_0001'],
			);
		},
	},
];
