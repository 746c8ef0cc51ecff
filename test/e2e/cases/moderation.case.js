// Moderation → Create in real n8n: one result per sample (the texts in one request, each image in its own),
// `flagged` when any is.
'use strict';

const { assert, chain, toolkitNode } = require('../support');

module.exports = [
	{
		name: 'Moderation → Create with several inputs',
		compat: true,
		workflow: chain(
			toolkitNode('Moderate', {
				resource: 'moderation',
				operation: 'create',
				moderationInput: {
					values: [
						{ type: 'text', text: 'I want to hug everyone' },
						{ type: 'text', text: 'I will kill the bugs' },
						{ type: 'imageUrl', imageUrl: 'https://example.com/calm.png' },
					],
				},
			}),
		),
		check({ json, fake }) {
			const [moderation] = json('Moderate');
			assert.equal(moderation.flagged, true);
			assert.equal(moderation.results.length, 3);
			assert.equal(fake.requests.length, 2);
			assert.ok(fake.requests.every((request) => request.path === '/v1/moderations'));
			const bodies = fake.requests.map((request) => request.body);
			const texts = bodies.find((body) => typeof body.input[0] === 'string');
			const image = bodies.find((body) => typeof body.input[0] !== 'string');
			assert.deepEqual(texts, { model: 'omni-moderation-latest', input: ['I want to hug everyone', 'I will kill the bugs'] });
			assert.deepEqual(image, {
				model: 'omni-moderation-latest',
				input: [{ type: 'image_url', image_url: { url: 'https://example.com/calm.png' } }],
			});
		},
	},
	{
		name: 'Moderation → Create with text samples only: one result per sample',
		workflow: chain(
			toolkitNode('Moderate texts', {
				resource: 'moderation',
				operation: 'create',
				moderationInput: { values: [{ type: 'text', text: 'Hello' }, { type: 'text', text: 'Have a nice day' }] },
			}),
		),
		check({ json, fake }) {
			const [moderation] = json('Moderate texts');
			assert.equal(moderation.flagged, false);
			assert.deepEqual(moderation.results.map((r) => r.flagged), [false, false]);
			assert.deepEqual(fake.requests[0].body, { model: 'omni-moderation-latest', input: ['Hello', 'Have a nice day'] });
		},
	},
];
