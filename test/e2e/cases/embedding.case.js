// Embedding → Create in real n8n: the texts of several items (some lists) packed into one request and split
// back; an empty input fails its own item under Continue On Fail.
'use strict';

const { assert, chain, codeItems, toolkitNode } = require('../support');

module.exports = [
	{
		name: 'Embedding → Create across several items in one request',
		compat: true,
		workflow: chain(
			codeItems('Chunks', [{ texts: 'alpha' }, { texts: ['b1', 'b2', 'b3'] }, { texts: 'gamma' }, { texts: ['d1', 'd2'] }]),
			toolkitNode('Embed', {
				resource: 'embedding',
				operation: 'create',
				input: '={{ $json.texts }}',
				user: 'e2e-user',
				options: { dimensions: 8 },
			}),
		),
		check({ output, fake }) {
			assert.equal(fake.requests.length, 1);
			assert.deepEqual(fake.requests[0].body, {
				model: 'text-embedding-3-small',
				input: ['alpha', 'b1', 'b2', 'b3', 'gamma', 'd1', 'd2'],
				encoding_format: 'float',
				dimensions: 8,
				user: 'e2e-user',
			});
			const items = output('Embed');
			assert.equal(items.length, 7);
			assert.deepEqual(
				items.map((item) => [item.pairedItem.item, item.json.index]),
				[[0, 0], [1, 0], [1, 1], [1, 2], [2, 0], [3, 0], [3, 1]],
			);
			assert.ok(items.every((item) => Array.isArray(item.json.embedding) && item.json.embedding.length === 8));
			assert.equal(items[0].json.model, 'text-embedding-3-small');
			assert.ok(items.every((item) => item.json.requestInputs === 7));
			assert.deepEqual(items[0].json.usage, items[6].json.usage);
			// Equal texts give equal vectors, different texts different ones: each vector went to its own text.
			assert.notDeepEqual(items[1].json.embedding, items[2].json.embedding);
		},
	},
	{
		name: 'Embedding → Create: an empty input fails its item only (Continue On Fail)',
		workflow: chain(
			codeItems('Texts', [{ text: 'one' }, { text: '' }, { text: 'three' }]),
			{
				...toolkitNode('Embed texts', { resource: 'embedding', operation: 'create', input: '={{ $json.text }}' }),
				onError: 'continueRegularOutput',
			},
		),
		check({ output, fake }) {
			const items = output('Embed texts');
			assert.equal(items.length, 3);
			assert.ok(Array.isArray(items[0].json.embedding));
			assert.equal(items[1].json.error, "The field 'Input Text to Embed' is empty");
			assert.deepEqual(items[1].pairedItem, { item: 1 });
			assert.ok(Array.isArray(items[2].json.embedding));
			assert.equal(fake.requests.length, 1);
			assert.deepEqual(fake.requests[0].body.input, ['one', 'three']);
		},
	},
];
