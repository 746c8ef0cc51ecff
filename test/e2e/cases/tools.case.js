// The Tools input (node version 2), in real n8n: a Code Tool and a Calculator attached to Chat → Create
// Completion and to Response → Create. The fake server's scripted model (`#tool-script`, see
// test/support/fake-tool-script.js) asks for both tools in one round, gets their results and answers with them;
// the item outputs the answer and the transcript, and n8n shows both tools' runs.
'use strict';

const { assert, chain, n8nNode, toolkitNode } = require('../support');

// n8n names a tool after its node (spaces and other characters become _).
const CALCULATOR = 'Calculator';
const SHOUT = 'Shout';
const ROUNDS = [
	[
		{ name: CALCULATOR, arguments: { input: '6 * 7' } },
		{ name: SHOUT, arguments: { input: 'hello' } },
	],
];
const PROMPT = `Use the tools #tool-script ${JSON.stringify(ROUNDS)}`;

function workflow(name, parameters) {
	const base = chain(toolkitNode(name, parameters, { typeVersion: 2 }));
	const calculator = n8nNode(CALCULATOR, '@n8n/n8n-nodes-langchain.toolCalculator', 1, {});
	const shout = n8nNode(SHOUT, '@n8n/n8n-nodes-langchain.toolCode', 1.3, {
		description: 'Says the text back in capitals',
		language: 'javaScript',
		jsCode: 'return query.toUpperCase();',
	});
	return {
		settings: { executionOrder: 'v1' },
		nodes: [...base.nodes, calculator, shout],
		connections: {
			...base.connections,
			[CALCULATOR]: { ai_tool: [[{ node: name, type: 'ai_tool', index: 0 }]] },
			[SHOUT]: { ai_tool: [[{ node: name, type: 'ai_tool', index: 0 }]] },
		},
	};
}

/** What both operations must show: both tools offered, run by n8n, their results in the answer and the transcript. */
function checkToolRun({ json, runData, fake }, name, offeredNames) {
	const requests = fake.requests.filter((request) => request.method === 'POST');
	assert.equal(requests.length, 2, `expected two model requests, got ${fake.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
	// n8n hands the tools over in no fixed order: the set is what counts.
	assert.deepEqual([...offeredNames(requests[0].body)].sort(), [CALCULATOR, SHOUT].sort());

	const [item] = json(name);
	assert.equal(item.text, 'tools answered: 42 | HELLO');
	const transcript = item.tool_calls_transcript.map(({ iteration, name: tool, arguments: args, result }) => ({ iteration, tool, args, result }));
	assert.deepEqual(transcript, [
		{ iteration: 1, tool: CALCULATOR, args: { input: '6 * 7' }, result: '42' },
		{ iteration: 1, tool: SHOUT, args: { input: 'hello' }, result: 'HELLO' },
	]);
	for (const entry of item.tool_calls_transcript) assert.equal(typeof entry.duration_ms, 'number');
	// n8n ran each tool itself: both tool nodes have runs in the execution.
	assert.ok(runData[CALCULATOR], `the Calculator has no run data; ran: ${Object.keys(runData).join(', ')}`);
	assert.ok(runData[SHOUT], `the Code Tool has no run data; ran: ${Object.keys(runData).join(', ')}`);
}

module.exports = [
	{
		name: 'Tools input: Chat → Create Completion calls a Code Tool and a Calculator, gets their results, answers',
		workflow: workflow('Chat with tools', {
			resource: 'chat',
			operation: 'createCompletion',
			messages: { values: [{ role: 'user', content: PROMPT }] },
		}),
		check(ctx) {
			checkToolRun(ctx, 'Chat with tools', (body) => body.tools.map((tool) => tool.function.name));
			const second = ctx.fake.requests[1].body.messages;
			assert.deepEqual(
				second.slice(2).map((message) => [message.role, message.tool_call_id, message.content]),
				[
					['tool', 'call_1_1', '42'],
					['tool', 'call_1_2', 'HELLO'],
				],
			);
		},
	},
	{
		name: 'Tools input: Response → Create calls a Code Tool and a Calculator, gets their results, answers',
		workflow: workflow('Respond with tools', { resource: 'response', operation: 'create', inputText: PROMPT }),
		check(ctx) {
			checkToolRun(ctx, 'Respond with tools', (body) => body.tools.map((tool) => tool.name));
			const outputs = ctx.fake.requests[1].body.input.filter((entry) => entry.type === 'function_call_output');
			assert.deepEqual(
				outputs.map((entry) => [entry.call_id, entry.output]),
				[
					['call_1_1', '42'],
					['call_1_2', 'HELLO'],
				],
			);
		},
	},
];
