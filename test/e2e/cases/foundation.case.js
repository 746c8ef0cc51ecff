// Foundation: Model → List and Custom API Call inside real n8n, and a custom call to a stranger refused.
'use strict';

const { assert, chain, toolkitNode } = require('../support');

module.exports = [
	{
		name: 'Model → List returns every model of the fake server',
		compat: true,
		workflow: chain(toolkitNode('List models', { resource: 'model', operation: 'list', returnAll: true })),
		check({ json, fake }) {
			const models = json('List models');
			assert.deepEqual(models.map((m) => m.id), fake.state.models);
			assert.equal(fake.requests.length, 1);
			assert.equal(fake.requests[0].path, '/v1/models');
			assert.equal(fake.requests[0].headers.authorization, 'Bearer sk-e2e-secret-key-000111');
		},
	},
	{
		name: 'Model → Retrieve and Delete',
		workflow: chain(
			toolkitNode('Retrieve model', { resource: 'model', operation: 'retrieve', modelId: { __rl: true, mode: 'id', value: 'gpt-4o' } }),
			toolkitNode('Delete model', { resource: 'model', operation: 'delete', modelId: 'ft:gpt-4o-mini:acme::e2e' }),
		),
		before(fake) {
			fake.state.models.push('ft:gpt-4o-mini:acme::e2e');
		},
		check({ json }) {
			assert.equal(json('Retrieve model')[0].id, 'gpt-4o');
			assert.deepEqual(json('Delete model')[0], { id: 'ft:gpt-4o-mini:acme::e2e', object: 'model', deleted: true });
		},
	},
	{
		name: 'Custom API Call → GET models',
		compat: true,
		workflow: chain(
			toolkitNode('Custom call', { resource: 'customApiCall', operation: 'makeRequest', url: 'models', method: 'GET', queryString: '{"limit": 3}' }),
		),
		check({ json, fake }) {
			const [reply] = json('Custom call');
			assert.equal(reply.object, 'list');
			assert.equal(reply.data.length, 3);
			assert.equal(fake.requests[0].path, '/v1/models');
			assert.deepEqual(fake.requests[0].query, { limit: '3' });
		},
	},
	{
		name: 'Custom API Call to https://example.com/x is refused without sending anything',
		expectError: true,
		workflow: chain(
			toolkitNode('Custom call to a stranger', { resource: 'customApiCall', operation: 'makeRequest', url: 'https://example.com/x', method: 'GET' }),
		),
		check({ error, fake, stdout }) {
			assert.ok(error, 'the run must fail');
			assert.match(error.message, /https:\/\/example\.com\/x' is not on the credential's Base URL/);
			assert.equal(fake.requests.length, 0);
			assert.ok(!stdout.includes('sk-e2e-secret-key-000111'), 'the API key must not be printed');
		},
	},
	{
		name: 'Custom API Call under Continue On Fail: a failing item does not stop the others',
		workflow: chain(
			{ ...require('../support').codeItems('Paths', [{ path: 'models/gpt-4o' }, { path: 'models/missing' }, { path: 'models/gpt-4o-mini' }]) },
			{
				...toolkitNode('Custom calls', { resource: 'customApiCall', operation: 'makeRequest', url: '={{ $json.path }}', method: 'GET' }),
				onError: 'continueRegularOutput',
			},
		),
		check({ output }) {
			const items = output('Custom calls');
			assert.equal(items.length, 3);
			assert.equal(items[0].json.id, 'gpt-4o');
			assert.equal(items[1].json.status, 404);
			assert.equal(items[1].json.code, 'model_not_found');
			assert.equal(items[2].json.id, 'gpt-4o-mini');
			assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
		},
	},
];
