// Workflows and REST steps the queue-mode e2e runner and bench/queue.bench.js share: an owner and the toolkit
// credential through n8n's REST API, webhook workflows (Webhook → Code making N items → our node v2), their
// activation, firing them, and reading executions back.
'use strict';

const { waitFor } = require('../rest');
const { inLine, TOOLKIT_TYPE } = require('../support');

// Not the fields' defaults, so the checks see that version 2's model fields were read.
const CHAT_MODEL = 'gpt-4.1-mini';
const SPEECH_MODEL = 'gpt-4o-mini-tts';

/** Sets up the owner (logs the client in) and creates the toolkit credential; returns its reference. */
async function setUpOwnerAndCredential(rest, { apiKey, baseUrl }) {
	await rest('POST', '/rest/owner/setup', { email: 'queue-e2e@example.com', firstName: 'Queue', lastName: 'E2E', password: 'Queue-e2e-123' });
	const nodeTypes = await rest('GET', '/types/nodes.json');
	if (!nodeTypes.some((type) => type.name === TOOLKIT_TYPE)) throw new Error(`n8n's main does not know ${TOOLKIT_TYPE}`);
	const { data } = await rest('POST', '/rest/credentials', { name: 'OpenAI Toolkit (fake server)', type: 'openAiToolkitApi', data: { apiKey, baseUrl } });
	return { openAiToolkitApi: { id: data.id, name: data.name } };
}

function webhookNode(webhookPath) {
	return {
		id: 'q-webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: webhookPath,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	};
}

function toolkitNode(name, parameters, credentials, x) {
	return { id: `q-${name.replace(/\W+/g, '-').toLowerCase()}`, name, type: TOOLKIT_TYPE, typeVersion: 2, position: [x, 0], parameters, credentials };
}

/** Nodes in a line, each feeding the next. */
function linear(name, nodes) {
	return { name, active: false, settings: { executionOrder: 'v1' }, nodes, connections: inLine(nodes) };
}

/** The prompt of item `index` of run `run`: the fake server answers `echo: <prompt>`. */
const promptOf = (run, index) => `run ${run} item ${index}: what is ${index} squared?`;

/**
 * Webhook → Code making `items` items (the POSTed body's `run` in each prompt) → Chat → Create Completion of each
 * item's prompt with the given Concurrency.
 */
function chatWorkflow(name, webhookPath, credentials, { items = 100, concurrency = 10 } = {}) {
	const jsCode = [
		'const run = $input.first().json.body.run;',
		`return Array.from({ length: ${items} }, (_, index) => ({ json: { run, index, prompt: \`run \${run} item \${index}: what is \${index} squared?\` } }));`,
	].join('\n');
	return linear(name, [
		webhookNode(webhookPath),
		{ id: 'q-items', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode } },
		toolkitNode(
			'Chat',
			{
				resource: 'chat',
				operation: 'createCompletion',
				chatModel: { __rl: true, mode: 'id', value: CHAT_MODEL },
				messages: { values: [{ role: 'user', content: '={{ $json.prompt }}' }] },
				requestOptions: { concurrency },
			},
			credentials,
			440,
		),
	]);
}

/** Webhook → Audio → Generate Speech (binary) → Audio → Transcribe that binary. */
function speechWorkflow(name, webhookPath, credentials) {
	return linear(name, [
		webhookNode(webhookPath),
		toolkitNode(
			'Speak',
			{
				resource: 'audio',
				operation: 'generateSpeech',
				speechModel: { __rl: true, mode: 'id', value: SPEECH_MODEL },
				input: '={{ $json.body.text }}',
				voice: 'coral',
				options: { responseFormat: 'wav' },
			},
			credentials,
			220,
		),
		toolkitNode('Transcribe', { resource: 'audio', operation: 'transcribe', responseFormat: 'text' }, credentials, 440),
	]);
}

/**
 * Creates and activates the workflow, then waits until the main has registered its production webhook: n8n answers
 * an OPTIONS request (a CORS preflight, which starts no execution) with the path's methods in
 * Access-Control-Allow-Methods, and POST is among them once it is registered.
 */
async function createActive(rest, origin, workflow) {
	const { data } = await rest('POST', '/rest/workflows', workflow);
	await rest('POST', `/rest/workflows/${data.id}/activate`, { versionId: data.versionId });
	const webhookPath = workflow.nodes[0].parameters.path;
	await waitFor(
		async () => {
			const probe = await fetch(`${origin}/webhook/${webhookPath}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
			return (probe.headers.get('access-control-allow-methods') ?? '').includes('POST');
		},
		60000,
		`the production webhook ${webhookPath} to be registered`,
	);
	return data;
}

/** POSTs one body per run to the production webhook, all at once; every answer must be 200. */
async function fire(origin, webhookPath, bodies) {
	const answers = await Promise.all(
		bodies.map(async (body) => {
			const response = await fetch(`${origin}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			return { status: response.status, text: await response.text() };
		}),
	);
	const bad = answers.filter((answer) => answer.status !== 200);
	if (bad.length > 0) throw new Error(`${bad.length} webhook call(s) failed: ${bad[0].status} ${bad[0].text.slice(0, 300)}`);
}

async function listExecutions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = await rest('GET', `/rest/executions?filter=${filter}&limit=100`);
	return data.results;
}

const UNFINISHED = ['new', 'running', 'waiting'];

/** Waits until the workflow has `count` executions and none is still going; returns them. */
async function waitForFinished(rest, workflowId, count, timeoutMs = 300000) {
	let list = [];
	await waitFor(
		async () => {
			list = await listExecutions(rest, workflowId);
			return list.length >= count && list.every((execution) => !UNFINISHED.includes(execution.status));
		},
		timeoutMs,
		`${count} finished execution(s) of workflow ${workflowId}`,
	);
	return list;
}

/** The run data (node name → tasks) of one execution; n8n stores it with flatted. */
async function runDataOf(rest, flatted, executionId) {
	const { data } = await rest('GET', `/rest/executions/${executionId}`);
	return flatted.parse(data.data).resultData.runData;
}

module.exports = {
	setUpOwnerAndCredential,
	chatWorkflow,
	speechWorkflow,
	createActive,
	fire,
	listExecutions,
	waitForFinished,
	runDataOf,
	promptOf,
	UNFINISHED,
	CHAT_MODEL,
	SPEECH_MODEL,
};
