// Response → Create's version 2 fields inside real n8n: a hosted MCP tool whose header secret and authorization
// never appear in the output, the run's printout or an error; and the stored chat completions.
'use strict';

const { assert, chain, toolkitNode } = require('../support');

const v2 = { typeVersion: 2 };
const HEADER_SECRET = 'mcp-e2e-header-secret-5c1d';
const AUTH_SECRET = 'mcp-e2e-oauth-token-9b7e';
const mcpServers = {
	server: [
		{
			serverLabel: 'deepwiki',
			serverUrl: 'https://mcp.deepwiki.com/mcp',
			authorization: AUTH_SECRET,
			allowedTools: 'ask_question',
			headers: { header: [{ name: 'X-Api-Key', value: HEADER_SECRET }] },
		},
	],
};
const noSecret = (text, where) => {
	assert.ok(!text.includes(HEADER_SECRET), `the MCP header secret must not appear in ${where}`);
	assert.ok(!text.includes(AUTH_SECRET), `the MCP authorization must not appear in ${where}`);
};

module.exports = [
	{
		name: 'Response → Create with an MCP server: the header secret is sent, but never in the output',
		workflow: chain(
			toolkitNode(
				'Ask with MCP',
				{
					resource: 'response',
					operation: 'create',
					inputText: 'What does the wiki say?',
					simplify: false,
					mcpServers,
					responseOptions: { include: ['message.output_text.logprobs'], topLogprobs: 2, verbosity: 'low', maxToolCalls: 3 },
				},
				v2,
			),
		),
		check({ json, fake, stdout }) {
			const [response] = json('Ask with MCP');
			assert.equal(response.status, 'completed');
			noSecret(JSON.stringify(response), 'the output');
			noSecret(stdout, "n8n's printout");
			const body = fake.requests[0].body;
			assert.deepEqual(body.tools, [
				{
					type: 'mcp',
					server_label: 'deepwiki',
					server_url: 'https://mcp.deepwiki.com/mcp',
					authorization: AUTH_SECRET,
					allowed_tools: ['ask_question'],
					require_approval: 'never',
					headers: { 'X-Api-Key': HEADER_SECRET },
				},
			]);
			assert.deepEqual(body.include, ['message.output_text.logprobs']);
			assert.equal(body.top_logprobs, 2);
			assert.deepEqual(body.text, { verbosity: 'low' });
			assert.equal(body.max_tool_calls, 3);
		},
	},
	{
		name: 'Response → Create with an MCP server whose error echoes the secret: the error is scrubbed',
		expectError: true,
		before(fake) {
			fake.on('POST', '/v1/responses', (req) => ({
				status: 424,
				headers: {},
				body: {
					error: {
						message: `MCP server refused ${JSON.stringify(req.body.tools[0].headers)} with token ${req.body.tools[0].authorization}`,
						type: 'invalid_request_error',
						param: 'tools',
						code: 'mcp_error',
					},
				},
			}));
		},
		workflow: chain(toolkitNode('Ask with MCP', { resource: 'response', operation: 'create', inputText: 'Hi', mcpServers }, v2)),
		check({ error, stdout, fake }) {
			assert.ok(error, 'the run must fail');
			assert.match(error.message, /MCP server refused/);
			// n8n attaches the node as configured (`error.node`, its parameters as the user typed them, like the workflow
			// itself holds them); everything the node and the server said must be scrubbed.
			const { node: configuredNode, ...said } = error;
			assert.equal(configuredNode?.name, 'Ask with MCP');
			noSecret(JSON.stringify(said), 'the error');
			// n8n's CLI prints a failed node's error with the node as configured (its parameters, MCP values included,
			// as the workflow itself holds them), so only what the node said is checked in the printout.
			noSecret(stdout.split('"node": {')[0], "n8n's printout of the error");
			assert.equal(fake.requests.length, 1);
		},
	},
	{
		name: 'Chat → Create Completion (Store on) → List Stored (metadata filter) → Update Metadata → List Stored Messages → Delete Stored',
		workflow: chain(
			toolkitNode(
				'Stored answer',
				{
					resource: 'chat',
					operation: 'createCompletion',
					messages: { values: [{ role: 'user', content: 'Remember me' }] },
					simplify: false,
					options: { store: true, metadata: '{"run": "e2e"}' },
				},
				v2,
			),
			toolkitNode('List stored', { resource: 'chat', operation: 'listStored', options: { metadata: '{"run": "e2e"}' } }, v2),
			toolkitNode(
				'Relabel',
				{ resource: 'chat', operation: 'updateStored', completionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, metadata: '{"run": "done"}' },
				v2,
			),
			toolkitNode('Messages', { resource: 'chat', operation: 'listStoredMessages', completionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, v2),
			toolkitNode(
				'Delete',
				{ resource: 'chat', operation: 'deleteStored', completionId: { __rl: true, mode: 'id', value: "={{ $('Relabel').item.json.id }}" } },
				v2,
			),
		),
		check({ json, fake }) {
			const id = json('Stored answer')[0].id;
			assert.deepEqual(json('List stored').map((completion) => completion.id), [id]);
			assert.deepEqual(json('Relabel')[0].metadata, { run: 'done' });
			assert.deepEqual(json('Messages').map((message) => message.content), ['Remember me']);
			assert.deepEqual(json('Delete')[0], { object: 'chat.completion.deleted', id, deleted: true });
			assert.deepEqual(
				fake.requests.map((r) => `${r.method} ${r.path}`),
				[
					'POST /v1/chat/completions',
					'GET /v1/chat/completions',
					`POST /v1/chat/completions/${id}`,
					`GET /v1/chat/completions/${id}/messages`,
					`DELETE /v1/chat/completions/${id}`,
				],
			);
			assert.deepEqual(fake.requests[1].query, { 'metadata[run]': 'e2e', limit: '100' });
		},
	},
];
