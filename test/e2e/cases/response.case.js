// Response → Create inside real n8n: a plain text answer, and background mode with JSON schema output polled to
// completion.
'use strict';

const { assert, chain, codeItems, toolkitNode } = require('../support');

module.exports = [
	{
		name: 'Response → Create: text input, one response per item with its output text',
		compat: true,
		workflow: chain(
			codeItems('Prompts', [{ prompt: 'Hello' }, { prompt: 'Goodbye' }]),
			toolkitNode('Respond', { resource: 'response', operation: 'create', inputText: '={{ $json.prompt }}', instructions: 'Be brief.' }),
		),
		check({ output, fake }) {
			const items = output('Respond');
			assert.deepEqual(items.map((item) => item.json.text), ['echo: Hello', 'echo: Goodbye']);
			assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
			assert.deepEqual(fake.requests[0].body, { model: 'gpt-4o-mini', input: 'Hello', instructions: 'Be brief.' });
		},
	},
	{
		name: 'Response → Create in background mode with JSON schema output: polled until completed, text parsed',
		workflow: chain(
			codeItems('Prompt', [{ prompt: 'Think hard' }]),
			toolkitNode('Respond in background', {
				resource: 'response',
				operation: 'create',
				inputText: '={{ $json.prompt }}',
				textFormat: 'json_schema',
				jsonSchemaName: 'echo',
				jsonSchema: '{"type": "object", "properties": {"echo": {"type": "string"}}, "required": ["echo"], "additionalProperties": false}',
				background: true,
				pollInterval: 1,
			}),
		),
		check({ json, fake }) {
			const [response] = json('Respond in background');
			assert.equal(response.status, 'completed');
			assert.deepEqual(response.text, { echo: 'echo: Think hard' });
			assert.deepEqual(
				fake.requests.map((r) => `${r.method} ${r.path}`),
				['POST /v1/responses', 'GET /v1/responses/resp_0001', 'GET /v1/responses/resp_0001'],
			);
			assert.equal(fake.requests[0].body.background, true);
		},
	},
];
