#!/usr/bin/env node
// The node loads in n8n's editor without a warning in n8n's log (issue 8). Runs `scripts/start-n8n.js` (what
// `npm start` runs after the build) with its own user folder and free ports and n8n's log at debug level, does
// what the editor does with the node (node types, credential test, model list search, a manual run through
// the REST API against the fake OpenAI server), stops n8n with Ctrl+C, then fails on any warning or error line
// of n8n's log that names this package, its node or its credential. n8n's own notices about its environment
// (Python runner missing, deprecations, no internet) are listed, not failed.
// Between the REST checks and the stop, the browser layer (test/e2e/editor/browser.js, issue 14) uses the node
// in the editor in the machine's Chromium (scripts/ensure-chromium.sh installs it); its screenshots go to
// test/e2e/editor/output/, and UPDATE_DOCS_IMAGES=1 copies the README's three to docs/images/.
//
// Usage: node test/e2e/editor-load.js [--n8n 2.41.1] [--node 24]   (run `npm run build` first)
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { startFakeOpenAi } = require('../support/fake-openai');
const { freePort } = require('./n8n-runtime');
const { restClient, waitFor } = require('./rest');
const { runBrowserChecks } = require('./editor/browser');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = require(path.join(ROOT, 'package.json'));
const PACKAGE_NAME = PACKAGE.name;
const NODE_TYPE = `${PACKAGE_NAME}.openAiToolkit`;
const OURS = /openai-toolkit|openAiToolkit/i;
// Where scripts/install-n8n.sh keeps n8n: its path is in every stack trace and says nothing about the package.
const CACHE_ROOT = process.env.OPENAI_TOOLKIT_CACHE ?? path.join(require('node:os').homedir(), '.cache/n8n-nodes-openai-toolkit');
const aboutUs = (line) => OURS.test(line.split(CACHE_ROOT).join('<n8n cache>'));
// n8n's debug log prints "<time>   <level>   <message>"; anything from a stack trace follows an error line.
const LEVEL = /^\S*\s+(?:\x1b\[\d+m)?(warn|error)\b/;
const OWNER = { email: 'editor-load@example.com', firstName: 'Editor', lastName: 'Load', password: 'Editor-load-123' };

/** n8n's log as records: a record starts at a time stamp; the lines after it (stack, multi-line text) belong to it. */
function logRecords(output) {
	const records = [];
	for (const line of output.split('\n')) {
		if (/^\d\d:\d\d:\d\d\.\d+\s/.test(line) || records.length === 0) records.push(line);
		else records[records.length - 1] += `\n${line}`;
	}
	return records;
}

function log(message) {
	process.stdout.write(`[editor-load] ${message}\n`);
}

/** What the editor does with the node once n8n is up. */
async function useLikeTheEditor(rest, fake) {
	await rest('POST', '/rest/owner/setup', OWNER);

	const nodeTypes = await rest('GET', '/types/nodes.json');
	const ours = nodeTypes.filter((type) => type.name.startsWith(`${PACKAGE_NAME}.`));
	// A versioned node is served once per version: the names, once each. Every node of package.json is
	// there; n8n adds a "…Tool" twin of the nodes usable as AI tools (ours is one).
	const names = [...new Set(ours.map((type) => type.name))];
	for (const name of [NODE_TYPE, `${NODE_TYPE}Tool`]) assert.ok(names.includes(name), `${name} is not in /types/nodes.json`);
	assert.equal(names.filter((name) => !name.endsWith('Tool')).length, PACKAGE.n8n.nodes.length, `node types: ${names.join(', ')}`);
	assert.deepEqual(ours.find((type) => type.name === `${NODE_TYPE}Tool`).outputs, ['ai_tool']);
	const credentialTypes = await rest('GET', '/types/credentials.json');
	assert.ok(credentialTypes.some((type) => type.name === 'openAiToolkitApi'), 'credential type openAiToolkitApi is not known');

	const data = { apiKey: 'sk-editor-load-key-555', baseUrl: fake.url };
	const { data: credential } = await rest('POST', '/rest/credentials', { name: 'Toolkit (fake server)', type: 'openAiToolkitApi', data });
	const { data: tested } = await rest('POST', '/rest/credentials/test', { credentials: { id: credential.id, name: credential.name, type: 'openAiToolkitApi', data } });
	assert.equal(tested.status, 'OK', `credential test: ${JSON.stringify(tested)}`);

	const credentials = { openAiToolkitApi: { id: credential.id, name: credential.name } };
	const { data: search } = await rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		path: 'parameters.modelId',
		methodName: 'searchModels_any',
		currentNodeParameters: { resource: 'model', operation: 'retrieve', modelId: { __rl: true, mode: 'list', value: '' } },
		credentials,
		filter: 'gpt',
	});
	assert.deepEqual(search.results.map((result) => result.value).sort(), ['gpt-4o', 'gpt-4o-mini']);

	const { data: workflow } = await rest('POST', '/rest/workflows', {
		name: 'editor-load',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'n2', name: 'List models', type: NODE_TYPE, typeVersion: 1, position: [220, 0], parameters: { resource: 'model', operation: 'list', returnAll: true }, credentials },
		],
		connections: { Start: { main: [[{ node: 'List models', type: 'main', index: 0 }]] } },
	});
	const { data: started } = await rest('POST', `/rest/workflows/${workflow.id}/run`, { workflowData: workflow, triggerToStartFrom: { name: 'Start' } });
	let execution;
	await waitFor(
		async () => {
			execution = (await rest('GET', `/rest/executions/${started.executionId}`)).data;
			return execution && !['new', 'running'].includes(execution.status);
		},
		60000,
		'the manual run',
	);
	assert.equal(execution.status, 'success', `manual run ended ${execution.status}`);
	assert.ok(
		fake.requests.some((req) => req.path === '/v1/models' && req.headers.authorization === 'Bearer sk-editor-load-key-555'),
		'the manual run did not reach the fake server',
	);
	return { nodeTypes };
}

async function main() {
	const argv = process.argv.slice(2);
	const fake = await startFakeOpenAi();
	const [port, brokerPort] = [await freePort(), await freePort()];
	const userFolder = path.join(ROOT, '.e2e', `editor-load-${process.pid}`);
	fs.rmSync(userFolder, { recursive: true, force: true });

	const env = {
		...Object.fromEntries(
			Object.entries(process.env).filter(([key]) => !key.startsWith('N8N_') && (!key.startsWith('OPENAI_') || key === 'OPENAI_TOOLKIT_CACHE')),
		),
		N8N_DEV_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_OUTPUT: 'console',
	};
	const started = Date.now();
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start-n8n.js'), ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
		const { nodeTypes } = await useLikeTheEditor(restClient(origin), fake);
		log('node types, credential test, model search and a manual run: OK');
		log(await runBrowserChecks({ origin, fakeUrl: fake.url, nodeTypes, packageName: PACKAGE_NAME, nodeType: NODE_TYPE, owner: OWNER, log }));
	} catch (error) {
		failure = error;
	} finally {
		child.kill('SIGINT');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
		await fake.close();
	}

	const lines = output.split('\n');
	const loaded = lines.find((line) => line.includes(`Loaded all credentials and nodes from ${PACKAGE_NAME}`));
	const flagged = logRecords(output).filter((record) => LEVEL.test(record));
	const ourWarnings = flagged.filter(aboutUs);
	for (const record of flagged.filter((r) => !aboutUs(r))) {
		log(`n8n (not about this package): ${record.replace(/\x1b\[\d+m/g, '').replace(/\s+/g, ' ').slice(0, 200)}`);
	}
	try {
		if (failure) throw failure;
		assert.ok(loaded, `n8n's log does not say it loaded ${PACKAGE_NAME}`);
		assert.match(loaded, new RegExp(`"credentials": ${PACKAGE.n8n.credentials.length}, "nodes": ${PACKAGE.n8n.nodes.length}\\b`));
		assert.deepEqual(ourWarnings, [], 'n8n logged warnings or errors about this package');
		fs.rmSync(userFolder, { recursive: true, force: true });
		log(`✓ ${PACKAGE_NAME} loads in n8n's editor with no warning or error about it in n8n's log (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		process.stdout.write(`${output.slice(-6000)}\n`);
		log(`✗ ${error.stack ?? error}`);
		log(`n8n's user folder is kept for a look: ${userFolder}`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	process.stderr.write(`[editor-load] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
