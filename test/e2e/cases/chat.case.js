// Chat → Create Completion in real n8n: messages mapped from the items, a JSON schema response format parsed
// into the `text` field.
'use strict';

const { assert, chain, codeItems, toolkitNode } = require('../support');

const schema = {
	type: 'object',
	properties: { summary: { type: 'string' }, legs: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
	required: ['summary', 'legs', 'tags'],
	additionalProperties: false,
};

module.exports = [
	{
		name: 'Chat → Create Completion with a JSON schema response format',
		compat: true,
		workflow: chain(
			codeItems('Animals', [{ animal: 'cat' }, { animal: 'spider' }]),
			toolkitNode('Describe', {
				resource: 'chat',
				operation: 'createCompletion',
				messages: {
					values: [
						{ role: 'system', content: 'Describe animals as JSON.' },
						{ role: 'user', content: '={{ "Describe a " + $json.animal }}', name: 'e2e_user' },
					],
				},
				responseFormat: 'json_schema',
				jsonSchemaName: 'animal',
				jsonSchema: JSON.stringify(schema, null, 2),
				options: { temperature: 0.2, maxCompletionTokens: 200 },
			}),
		),
		check({ json, output, fake }) {
			const items = json('Describe');
			assert.equal(items.length, 2);
			assert.deepEqual(items[0].text, { summary: 'echo: Describe a cat', legs: 0, tags: [] });
			assert.deepEqual(items[1].text, { summary: 'echo: Describe a spider', legs: 0, tags: [] });
			assert.equal(items[0].object, 'chat.completion');
			assert.deepEqual(output('Describe').map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
			assert.equal(fake.requests.length, 2);
			const bodies = fake.requests.map((r) => r.body).sort((a, b) => a.messages[1].content.localeCompare(b.messages[1].content));
			assert.deepEqual(bodies[0], {
				model: 'gpt-4o-mini',
				messages: [
					{ role: 'system', content: 'Describe animals as JSON.' },
					{ role: 'user', content: 'Describe a cat', name: 'e2e_user' },
				],
				temperature: 0.2,
				max_completion_tokens: 200,
				response_format: { type: 'json_schema', json_schema: { name: 'animal', schema, strict: true } },
			});
		},
	},
	{
		name: 'Chat → Create Completion: a name that breaks the pattern fails its item only (Continue On Fail)',
		workflow: chain(
			codeItems('Names', [{ name: 'Anna' }, { name: 'Anna Berg' }, { name: 'Bo' }]),
			{
				...toolkitNode('Chat with names', {
					resource: 'chat',
					operation: 'createCompletion',
					messages: { values: [{ role: 'user', content: 'Hello', name: '={{ $json.name }}' }] },
				}),
				onError: 'continueRegularOutput',
			},
		),
		check({ json, fake }) {
			const items = json('Chat with names');
			assert.equal(items.length, 3);
			assert.equal(items[0].text, 'echo: Hello');
			assert.match(items[1].error, /^Message 1: the field 'Name' \('Anna Berg'\) may only contain letters, digits and underscores/);
			assert.equal(items[2].text, 'echo: Hello');
			assert.equal(fake.requests.length, 2);
		},
	},
];
