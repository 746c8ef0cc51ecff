#!/usr/bin/env node
// `npm start`: a real n8n at http://localhost:5678 with this package installed the way Settings → Community
// Nodes installs it. Installs (once, cached in ~/.cache/n8n-nodes-openai-toolkit) n8n and the Node.js it needs,
// packs this package (run `npm run build` first; `npm start` does), installs the tarball into the n8n user
// folder `.n8n-dev/` (gitignored; workflows and credentials you create there survive restarts), then runs
// `n8n start` in the foreground. Ctrl+C stops it.
//
// Usage: node scripts/start-n8n.js [--n8n 2.41.1] [--node 24]
// Environment: N8N_PORT (default 5678), N8N_DEV_FOLDER (default <repo>/.n8n-dev); any other N8N_* variable
// you set is handed to n8n as is.
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE = require(path.join(ROOT, 'package.json'));

function parseArgs(argv) {
	const args = { n8n: '2.41.1', node: '24' };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--n8n') args.n8n = argv[++i];
		else if (argv[i] === '--node') args.node = argv[++i];
		else throw new Error(`Unknown argument ${argv[i]} (usage: start-n8n.js [--n8n <version>] [--node <major>])`);
	}
	return args;
}

function log(message) {
	process.stdout.write(`[start] ${message}\n`);
}

/** scripts/install-n8n.sh prints the cache folder on its last line; its progress goes to our stderr. */
function installN8n(version, nodeMajor) {
	const out = execFileSync('bash', [path.join(ROOT, 'scripts/install-n8n.sh'), version, nodeMajor], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	const dir = out.trim().split('\n').pop();
	return {
		node: path.join(dir, 'node-runtime/node_modules/node/bin/node'),
		n8n: path.join(dir, 'node_modules/n8n/bin/n8n'),
	};
}

/** npm pack into a temporary folder, then install the tarball as a community package of the user folder. */
function installPackage(userFolder) {
	for (const file of PACKAGE.n8n.nodes.concat(PACKAGE.n8n.credentials)) {
		if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first (\`npm start\` does).`);
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openai-toolkit-pack-'));
	try {
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' })
			.trim()
			.split('\n')
			.pop();
		const nodesDir = path.join(userFolder, '.n8n/nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		const manifest = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
		execFileSync(
			'npm',
			['install', '--no-audit', '--no-fund', '--loglevel=error', '--legacy-peer-deps', '--omit=dev', '--ignore-scripts', path.join(packDir, tarball)],
			{ cwd: nodesDir, stdio: ['ignore', 'inherit', 'inherit'] },
		);
		return path.join(nodesDir, 'node_modules', PACKAGE.name);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

function main() {
	const args = parseArgs(process.argv.slice(2));
	log(`n8n ${args.n8n} on Node ${args.node}: installing or reusing the cached install (the first time takes a few minutes)`);
	const runtime = installN8n(args.n8n, args.node);

	const userFolder = path.resolve(process.env.N8N_DEV_FOLDER ?? path.join(ROOT, '.n8n-dev'));
	const installedAt = installPackage(userFolder);
	log(`installed ${PACKAGE.name}@${PACKAGE.version} into ${installedAt}`);

	const port = process.env.N8N_PORT ?? '5678';
	const env = {
		// The node never reads OPENAI_* variables, but keep them away from n8n's own OpenAI nodes too.
		...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENAI_'))),
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: port,
	};
	// Quiet, local-only defaults; a variable the user set wins.
	const defaults = {
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Community packages from the npm registry stay installable from Settings (n8n asks for an explicit value).
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	};
	for (const [key, value] of Object.entries(defaults)) env[key] ??= value;

	log(`starting n8n at http://localhost:${port} (user folder ${userFolder}); Ctrl+C stops it`);
	// n8n runs in its own process group so that Ctrl+C reaches it exactly once, through us: a second SIGINT
	// would make n8n quit at once instead of shutting down cleanly.
	const child = spawn(runtime.node, [runtime.n8n, 'start'], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (stopping || child.exitCode !== null) return;
			stopping = true;
			log('stopping n8n');
			child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
		});
	}
	child.on('exit', (code, signal) => {
		process.exitCode = code ?? (stopping ? 0 : 1);
		if (signal && !stopping) log(`n8n ended by ${signal}`);
	});
}

try {
	main();
} catch (error) {
	process.stderr.write(`[start] ${error.message ?? error}\n`);
	process.exitCode = 1;
}
