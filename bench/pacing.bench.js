#!/usr/bin/env node
// Pacing to the account's rate limits (issue 20), in a real n8n 2.41.1, against the project's fake server with its
// OpenAI-like limiter on (test/support/fake-limiter.js: per key and model, request and token buckets with a
// per-minute limit, a burst of one second's worth, 429 with retry-after-ms when empty):
//   1. request-bound: 2,000 chat items at 300 ms latency, 3,000 requests / 300,000 tokens a minute. Rows: ours
//      Auto (version 2, no Concurrency set), ours fixed 5, 20, 100, and n8n's built-in node on the first 200 items;
//   2. token-bound: long prompts (~1,000 tokens each), same limits: tokens run out long before requests;
//   3. two n8n processes at once against one limiter (same key and model), each running Auto.
// Columns: node time, ratio to the bound the limit allows, share of requests answered 429. Prints the table and
// writes docs/images/pacing.svg. Goal: Auto within 1.15× of the bound with under 1 % 429s (3 % in scenario 3).
'use strict';

const os = require('node:os');
const path = require('node:path');

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const runtimeKit = require('../test/e2e/n8n-runtime');
const { startBench, chain, builtInChatNode, formatTable, log, TOOLKIT_TYPE, TOOLKIT_CREDENTIAL } = require('./support');
const { createFakeLimiter, estimateTokens } = require('../test/support/fake-limiter');
const { writeBarChart } = require('./svgChart');

const ITEMS = 2000;
const BUILT_IN_ITEMS = 200;
const TOKEN_ITEMS = 200;
const LATENCY_MS = 300;
const LIMITS = { requestsPerMinute: 3000, tokensPerMinute: 300_000 };
const PROMPT_CHARACTERS = 4000;
const CHART = path.join(__dirname, '..', 'docs', 'images', 'pacing.svg');

// BENCH_PACKAGE_DIR: pack that folder (a package.json and a dist/ built elsewhere) instead of the work tree, so a
// bench can measure a private build while the work tree's dist/ is someone else's.
if (process.env.BENCH_PACKAGE_DIR) {
	runtimeKit.installPackage = (workDir, userFolder) => {
		const packDir = path.join(workDir, 'pack');
		fs.mkdirSync(packDir, { recursive: true });
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: process.env.BENCH_PACKAGE_DIR, encoding: 'utf8' }).trim().split('\n').pop();
		const nodesDir = path.join(userFolder, '.n8n/nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', '--legacy-peer-deps', '--omit=dev', '--ignore-scripts', path.join(packDir, tarball)];
		execFileSync('npm', args, { cwd: nodesDir, stdio: 'inherit' });
		return tarball;
	};
}

const OURS = 'OpenAI Toolkit';
const BUILT_IN = 'OpenAI (built-in)';

/** A Code node making `count` items; `long`: each text about PROMPT_CHARACTERS long (~1,000 tokens). */
function itemsNode(count, long = false) {
	const padding = long ? ` + ' ' + 'lorem ipsum '.repeat(${Math.ceil(PROMPT_CHARACTERS / 12)})` : '';
	return {
		id: 'node-items',
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return Array.from({ length: ${count} }, (_, index) => ({ json: { index, text: 'Question ' + index${padding} } }));` },
	};
}

/** Our node, version 2, Chat → Create Completion; requestOptions {} is Auto. */
function oursNode(requestOptions) {
	return {
		id: 'node-ours',
		name: OURS,
		type: TOOLKIT_TYPE,
		typeVersion: 2,
		parameters: {
			resource: 'chat',
			operation: 'createCompletion',
			chatModel: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
			messages: { values: [{ role: 'user', content: '={{ $json.text }}' }] },
			requestOptions,
		},
		credentials: { openAiToolkitApi: TOOLKIT_CREDENTIAL },
	};
}

const runs = [
	{ id: 'pacingAuto', group: 1, label: 'ours, Auto (default)', items: ITEMS, node: oursNode({}), name: OURS },
	{ id: 'pacingFixed5', group: 1, label: 'ours, Concurrency 5', items: ITEMS, node: oursNode({ concurrency: 5 }), name: OURS },
	{ id: 'pacingFixed20', group: 1, label: 'ours, Concurrency 20', items: ITEMS, node: oursNode({ concurrency: 20 }), name: OURS },
	{ id: 'pacingFixed100', group: 1, label: 'ours, Concurrency 100', items: ITEMS, node: oursNode({ concurrency: 100 }), name: OURS },
	{ id: 'pacingBuiltIn', group: 1, label: `built-in 1.8 (first ${BUILT_IN_ITEMS})`, items: BUILT_IN_ITEMS, node: builtInChatNode(BUILT_IN), name: BUILT_IN },
	{ id: 'pacingTokensAuto', group: 2, label: 'ours, Auto (default)', items: TOKEN_ITEMS, long: true, node: oursNode({}), name: OURS },
	{ id: 'pacingTokensFixed20', group: 2, label: 'ours, Concurrency 20', items: TOKEN_ITEMS, long: true, node: oursNode({ concurrency: 20 }), name: OURS },
];
// Scenario 3: two workflows (one per n8n process), half the items each.
const shared = [0, 1].map((i) => ({ id: `pacingSharedAuto${i}`, items: ITEMS / 2, node: oursNode({}), name: OURS }));

const workflowOf = (run) => chain(run.id, `bench: ${run.id}`, itemsNode(run.items, run.long), run.node);

/** The node's run: start, node time, items out, error. */
function taskOf(run, nodeName) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	return {
		startTime: task?.startTime,
		executionTime: task?.executionTime,
		items: task?.data?.main?.[0]?.length ?? 0,
		error: task?.error ?? run?.data?.resultData?.error,
	};
}

/** The bound the limits allow for `items` requests of `tokens` each, in seconds (the burst is not counted). */
function boundSeconds(items, tokens) {
	return Math.max(items / (LIMITS.requestsPerMinute / 60), (items * tokens) / (LIMITS.tokensPerMinute / 60));
}

const firstLine = (error) => (error ? String(error.message ?? error).split('\n')[0].slice(0, 60) : '');

async function main() {
	const loadBefore = os.loadavg()[0];
	const bench = await startBench('pacing', [...runs, ...shared].map(workflowOf));
	const { fake } = bench;
	const rows = [];
	const prepare = () => {
		fake.reset();
		fake.latencyMs = LATENCY_MS;
		fake.limiter = createFakeLimiter(LIMITS);
		return fake.limiter;
	};
	try {
		for (const run of runs) {
			log(`run: ${run.id}`);
			const limiter = prepare();
			const task = taskOf(await bench.run(run.id, 900_000), run.name);
			const tokens = run.long ? fake.requests.find((req) => req.path === '/v1/chat/completions')?.body : undefined;
			const perRequestTokens = tokens ? estimateTokens(tokens) : 0;
			const bound = boundSeconds(run.items, perRequestTokens);
			const seconds = task.executionTime / 1000;
			rows.push({
				group: run.group,
				label: run.label,
				items: `${task.items} / ${run.items}`,
				seconds,
				boundSeconds: bound,
				requests: limiter.stats.requests,
				share429: limiter.stats.requests ? limiter.stats.limited / limiter.stats.requests : 0,
				failed: Boolean(task.error) || task.items < run.items,
				note: firstLine(task.error),
			});
			log(`  ${seconds.toFixed(1)} s, ${task.items} items, ${limiter.stats.limited} × 429 of ${limiter.stats.requests}`);
		}
		// 3. Two n8n processes at once against one limiter.
		try {
			log('run: two processes at once');
			const limiter = prepare();
			const results = await Promise.all(shared.map((run) => bench.run(run.id, 900_000)));
			const tasks = results.map((result, i) => taskOf(result, shared[i].name));
			const start = Math.min(...tasks.map((task) => task.startTime));
			const end = Math.max(...tasks.map((task) => task.startTime + task.executionTime));
			const items = tasks.reduce((sum, task) => sum + task.items, 0);
			rows.push({
				group: 3,
				label: 'ours, Auto, 2 processes',
				items: `${items} / ${ITEMS}`,
				seconds: (end - start) / 1000,
				boundSeconds: boundSeconds(ITEMS, 0),
				requests: limiter.stats.requests,
				share429: limiter.stats.requests ? limiter.stats.limited / limiter.stats.requests : 0,
				failed: tasks.some((task) => task.error) || items < ITEMS,
				note: `first node started ${((Math.max(...tasks.map((t) => t.startTime)) - start) / 1000).toFixed(1)} s apart; ${firstLine(tasks.find((t) => t.error)?.error)}`,
			});
		} catch (error) {
			rows.push({ group: 3, label: 'ours, Auto, 2 processes', note: `not run: ${firstLine(error)}` });
		}
	} finally {
		await bench.close();
	}

	const groupTitles = {
		1: `1. ${ITEMS} chat items, ${LATENCY_MS} ms latency, 3,000 RPM / 300,000 TPM (request-bound)`,
		2: `2. ${TOKEN_ITEMS} long prompts (~1,000 tokens), same limits (token-bound)`,
		3: `3. two n8n processes, ${ITEMS / 2} items each, one limiter`,
	};
	const table = formatTable(
		[
			{ key: 'scenario', title: 'scenario' },
			{ key: 'label', title: 'node' },
			{ key: 'items', title: 'items out', align: 'right' },
			{ key: 'time', title: 'node time', align: 'right' },
			{ key: 'ratio', title: '× bound', align: 'right' },
			{ key: 'share', title: '429 share', align: 'right' },
			{ key: 'requests', title: 'requests', align: 'right' },
			{ key: 'note', title: 'note' },
		],
		rows.map((row, i) => ({
			...row,
			scenario: i === 0 || rows[i - 1].group !== row.group ? `${row.group}` : '',
			time: row.seconds === undefined ? '—' : `${row.seconds.toFixed(1)} s`,
			ratio: row.seconds === undefined ? '—' : `${(row.seconds / row.boundSeconds).toFixed(2)}× of ${row.boundSeconds.toFixed(0)} s`,
			share: row.seconds === undefined ? '—' : `${(row.share429 * 100).toFixed(2)} %`,
			note: row.failed && !row.note ? 'FAILED' : row.note,
		})),
	);
	process.stdout.write(`\nPacing to the rate limits (n8n 2.41.1, fake server with an OpenAI-like limiter)\n`);
	for (const [group, title] of Object.entries(groupTitles)) process.stdout.write(`  ${group}: ${title.slice(3)}\n`);
	process.stdout.write(`Machine: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end\n\n${table}\n\n`);

	const goals = rows
		.filter((row) => row.label.includes('Auto'))
		.map((row) => {
			const maxShare = row.group === 3 ? 0.03 : 0.01;
			const met = row.seconds !== undefined && !row.failed && row.seconds / row.boundSeconds <= 1.15 && row.share429 < maxShare;
			return { goal: `scenario ${row.group}: Auto within 1.15× of the bound, 429s under ${maxShare * 100} %`, met };
		});
	for (const goal of goals) process.stdout.write(`${goal.met ? 'met' : 'NOT MET'}: ${goal.goal}\n`);

	writeBarChart(
		CHART,
		'Pacing to the rate limits: wall time per row and share of 429s (n8n 2.41.1, fake OpenAI limiter)',
		[1, 2, 3].map((group) => ({ title: groupTitles[group], rows: rows.filter((row) => row.group === group) })),
	);
	log(`chart written to ${path.relative(process.cwd(), CHART)}`);
	process.exitCode = goals.every((goal) => goal.met) ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`[bench] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
