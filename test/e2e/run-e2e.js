#!/usr/bin/env node
// End-to-end tests in a real n8n: packs this package, installs the tarball the way Settings → Community Nodes
// does ($N8N_USER_FOLDER/.n8n/nodes/node_modules), imports a credential that points at the project's fake
// OpenAI server, imports one workflow per case (test/e2e/cases/*.case.js) and runs each with
// `n8n execute --id … --rawOutput`, then lets the case check the run data and what the fake server received.
//
// Usage: node test/e2e/run-e2e.js [--n8n 2.41.1] [--node 24] [--only <text>] [--compat]
//   --compat runs only the cases marked `compat: true` (the representative subset for older n8n lines).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { startFakeOpenAi } = require('../support/fake-openai');
const { ROOT, installN8n, installPackage, n8nEnvironment, importIntoN8n, runCommand, parseRun } = require('./n8n-runtime');
const { CREDENTIAL } = require('./support');

function parseArgs(argv) {
	const args = { n8n: '2.41.1', node: '24', only: process.env.E2E_ONLY ?? '', compat: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--n8n') args.n8n = argv[++i];
		else if (arg === '--node') args.node = argv[++i];
		else if (arg === '--only') args.only = argv[++i];
		else if (arg === '--compat') args.compat = true;
		else throw new Error(`Unknown argument ${arg}`);
	}
	return args;
}

function log(message) {
	process.stdout.write(`[e2e] ${message}\n`);
}

function loadCases(args) {
	const dir = path.join(__dirname, 'cases');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.case.js'))
		.sort()
		.flatMap((file) => {
			const loaded = require(path.join(dir, file));
			return (Array.isArray(loaded) ? loaded : [loaded]).map((testCase) => ({ ...testCase, file }));
		})
		.filter((testCase) => (args.compat ? testCase.compat : true))
		.filter((testCase) => !args.only || `${testCase.file} ${testCase.name}`.toLowerCase().includes(args.only.toLowerCase()));
}

function checkContext(run, fake, result) {
	const runData = run?.data?.resultData?.runData ?? {};
	const output = (nodeName, outputIndex = 0) => {
		const runs = runData[nodeName];
		if (!runs) throw new Error(`Node '${nodeName}' did not run. Ran: ${Object.keys(runData).join(', ')}`);
		return runs[runs.length - 1]?.data?.main?.[outputIndex] ?? [];
	};
	return {
		run,
		runData,
		output,
		json: (nodeName, outputIndex = 0) => output(nodeName, outputIndex).map((item) => item.json),
		error: run?.data?.resultData?.error,
		nodeError: (nodeName) => runData[nodeName]?.[0]?.error,
		status: run?.status,
		fake,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

/** Extra credentials cases declare (`credentials: (fake) => [{ id, name, type, data }]`), each id once. */
function caseCredentials(cases, fake) {
	const byId = new Map();
	for (const testCase of cases) for (const credential of testCase.credentials?.(fake) ?? []) byId.set(credential.id, credential);
	return [...byId.values()];
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const cases = loadCases(args);
	if (cases.length === 0) throw new Error('No e2e case matched');

	log(`n8n ${args.n8n} on Node ${args.node}: installing or reusing the cached install`);
	const runtime = installN8n(args.n8n, args.node);
	// One folder per run (its own n8n home and database), so that runs side by side do not meet.
	const workDir = path.join(ROOT, '.e2e', `n8n-${args.n8n}-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const userFolder = path.join(workDir, 'home');
	const tarball = installPackage(workDir, userFolder);
	log(`installed ${tarball} into ${path.join(userFolder, '.n8n/nodes/node_modules')}`);

	const fake = await startFakeOpenAi();
	const env = n8nEnvironment(runtime, userFolder);

	const credentials = [
		{ ...CREDENTIAL, type: 'openAiToolkitApi', data: { apiKey: 'sk-e2e-secret-key-000111', baseUrl: fake.url } },
		...caseCredentials(cases, fake),
	];
	const workflows = cases.map((testCase, index) => {
		testCase.id = `e2ecase${String(index + 1).padStart(9, '0')}`;
		const workflow = typeof testCase.workflow === 'function' ? testCase.workflow({ n8nVersion: args.n8n }) : testCase.workflow;
		return { id: testCase.id, name: `e2e: ${testCase.name}`, active: false, settings: {}, ...workflow };
	});
	await importIntoN8n(runtime, env, workDir, credentials, workflows);

	let passed = 0;
	let failed = 0;
	for (const testCase of cases) {
		fake.reset();
		testCase.before?.(fake);
		const started = Date.now();
		const result = await runCommand(runtime, env, ['execute', `--id=${testCase.id}`, '--rawOutput'], testCase.timeoutMs);
		const run = parseRun(result.stdout);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		try {
			if (!run) throw new Error(`n8n printed no run (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
			const ctx = { ...checkContext(run, fake, result), n8nVersion: args.n8n };
			if (!testCase.expectError && ctx.error) {
				throw new Error(`The workflow failed: ${ctx.error.message}${ctx.error.description ? ` (${ctx.error.description})` : ''}`);
			}
			await testCase.check(ctx);
			passed++;
			log(`✓ ${testCase.name} (${seconds} s, ${fake.requests.length} requests to the fake server)`);
		} catch (error) {
			failed++;
			log(`✗ ${testCase.name} (${testCase.file}, ${seconds} s)\n    ${String(error.stack ?? error).split('\n').join('\n    ')}`);
		}
	}
	await fake.close();
	if (failed === 0) fs.rmSync(workDir, { recursive: true, force: true });
	process.stdout.write(`\ne2e on n8n ${args.n8n} (Node ${args.node}): ${passed} passed, ${failed} failed\n`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`[e2e] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
