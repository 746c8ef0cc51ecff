#!/usr/bin/env node
// Throughput and resilience of Chat → Create Completion against n8n's built-in OpenAI node (type version 1.8,
// Text → Message a Model), in a real n8n, on the same items, against the project's fake server:
//   1. 200 items at 100 ms latency: node execution time of each, the ratio, and ours against the bound
//      items × latency / concurrency;
//   2. per-item overhead at 0 ms latency (node time / items);
//   3. 1,000 items with 20 % of the requests failing (429 with retry-after-ms, 500, dropped connection):
//      ours must output 1,000 items, each paired with and answering its own input, none twice.
// Node times are n8n's own (executionTime of the node in the run data). Prints tables; exits 1 if a goal is missed.
'use strict';

const os = require('node:os');

const {
	startBench,
	chain,
	itemsNode,
	toolkitChatNode,
	builtInChatNode,
	nodeResult,
	formatTable,
	seededRandom,
	log,
} = require('./support');

const LATENCY_ITEMS = 200;
const LATENCY_MS = 100;
const CONCURRENCY = 20;
const OVERHEAD_ITEMS = 1000;
const FAULT_ITEMS = 1000;
const FAULT_SHARE = 0.2;
const FAULT_RETRIES = 6;

const OURS = 'OpenAI Toolkit';
const BUILT_IN = 'OpenAI (built-in)';

const workflows = [
	chain('benchLatencyOurs20', 'bench: latency, ours c=20', itemsNode(LATENCY_ITEMS), toolkitChatNode(OURS, { concurrency: CONCURRENCY })),
	chain('benchLatencyOurs05', 'bench: latency, ours c=5', itemsNode(LATENCY_ITEMS), toolkitChatNode(OURS, {})),
	chain('benchLatencyBuiltIn', 'bench: latency, built-in', itemsNode(LATENCY_ITEMS), builtInChatNode(BUILT_IN)),
	chain('benchOverheadOurs20', 'bench: overhead, ours c=20', itemsNode(OVERHEAD_ITEMS), toolkitChatNode(OURS, { concurrency: CONCURRENCY })),
	chain('benchOverheadBuiltIn', 'bench: overhead, built-in', itemsNode(OVERHEAD_ITEMS), builtInChatNode(BUILT_IN)),
	chain(
		'benchFaultsOurs',
		'bench: faults, ours',
		itemsNode(FAULT_ITEMS),
		toolkitChatNode(OURS, { concurrency: CONCURRENCY, maxRetries: FAULT_RETRIES }),
	),
	chain('benchFaultsBuiltIn', 'bench: faults, built-in', itemsNode(FAULT_ITEMS), builtInChatNode(BUILT_IN)),
	chain(
		'benchFaultsBuiltInCof',
		'bench: faults, built-in, continue on fail',
		itemsNode(FAULT_ITEMS),
		builtInChatNode(BUILT_IN, { onError: 'continueRegularOutput' }),
	),
];

/** 20 % of chat requests fail, a third each way; the same pattern on every run. */
function injectFaults(fake) {
	const random = seededRandom(20240601);
	const counts = { requests: 0, rateLimited: 0, serverError: 0, dropped: 0 };
	fake.setFault((req) => {
		if (req.path !== '/v1/chat/completions') return undefined;
		counts.requests++;
		const draw = random();
		if (draw < FAULT_SHARE / 3) {
			counts.rateLimited++;
			return {
				status: 429,
				headers: { 'retry-after-ms': '100' },
				body: { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
			};
		}
		if (draw < (2 * FAULT_SHARE) / 3) {
			counts.serverError++;
			return { status: 500, body: { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } } };
		}
		if (draw < FAULT_SHARE) {
			counts.dropped++;
			return { reset: true };
		}
		return undefined;
	});
	return counts;
}

/** Every output item answers its own input: paired with it, echoing its text, each input exactly once. */
function checkAnswers(items, count, answerOf) {
	const seen = new Set();
	const problems = [];
	for (const item of items) {
		const index = item.pairedItem?.item;
		if (typeof index !== 'number') {
			problems.push('an item without pairedItem');
			continue;
		}
		if (seen.has(index)) problems.push(`input ${index} answered twice`);
		seen.add(index);
		const expected = `echo: Question ${index}: what is ${index} squared?`;
		if (answerOf(item) !== expected) problems.push(`input ${index} got ${JSON.stringify(answerOf(item))}`);
	}
	for (let index = 0; index < count; index++) if (!seen.has(index)) problems.push(`input ${index} has no answer`);
	return { ok: problems.length === 0 && items.length === count, problems };
}

const ms = (value) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const describeError = (result) => {
	const error = result.error ?? result.workflowError;
	if (!error) return '';
	return String(error.message ?? error).split('\n')[0].slice(0, 70);
};

async function main() {
	const loadBefore = os.loadavg()[0];
	const bench = await startBench('throughput', workflows);
	const { fake } = bench;
	const goals = [];
	try {
		// 1. Latency.
		fake.reset();
		fake.latencyMs = LATENCY_MS;
		const latency = {};
		for (const [key, id, node] of [
			['ours20', 'benchLatencyOurs20', OURS],
			['ours05', 'benchLatencyOurs05', OURS],
			['builtIn', 'benchLatencyBuiltIn', BUILT_IN],
		]) {
			log(`latency run: ${id}`);
			fake.reset();
			fake.latencyMs = LATENCY_MS;
			latency[key] = nodeResult(await bench.run(id), node);
			latency[key].requests = fake.requests.length;
			log(`  ${latency[key].executionTime} ms, ${latency[key].items.length} items`);
		}
		const bound = (LATENCY_ITEMS * LATENCY_MS) / CONCURRENCY;
		const ratio = latency.builtIn.executionTime / latency.ours20.executionTime;
		const ofBound = latency.ours20.executionTime / bound;
		goals.push({ goal: `ours c=${CONCURRENCY} at least 18× faster than built-in`, value: `${ratio.toFixed(1)}×`, met: ratio >= 18 });
		goals.push({ goal: `ours c=${CONCURRENCY} within 1.3× of the bound ${bound} ms`, value: `${ofBound.toFixed(2)}×`, met: ofBound <= 1.3 });

		// 2. Per-item overhead at 0 ms latency.
		const overhead = {};
		for (const [key, id, node] of [
			['ours20', 'benchOverheadOurs20', OURS],
			['builtIn', 'benchOverheadBuiltIn', BUILT_IN],
		]) {
			log(`overhead run: ${id}`);
			fake.reset();
			overhead[key] = nodeResult(await bench.run(id), node);
			overhead[key].requests = fake.requests.length;
			log(`  ${overhead[key].executionTime} ms, ${overhead[key].items.length} items`);
		}
		const perItemOurs = overhead.ours20.executionTime / OVERHEAD_ITEMS;
		goals.push({ goal: 'ours per-item overhead at 0 ms at most 2 ms', value: `${perItemOurs.toFixed(2)} ms`, met: perItemOurs <= 2 });

		// 3. Faults.
		const faults = {};
		for (const [key, id, node] of [
			['ours', 'benchFaultsOurs', OURS],
			['builtIn', 'benchFaultsBuiltIn', BUILT_IN],
			['builtInCof', 'benchFaultsBuiltInCof', BUILT_IN],
		]) {
			log(`fault run: ${id}`);
			fake.reset();
			const counts = injectFaults(fake);
			faults[key] = nodeResult(await bench.run(id), node);
			faults[key].counts = { ...counts };
			log(`  ${faults[key].executionTime} ms, ${faults[key].items.length} items, ${JSON.stringify(counts)}`);
		}
		const oursCheck = checkAnswers(faults.ours.items, FAULT_ITEMS, (item) => item.json?.text);
		const builtInAnswers = (result) => result.items.filter((item) => item.json?.message?.content !== undefined).length;
		const builtInErrors = (result) => result.items.filter((item) => item.json?.error !== undefined).length;
		goals.push({
			goal: `ours outputs ${FAULT_ITEMS} items under ${FAULT_SHARE * 100} % faults, each answering its own input once`,
			value: oursCheck.ok ? `${faults.ours.items.length} items, all correct` : `${faults.ours.items.length} items; ${oursCheck.problems.slice(0, 3).join('; ')}`,
			met: oursCheck.ok,
		});

		const rows = [
			{ scenario: `${LATENCY_ITEMS} items, ${LATENCY_MS} ms latency`, node: `ours, concurrency ${CONCURRENCY}`, time: ms(latency.ours20.executionTime), perItem: (latency.ours20.executionTime / LATENCY_ITEMS).toFixed(2), items: latency.ours20.items.length, requests: latency.ours20.requests, note: `bound ${bound} ms; ${ofBound.toFixed(2)}× bound; ${ratio.toFixed(1)}× faster than built-in` },
			{ scenario: '', node: 'ours, concurrency 5 (default)', time: ms(latency.ours05.executionTime), perItem: (latency.ours05.executionTime / LATENCY_ITEMS).toFixed(2), items: latency.ours05.items.length, requests: latency.ours05.requests, note: `bound ${(LATENCY_ITEMS * LATENCY_MS) / 5} ms; ${(latency.builtIn.executionTime / latency.ours05.executionTime).toFixed(1)}× faster than built-in` },
			{ scenario: '', node: 'built-in 1.8 (one at a time)', time: ms(latency.builtIn.executionTime), perItem: (latency.builtIn.executionTime / LATENCY_ITEMS).toFixed(2), items: latency.builtIn.items.length, requests: latency.builtIn.requests, note: describeError(latency.builtIn) },
			{ scenario: `${OVERHEAD_ITEMS} items, 0 ms latency`, node: `ours, concurrency ${CONCURRENCY}`, time: ms(overhead.ours20.executionTime), perItem: perItemOurs.toFixed(2), items: overhead.ours20.items.length, requests: overhead.ours20.requests, note: 'per-item overhead = node time / items' },
			{ scenario: '', node: 'built-in 1.8', time: ms(overhead.builtIn.executionTime), perItem: (overhead.builtIn.executionTime / OVERHEAD_ITEMS).toFixed(2), items: overhead.builtIn.items.length, requests: overhead.builtIn.requests, note: describeError(overhead.builtIn) },
			{ scenario: `${FAULT_ITEMS} items, ${FAULT_SHARE * 100} % faults`, node: `ours, c=${CONCURRENCY}, max retries ${FAULT_RETRIES}`, time: ms(faults.ours.executionTime), perItem: '', items: faults.ours.items.length, requests: faults.ours.counts.requests, note: `${faults.ours.counts.rateLimited} × 429, ${faults.ours.counts.serverError} × 500, ${faults.ours.counts.dropped} dropped; ${oursCheck.ok ? 'every input answered once, in order' : 'WRONG ANSWERS'}` },
			{ scenario: '', node: 'built-in 1.8', time: ms(faults.builtIn.executionTime), perItem: '', items: faults.builtIn.items.length, requests: faults.builtIn.counts.requests, note: `stopped: ${describeError(faults.builtIn) || '(no error)'}` },
			{ scenario: '', node: 'built-in 1.8, On Error: Continue', time: ms(faults.builtInCof.executionTime), perItem: '', items: faults.builtInCof.items.length, requests: faults.builtInCof.counts.requests, note: `${builtInAnswers(faults.builtInCof)} answered, ${builtInErrors(faults.builtInCof)} error items` },
		];
		process.stdout.write(`\nThroughput: OpenAI Toolkit vs n8n's built-in OpenAI node (n8n 2.41.1, fake server)\n`);
		// Times are wall-clock times of a single-threaded n8n: on a busy machine every CPU-bound figure grows.
		process.stdout.write(
			`Machine: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end\n\n`,
		);
		process.stdout.write(
			`${formatTable(
				[
					{ key: 'scenario', title: 'scenario' },
					{ key: 'node', title: 'node' },
					{ key: 'time', title: 'node time', align: 'right' },
					{ key: 'perItem', title: 'ms / item', align: 'right' },
					{ key: 'items', title: 'items out', align: 'right' },
					{ key: 'requests', title: 'requests', align: 'right' },
					{ key: 'note', title: 'note' },
				],
				rows,
			)}\n\n`,
		);
		process.stdout.write(
			`${formatTable(
				[
					{ key: 'goal', title: 'goal' },
					{ key: 'value', title: 'measured', align: 'right' },
					{ key: 'status', title: 'met' },
				],
				goals.map((goal) => ({ ...goal, status: goal.met ? 'yes' : 'NO' })),
			)}\n`,
		);
	} finally {
		await bench.close();
	}
	process.exitCode = goals.every((goal) => goal.met) ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`[bench] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
