// usableAsTool, on n8n 2.x and 1.x: n8n offers the node to its AI Agent as the tool type `n8n-nodes-openai-toolkit.openAiToolkitTool`
// (n8n derives it from `usableAsTool: true`), the model fills the tool's parameters through $fromAI(), the
// tool runs against the fake server and its result goes back to the model, which then answers.
//
// The chat model is n8n's own OpenAI Chat Model node with an `openAiApi` credential whose Base URL is the
// fake server. For this case only, the fake server's chat route plays the model: with tools offered and no
// tool result yet it calls our tool; once the tool result is in the conversation it answers with text.
'use strict';

const { assert, n8nNode, toolkitNode, TOOLKIT_TYPE } = require('../support');

const OPENAI_CREDENTIAL = { id: 'openAiFakeCred', name: 'OpenAI (fake server)' };
const TOOL_NODE = 'Look up model';
// n8n names a tool after its node: every run of characters other than letters, digits, _ and - becomes _.
const TOOL_NAME = 'Look_up_model';
const PROMPT = 'Which company owns the model gpt-4o?';

/** A chat.completion reply with one choice. */
function completion(req, message, finishReason) {
	return {
		status: 200,
		body: {
			id: `chatcmpl-agent-${req.receivedAt}`,
			object: 'chat.completion',
			created: 1700000000,
			model: req.body?.model ?? 'gpt-4o-mini',
			choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finishReason }],
			usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
		},
	};
}

/** The model's side of the conversation: first call our tool, then answer from what it returned. */
function agentModel(req) {
	const messages = Array.isArray(req.body?.messages) ? req.body.messages : [];
	const tools = Array.isArray(req.body?.tools) ? req.body.tools : [];
	const toolResult = messages.find((message) => message.role === 'tool');
	if (toolResult) {
		const content = typeof toolResult.content === 'string' ? toolResult.content : JSON.stringify(toolResult.content);
		const owner = /"owned_by"\s*:\s*"([^"]+)"/.exec(content)?.[1] ?? `nobody (no owned_by in the tool result: ${content.slice(0, 500)})`;
		return completion(req, { content: `The model gpt-4o is owned by ${owner}.` }, 'stop');
	}
	const ours = tools.find((tool) => tool.function?.name === TOOL_NAME);
	if (!ours) {
		const offered = tools.map((tool) => tool.function?.name).join(', ') || 'none';
		return completion(req, { content: `Tool ${TOOL_NAME} was not offered (tools: ${offered}).` }, 'stop');
	}
	return completion(
		req,
		{
			content: null,
			tool_calls: [{ id: 'call_e2e_lookup', type: 'function', function: { name: TOOL_NAME, arguments: JSON.stringify({ model_id: 'gpt-4o' }) } }],
		},
		'tool_calls',
	);
}

/** The AI Agent's newest version on each n8n line: 3.1 on n8n 2.x, 3 on n8n 1.x (both run tools the same way). */
function agentVersion(n8nVersion = '2') {
	return Number(n8nVersion.split('.')[0]) >= 2 ? 3.1 : 3;
}

function workflow({ n8nVersion } = {}) {
	const trigger = { parameters: {}, id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] };
	const agent = n8nNode('AI Agent', '@n8n/n8n-nodes-langchain.agent', agentVersion(n8nVersion), {
		promptType: 'define',
		text: PROMPT,
		options: { enableStreaming: false, maxIterations: 5 },
	});
	const chatModel = {
		...n8nNode('OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.2, {
			model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
			options: {},
		}),
		credentials: { openAiApi: OPENAI_CREDENTIAL },
	};
	const tool = {
		...toolkitNode(TOOL_NODE, {
			descriptionType: 'manual',
			toolDescription: 'Looks up one OpenAI model by its ID and returns who owns it',
			resource: 'model',
			operation: 'retrieve',
			modelId: { __rl: true, mode: 'id', value: "={{ $fromAI('model_id', 'The ID of the OpenAI model to look up', 'string') }}" },
		}),
		type: `${TOOLKIT_TYPE}Tool`,
	};
	return {
		// Workflows made in the editor run in execution order v1; in the legacy order n8n resumes the agent
		// before the tool it asked for has run, so the model would see an empty tool result.
		settings: { executionOrder: 'v1' },
		nodes: [trigger, agent, chatModel, tool],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

module.exports = [
	{
		name: 'AI Agent is offered the node as a tool, calls it through $fromAI and answers from its result',
		compat: true,
		credentials: (fake) => [{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-e2e-agent-model-key-444', url: fake.url } }],
		workflow,
		before(fake) {
			fake.on('POST', '/v1/chat/completions', agentModel);
		},
		check({ json, runData, fake }) {
			const chatCalls = fake.requests.filter((req) => req.path === '/v1/chat/completions');
			const toolCalls = fake.requests.filter((req) => req.path.startsWith('/v1/models'));

			// Offered: the first model call lists our tool with the parameter $fromAI declared.
			const offered = chatCalls[0]?.body?.tools?.find((t) => t.function?.name === TOOL_NAME);
			assert.ok(offered, `the agent did not offer ${TOOL_NAME}: ${JSON.stringify(chatCalls[0]?.body?.tools)}`);
			assert.equal(offered.function.description, 'Looks up one OpenAI model by its ID and returns who owns it');
			assert.equal(offered.function.parameters.properties.model_id.type, 'string');
			assert.deepEqual(offered.function.parameters.required, ['model_id']);

			// Used: our node sent GET /models/gpt-4o with its own credential, the model's argument filled in.
			assert.equal(toolCalls.length, 1, `expected one request from the tool, got ${toolCalls.map((r) => r.path).join(', ')}`);
			assert.equal(toolCalls[0].method, 'GET');
			assert.equal(toolCalls[0].path, '/v1/models/gpt-4o');
			assert.equal(toolCalls[0].headers.authorization, 'Bearer sk-e2e-secret-key-000111');
			assert.ok(runData[TOOL_NODE], `the tool node has no run data; ran: ${Object.keys(runData).join(', ')}`);

			// Answered: the tool result went back to the model, and the agent outputs the model's final text.
			assert.equal(chatCalls.length, 2);
			assert.equal(chatCalls[1].headers.authorization, 'Bearer sk-e2e-agent-model-key-444');
			assert.ok(chatCalls[1].body.messages.some((m) => m.role === 'tool' && m.tool_call_id === 'call_e2e_lookup'));
			assert.deepEqual(
				json('AI Agent').map((item) => item.output),
				['The model gpt-4o is owned by openai.'],
			);
		},
	},
];
