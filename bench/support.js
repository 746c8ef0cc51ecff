// Shared pieces of the benchmarks: a real n8n 2.41.1 with the packed package installed (the e2e install, see
// test/e2e/n8n-runtime.js), the project's fake OpenAI server, node execution times from the run data, tables.
// Benchmarks print figures; they are not tests and nothing here asserts a time.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const runtimeKit = require('../test/e2e/n8n-runtime');
const { inLine, TOOLKIT_TYPE } = require('../test/e2e/support');
const { startFakeOpenAi } = require('../test/support/fake-openai');

const N8N_VERSION = process.env.BENCH_N8N ?? '2.41.1';
const NODE_MAJOR = process.env.BENCH_NODE ?? '24';
const TOOLKIT_CREDENTIAL = { id: 'benchToolkitCred', name: 'OpenAI Toolkit (bench fake server)' };
const OPENAI_CREDENTIAL = { id: 'benchOpenAiCred', name: 'OpenAI (bench fake server)' };

function log(message) {
	process.stderr.write(`[bench] ${message}\n`);
}

/**
 * Installs n8n (cached) and the packed package into a fresh work folder, starts the fake server, imports the
 * toolkit credential and n8n's own `openAiApi` credential (Base URL `url`) both pointing at it, and the
 * workflows. Returns { fake, run(workflowId), close() }.
 */
async function startBench(name, workflows) {
	log(`n8n ${N8N_VERSION} on Node ${NODE_MAJOR}: installing or reusing the cached install`);
	const runtime = runtimeKit.installN8n(N8N_VERSION, NODE_MAJOR);
	const workDir = path.join(runtimeKit.ROOT, '.bench', `${name}-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const userFolder = path.join(workDir, 'home');
	const tarball = runtimeKit.installPackage(workDir, userFolder);
	log(`installed ${tarball}`);
	const fake = await startFakeOpenAi();
	const env = runtimeKit.n8nEnvironment(runtime, userFolder);
	await runtimeKit.importIntoN8n(
		runtime,
		env,
		workDir,
		[
			{ ...TOOLKIT_CREDENTIAL, type: 'openAiToolkitApi', data: { apiKey: 'sk-bench-key-000111', baseUrl: fake.url } },
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-bench-key-000111', url: fake.url } },
		],
		workflows.map((workflow) => ({ active: false, settings: { executionOrder: 'v1' }, ...workflow })),
	);
	return {
		fake,
		async run(workflowId, timeoutMs = 600000) {
			const result = await runtimeKit.executeWorkflow(runtime, env, workflowId, timeoutMs, {
				stdoutFile: path.join(workDir, `${workflowId}.out.json`),
			});
			if (!result.run) {
				throw new Error(`n8n printed no run for ${workflowId} (exit ${result.code}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
			}
			return result.run;
		},
		async close() {
			await fake.close();
			fs.rmSync(workDir, { recursive: true, force: true });
		},
	};
}

/** A manual trigger, then each node feeding the next. */
function chain(id, name, ...nodes) {
	const trigger = { parameters: {}, id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] };
	const all = [trigger, ...nodes.map((node, i) => ({ position: [220 * (i + 1), 0], ...node }))];
	return { id, name, nodes: all, connections: inLine(all) };
}

/** A Code node that makes `count` items { index, text } with a distinct text each. */
function itemsNode(count) {
	return {
		id: 'node-items',
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, index) => ({ json: { index, text: 'Question ' + index + ': what is ' + index + ' squared?' } }));`,
		},
	};
}

/** Our node, Chat → Create Completion of the item's text. */
function toolkitChatNode(name, requestOptions = {}, extra = {}) {
	return {
		id: `node-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: TOOLKIT_TYPE,
		typeVersion: 1,
		parameters: {
			resource: 'chat',
			operation: 'createCompletion',
			model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
			messages: { values: [{ role: 'user', content: '={{ $json.text }}' }] },
			requestOptions,
		},
		credentials: { openAiToolkitApi: TOOLKIT_CREDENTIAL },
		...extra,
	};
}

/** n8n's built-in OpenAI node (type version 1.8), Text → Message a Model, with the same message. */
function builtInChatNode(name, extra = {}) {
	return {
		id: `node-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: '@n8n/n8n-nodes-langchain.openAi',
		typeVersion: 1.8,
		parameters: {
			resource: 'text',
			operation: 'message',
			modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
			messages: { values: [{ content: '={{ $json.text }}', role: 'user' }] },
			simplify: true,
			options: {},
		},
		credentials: { openAiApi: OPENAI_CREDENTIAL },
		...extra,
	};
}

/** What one node did in a run: its execution time, its output items, its error. */
function nodeResult(run, nodeName) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	return {
		ran: Boolean(task),
		executionTime: task?.executionTime,
		items: task?.data?.main?.[0] ?? [],
		error: task?.error,
		workflowError: run?.data?.resultData?.error,
	};
}

/** Prints rows (objects) as a table with the given columns ({ key, title, align }). */
function formatTable(columns, rows) {
	const cells = rows.map((row) => columns.map((column) => String(row[column.key] ?? '')));
	const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((cell) => cell[i].length)));
	const line = (values) =>
		`| ${values.map((value, i) => (columns[i].align === 'right' ? value.padStart(widths[i]) : value.padEnd(widths[i]))).join(' | ')} |`;
	return [
		line(columns.map((column) => column.title)),
		`|${widths.map((width, i) => (columns[i].align === 'right' ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`,
		...cells.map(line),
	].join('\n');
}

/** A small seeded random generator, so that a fault pattern is the same on every run. */
function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

module.exports = {
	startBench,
	chain,
	itemsNode,
	toolkitChatNode,
	builtInChatNode,
	nodeResult,
	formatTable,
	seededRandom,
	log,
	TOOLKIT_TYPE,
	TOOLKIT_CREDENTIAL,
	OPENAI_CREDENTIAL,
};
