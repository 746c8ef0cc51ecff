// Edit → Create in real n8n: the default emulation by one chat completion, output shaped like an edit.
'use strict';

const { assert, chain, codeItems, toolkitNode } = require('../support');

module.exports = [
	{
		name: 'Edit → Create emulated by a chat completion',
		compat: true,
		workflow: chain(
			codeItems('Texts', [{ text: 'What day of the wek is it?' }]),
			toolkitNode('Fix spelling', {
				resource: 'edit',
				operation: 'create',
				input: '={{ $json.text }}',
				instruction: 'Fix the spelling mistakes',
				options: { temperature: 0 },
			}),
		),
		check({ json, fake }) {
			const [edit] = json('Fix spelling');
			const userMessage = 'Instruction:\nFix the spelling mistakes\n\nText:\nWhat day of the wek is it?';
			assert.equal(edit.object, 'edit');
			assert.equal(typeof edit.created, 'number');
			assert.deepEqual(edit.choices, [{ text: `echo: ${userMessage}`, index: 0 }]);
			assert.deepEqual(edit.usage, { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 });
			assert.equal(edit.text, `echo: ${userMessage}`);
			assert.equal(fake.requests.length, 1);
			assert.equal(fake.requests[0].path, '/v1/chat/completions');
			const { messages, ...rest } = fake.requests[0].body;
			assert.deepEqual(rest, { model: 'gpt-4o-mini', temperature: 0 });
			assert.equal(messages[0].role, 'system');
			assert.match(messages[0].content, /reply with the edited text only/);
			assert.deepEqual(messages[1], { role: 'user', content: userMessage });
		},
	},
];
