#!/usr/bin/env node
// End-to-end tests in a real n8n: packs this package, installs the tarball the way Settings → Community Nodes
// does ($N8N_USER_FOLDER/.n8n/nodes/node_modules), imports a credential that points at the project's fake
// OpenAI server, imports one workflow per case (test/e2e/cases/*.case.js) and runs each with
// `n8n execute --id … --rawOutput`, then lets the case check the run data and what the fake server received.
//
// Usage: node test/e2e/run-e2e.js [--n8n 2.41.1] [--node 24] [--only <text>] [--compat]
//   --compat runs only the cases marked `compat: true` (the representative subset for older n8n lines).
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { startFakeOpenAi } = require('../support/fake-openai');
const { CREDENTIAL } = require('./support');

const ROOT = path.resolve(__dirname, '../..');

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

/** Installs (once, cached outside the repo) the n8n version and the Node.js it needs. */
function installN8n(version, nodeMajor) {
	const out = execFileSync('bash', [path.join(ROOT, 'scripts/install-n8n.sh'), version, nodeMajor], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	const dir = out.trim().split('\n').pop();
	return {
		dir,
		node: path.join(dir, 'node-runtime/node_modules/node/bin/node'),
		n8n: path.join(dir, 'node_modules/n8n/bin/n8n'),
	};
}

/** npm pack, then install the tarball with its runtime dependencies as a community package. */
function installPackage(workDir, userFolder) {
	const packDir = path.join(workDir, 'pack');
	fs.mkdirSync(packDir, { recursive: true });
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	const nodesDir = path.join(userFolder, '.n8n/nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync(
		'npm',
		['install', '--no-audit', '--no-fund', '--loglevel=error', '--legacy-peer-deps', '--omit=dev', '--ignore-scripts', path.join(packDir, tarball)],
		{ cwd: nodesDir, stdio: 'inherit' },
	);
	return tarball;
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

/** A TCP port nobody listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = require('node:net').createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function runCommand(runtime, env, commandArgs, timeoutMs = 180000) {
	// Every n8n process starts a Task Broker (default port 5679); runs side by side each need their own port.
	const brokerPort = await freePort();
	return await new Promise((resolve) => {
		const child = spawn(runtime.node, [runtime.n8n, ...commandArgs], {
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** `--rawOutput` prints log lines, then the run as pretty JSON starting at a line that is just "{". */
function parseRun(stdout) {
	const start = stdout.search(/^\{$/m);
	if (start < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	try {
		return JSON.parse(stdout.slice(start, end + 2));
	} catch {
		return undefined;
	}
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
	const env = {
		...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENAI_') && !key.startsWith('N8N_'))),
		PATH: `${path.dirname(runtime.node)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_PYTHON_RUNNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		DB_SQLITE_POOL_SIZE: '1',
	};

	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{ ...CREDENTIAL, type: 'openAiToolkitApi', data: { apiKey: 'sk-e2e-secret-key-000111', baseUrl: fake.url } },
			...caseCredentials(cases, fake),
		]),
	);
	const workflowsDir = path.join(workDir, 'workflows');
	fs.mkdirSync(workflowsDir);
	cases.forEach((testCase, index) => {
		testCase.id = `e2ecase${String(index + 1).padStart(9, '0')}`;
		const workflow = typeof testCase.workflow === 'function' ? testCase.workflow() : testCase.workflow;
		fs.writeFileSync(
			path.join(workflowsDir, `${testCase.id}.json`),
			JSON.stringify({ id: testCase.id, name: `e2e: ${testCase.name}`, active: false, settings: {}, ...workflow }),
		);
	});
	for (const commandArgs of [
		['import:credentials', `--input=${credentialsFile}`],
		['import:workflow', '--separate', `--input=${workflowsDir}`],
	]) {
		const result = await runCommand(runtime, env, commandArgs);
		if (result.code !== 0) throw new Error(`n8n ${commandArgs[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}

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
			const ctx = checkContext(run, fake, result);
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
