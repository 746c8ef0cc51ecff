// Completion → Create in real n8n: a prompt mapped from the item goes to /completions.
'use strict';

const { assert, chain, codeItems, toolkitNode } = require('../support');

module.exports = [
	{
		name: 'Completion → Create with a prompt',
		compat: true,
		workflow: chain(
			codeItems('Prompts', [{ q: 'Write a tagline for an ice cream shop' }]),
			toolkitNode('Complete', {
				resource: 'completion',
				operation: 'create',
				prompt: '={{ $json.q }}',
				options: { maxTokens: 30, temperature: 0.7, suffix: '!', stop: ['\n'] },
			}),
		),
		check({ json, fake }) {
			const [item] = json('Complete');
			assert.equal(item.object, 'text_completion');
			assert.equal(item.text, 'echo: Write a tagline for an ice cream shop !');
			assert.equal(fake.requests.length, 1);
			assert.equal(fake.requests[0].path, '/v1/completions');
			assert.deepEqual(fake.requests[0].body, {
				model: 'gpt-3.5-turbo-instruct',
				prompt: 'Write a tagline for an ice cream shop',
				temperature: 0.7,
				stop: ['\n'],
				max_tokens: 30,
				suffix: '!',
			});
		},
	},
];
