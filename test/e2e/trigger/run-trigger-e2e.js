#!/usr/bin/env node
// The OpenAI Toolkit Trigger end to end in a real n8n started with `n8n start` (scripts/start-n8n.js, as
// test/e2e/editor-load.js does; not the CLI executor): creates both credentials and two ACTIVE workflows
// through n8n's REST API, POSTs signed webhooks (Standard Webhooks, as OpenAI signs them) to their
// production URLs (/webhook/<webhookId>/webhook), and checks through /rest/executions that
//   - a signed delivery starts one execution with the event;
//   - a replay of its webhook-id, a bad signature, a stale timestamp and an event type not chosen start none
//     (and get 200, 400, 400 and 200);
//   - with Fetch the Object the delivery is answered before the fetch (the fake server holds the batch for
//     3 s) and the execution outputs the batch from the fake OpenAI server.
//
// Usage: node test/e2e/trigger/run-trigger-e2e.js [--n8n 2.41.1] [--node 24]   (run `npm run build` first)
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { createHmac } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { startFakeOpenAi } = require('../../support/fake-openai');
const { restClient, waitFor } = require('../rest');
const { ROOT, installN8n, freePort, runtimeArgs } = require('../n8n-runtime');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const TRIGGER_TYPE = `${PACKAGE_NAME}.openAiToolkitTrigger`;
const SIGNING_SECRET = `whsec_${Buffer.from('trigger-e2e-signing-key-of-32-bytes').toString('base64')}`;
const API_KEY = 'sk-trigger-e2e-key-777';
const FETCH_DELAY_MS = 3000;

function log(message) {
	process.stdout.write(`[trigger-e2e] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A delivery signed the way OpenAI signs one: HMAC-SHA256 over "<webhook-id>.<timestamp>.<body>". */
function signed(event, { webhookId, secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000) }) {
	const body = JSON.stringify(event);
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
	return {
		body,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)',
			'webhook-id': webhookId,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': `v1,${signature}`,
		},
	};
}

const event = (type, id) => ({ id: `evt_${id}`, object: 'event', created_at: Math.floor(Date.now() / 1000), type, data: { id } });

function triggerWorkflow(name, webhookId, parameters, credentials) {
	return {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 't1', name: 'OpenAI Toolkit Trigger', type: TRIGGER_TYPE, typeVersion: 1, position: [0, 0], webhookId, parameters, credentials },
			{ id: 't2', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'OpenAI Toolkit Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

async function exercise(rest, origin, fake, flatted) {
	await rest('POST', '/rest/owner/setup', { email: 'trigger-e2e@example.com', firstName: 'Trigger', lastName: 'E2E', password: 'Trigger-e2e-123' });
	const nodeTypes = await rest('GET', '/types/nodes.json');
	assert.ok(nodeTypes.some((type) => type.name === TRIGGER_TYPE), `n8n does not know ${TRIGGER_TYPE}`);

	const { data: webhookCredential } = await rest('POST', '/rest/credentials', {
		name: 'OpenAI webhook (e2e)',
		type: 'openAiToolkitWebhookApi',
		data: { signingSecret: SIGNING_SECRET },
	});
	const { data: apiCredential } = await rest('POST', '/rest/credentials', {
		name: 'OpenAI Toolkit (fake server)',
		type: 'openAiToolkitApi',
		data: { apiKey: API_KEY, baseUrl: fake.url },
	});
	const webhookOnly = { openAiToolkitWebhookApi: { id: webhookCredential.id, name: webhookCredential.name } };
	const withApi = { ...webhookOnly, openAiToolkitApi: { id: apiCredential.id, name: apiCredential.name } };

	const create = async (workflow) => {
		const { data } = await rest('POST', '/rest/workflows', workflow);
		await rest('POST', `/rest/workflows/${data.id}/activate`, { versionId: data.versionId });
		return data;
	};
	const plain = await create(triggerWorkflow('trigger-e2e plain', 'trigger-e2e-plain', { events: ['batch.completed', 'batch.failed'] }, webhookOnly));
	const fetching = await create(
		triggerWorkflow('trigger-e2e fetch', 'trigger-e2e-fetch', { events: ['batch.completed'], fetchObject: true }, withApi),
	);
	// n8n registers an activated workflow's production webhook a moment later (on a busy machine, seconds): wait
	// until both URLs answer an unsigned probe with the trigger's own 400 instead of n8n's 404. A probe starts nothing.
	for (const webhookId of ['trigger-e2e-plain', 'trigger-e2e-fetch']) {
		await waitFor(
			async () => (await fetch(`${origin}/webhook/${webhookId}/webhook`, { method: 'POST', body: '{}' })).status !== 404,
			60000,
			`the production webhook ${webhookId} to be registered`,
		);
	}
	log(`two active workflows: ${plain.id} (plain), ${fetching.id} (Fetch the Object)`);

	const post = async (webhookId, delivery) => {
		const started = Date.now();
		const response = await fetch(`${origin}/webhook/${webhookId}/webhook`, { method: 'POST', headers: delivery.headers, body: delivery.body });
		const text = await response.text();
		return { status: response.status, text, ms: Date.now() - started };
	};
	const executions = async (workflowId) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { data } = await rest('GET', `/rest/executions?filter=${filter}&limit=50`);
		return data.results;
	};
	const finished = async (workflowId, count) => {
		let list = [];
		await waitFor(
			async () => {
				list = await executions(workflowId);
				return list.length >= count && list.every((execution) => !['new', 'running'].includes(execution.status));
			},
			60000,
			`${count} finished execution(s) of workflow ${workflowId}`,
		);
		return list;
	};
	const triggerOutput = async (executionId) => {
		const { data } = await rest('GET', `/rest/executions/${executionId}`);
		const runData = flatted.parse(data.data).resultData.runData;
		return runData['OpenAI Toolkit Trigger'][0].data.main[0].map((item) => item.json);
	};

	// 1. A signed delivery starts one execution with the event.
	const completed = event('batch.completed', 'batch_e2e_1');
	const first = await post('trigger-e2e-plain', signed(completed, { webhookId: 'wh_e2e_1' }));
	assert.equal(first.status, 200, `signed delivery: ${first.status} ${first.text}`);
	let list = await finished(plain.id, 1);
	assert.equal(list.length, 1);
	assert.equal(list[0].status, 'success', `execution ended ${list[0].status}`);
	assert.equal(list[0].mode, 'webhook');
	assert.deepEqual(await triggerOutput(list[0].id), [completed]);
	log('signed delivery → 200 and one execution with the event: OK');

	// 2. None of these may start an execution.
	const replay = await post('trigger-e2e-plain', signed(completed, { webhookId: 'wh_e2e_1' }));
	assert.equal(replay.status, 200, `replay: ${replay.status} ${replay.text}`);
	assert.match(replay.text, /duplicate/);
	const forged = await post('trigger-e2e-plain', signed(completed, { webhookId: 'wh_e2e_forged', secret: `whsec_${Buffer.from('not-the-secret').toString('base64')}` }));
	assert.equal(forged.status, 400, `bad signature: ${forged.status} ${forged.text}`);
	const tampered = signed(completed, { webhookId: 'wh_e2e_tampered' });
	tampered.body = tampered.body.replace('batch_e2e_1', 'batch_e2e_evil');
	assert.equal((await post('trigger-e2e-plain', tampered)).status, 400);
	const stale = await post('trigger-e2e-plain', signed(completed, { webhookId: 'wh_e2e_stale', timestamp: Math.floor(Date.now() / 1000) - 600 }));
	assert.equal(stale.status, 400, `stale timestamp: ${stale.status} ${stale.text}`);
	const ignored = await post('trigger-e2e-plain', signed(event('fine_tuning.job.succeeded', 'ftjob_e2e'), { webhookId: 'wh_e2e_ignored' }));
	assert.equal(ignored.status, 200);
	assert.match(ignored.text, /not selected/);
	for (const answer of [replay, forged, stale, ignored]) assert.ok(!answer.text.includes(SIGNING_SECRET.slice(6, 20)), 'an answer quoted the secret');
	await sleep(3000);
	list = await executions(plain.id);
	assert.equal(list.length, 1, `replay / bad signature / stale / ignored started executions: ${list.length} in all`);
	log('replay → 200, bad signature → 400, tampered body → 400, stale → 400, other event → 200; no execution: OK');

	// 3. Fetch the Object: answered before the (slow) fetch, then the execution outputs the batch.
	const batch = { id: 'batch_e2e_2', object: 'batch', endpoint: '/v1/responses', status: 'completed', output_file_id: 'file-e2e-out', error_file_id: null, metadata: { run: 'overnight' } };
	fake.on('GET', '/v1/batches/batch_e2e_2', async () => {
		await sleep(FETCH_DELAY_MS);
		return { status: 200, body: batch };
	});
	const fetchDelivery = await post('trigger-e2e-fetch', signed(event('batch.completed', 'batch_e2e_2'), { webhookId: 'wh_e2e_2' }));
	assert.equal(fetchDelivery.status, 200, `fetch delivery: ${fetchDelivery.status} ${fetchDelivery.text}`);
	assert.ok(fetchDelivery.ms < FETCH_DELAY_MS, `the delivery waited for the fetch (${fetchDelivery.ms} ms)`);
	list = await finished(fetching.id, 1);
	assert.equal(list[0].status, 'success');
	const [fetched] = await triggerOutput(list[0].id);
	assert.deepEqual({ ...fetched, event: undefined }, { ...batch, event: undefined });
	assert.equal(fetched.event.type, 'batch.completed');
	const asked = fake.requests.filter((req) => req.path === '/v1/batches/batch_e2e_2');
	assert.equal(asked.length, 1);
	assert.equal(asked[0].headers.authorization, `Bearer ${API_KEY}`);
	log(`Fetch the Object → 200 in ${fetchDelivery.ms} ms (the fetch took ${FETCH_DELAY_MS} ms after it), execution outputs the batch: OK`);
}

async function main() {
	const args = runtimeArgs(process.argv.slice(2));
	const runtime = installN8n(args.n8n, args.node);
	// n8n stores execution data with flatted; the copy n8n itself uses reads it back.
	const flatted = require(path.join(runtime.dir, 'node_modules/flatted'));
	const fake = await startFakeOpenAi();
	const [port, brokerPort] = [await freePort(), await freePort()];
	const userFolder = path.join(ROOT, '.e2e', `trigger-${process.pid}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	const env = {
		...Object.fromEntries(
			Object.entries(process.env).filter(([key]) => !key.startsWith('N8N_') && (!key.startsWith('OPENAI_') || key === 'OPENAI_TOOLKIT_CACHE')),
		),
		N8N_DEV_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
	};
	const started = Date.now();
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start-n8n.js'), '--n8n', args.n8n, '--node', args.node], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('exit', resolve));

	let failure;
	try {
		await waitFor(() => output.includes('Editor is now accessible') || child.exitCode !== null, 600000, 'n8n to start');
		if (child.exitCode !== null) throw new Error(`start-n8n.js ended (exit ${child.exitCode}) before n8n was up`);
		log(`n8n is up on port ${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
		const origin = `http://127.0.0.1:${port}`;
		await exercise(restClient(origin), origin, fake, flatted);
	} catch (error) {
		failure = error;
	} finally {
		child.kill('SIGINT');
		await Promise.race([exited, sleep(30000)]);
		if (child.exitCode === null) child.kill('SIGKILL');
		await fake.close();
	}
	const leaked = output.includes(SIGNING_SECRET) || output.includes(API_KEY);
	if (!failure && leaked) failure = new Error("n8n's log holds the signing secret or the API key");
	if (failure) {
		process.stdout.write(`${output.slice(-6000)}\n`);
		log(`✗ ${failure.stack ?? failure}`);
		log(`n8n's user folder is kept for a look: ${userFolder}`);
		process.exitCode = 1;
		return;
	}
	fs.rmSync(userFolder, { recursive: true, force: true });
	log(`✓ the trigger works end to end in n8n ${args.n8n} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error) => {
	process.stderr.write(`[trigger-e2e] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
