// A real n8n with this package installed the Community Nodes way, for the e2e runner (test/e2e/run-e2e.js)
// and the benchmarks (bench/): install n8n (cached), pack and install the package, import credentials and
// workflows, run a workflow with `n8n execute` and read its run data.
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

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

/** The environment n8n runs in: its own user folder, no OPENAI_* or N8N_* from outside, no telemetry. */
function n8nEnvironment(runtime, userFolder, extra = {}) {
	return {
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
		...extra,
	};
}

/** A TCP port nobody listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Runs one n8n CLI command; resolves with its exit code and output. With `stdoutFile`, n8n writes its standard
 * output into that file instead of a pipe: n8n exits right after printing the run, and a large run (thousands of
 * items) written to a pipe can be cut off at the exit; writes to a file are not.
 */
async function runCommand(runtime, env, commandArgs, timeoutMs = 180000, { stdoutFile } = {}) {
	// Every n8n process starts a Task Broker (default port 5679); runs side by side each need their own port.
	const brokerPort = await freePort();
	const stdoutFd = stdoutFile ? fs.openSync(stdoutFile, 'w') : undefined;
	return await new Promise((resolve) => {
		const child = spawn(runtime.node, [runtime.n8n, ...commandArgs], {
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (stdoutFd !== undefined) {
				fs.closeSync(stdoutFd);
				stdout = fs.readFileSync(stdoutFile, 'utf8');
			}
			resolve({ code, stdout, stderr });
		});
	});
}

/**
 * Writes the credentials and the workflows ({ id, name, nodes, connections, … }) into the work folder and
 * imports them into n8n's database.
 */
async function importIntoN8n(runtime, env, workDir, credentials, workflows) {
	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	const workflowsDir = path.join(workDir, 'workflows');
	fs.mkdirSync(workflowsDir);
	for (const workflow of workflows) {
		fs.writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow));
	}
	for (const commandArgs of [
		['import:credentials', `--input=${credentialsFile}`],
		['import:workflow', '--separate', `--input=${workflowsDir}`],
	]) {
		const result = await runCommand(runtime, env, commandArgs);
		if (result.code !== 0) throw new Error(`n8n ${commandArgs[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}
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

/** Runs an imported workflow with `n8n execute` and returns the command's result and the parsed run. */
async function executeWorkflow(runtime, env, workflowId, timeoutMs, options) {
	const result = await runCommand(runtime, env, ['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, options);
	return { ...result, run: parseRun(result.stdout) };
}

/** The arguments of a runner that drives one n8n: `[--n8n 2.41.1] [--node 24]`. */
function runtimeArgs(argv) {
	const args = { n8n: '2.41.1', node: '24' };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--n8n') args.n8n = argv[++i];
		else if (argv[i] === '--node') args.node = argv[++i];
		else throw new Error(`Unknown argument ${argv[i]} (usage: [--n8n <version>] [--node <major>])`);
	}
	return args;
}

module.exports = { ROOT, runtimeArgs, installN8n, installPackage, n8nEnvironment, freePort, runCommand, importIntoN8n, parseRun, executeWorkflow };
