#!/usr/bin/env node
// Embedding → Create with 10,000 items: how many requests, how long. Runs the built node (dist/, so
// `npm run build` first) with a minimal execute context against the project's fake OpenAI server, and prints
// requests, inputs per request, the largest token estimate of a request and the wall time per scenario.
// A benchmark, not a test: nothing asserts a time. It checks one goal, the issue's: 10,000 one-line items take
// at most 5 requests (exit 1 otherwise).
//
// Usage: node bench/embeddings.bench.js [--items 10000] [--latency 100]
'use strict';

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const { startFakeOpenAi } = require(path.join(ROOT, 'test/support/fake-openai'));

function loadBuilt(relative) {
	try {
		return require(path.join(ROOT, 'dist', relative));
	} catch (error) {
		process.stderr.write(`Cannot load dist/${relative}: run \`npm run build\` first.\n${error.message}\n`);
		process.exit(1);
	}
}

const { OpenAiToolkit } = loadBuilt('nodes/OpenAiToolkit/OpenAiToolkit.node.js');
const { estimateTokens, MAX_INPUTS_PER_REQUEST, MAX_TOKENS_PER_REQUEST } = loadBuilt(
	'nodes/OpenAiToolkit/actions/embedding/packing.js',
);

function parseArgs(argv) {
	const args = { items: 10000, latency: 100 };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--items') args.items = Number(argv[++i]);
		else if (argv[i] === '--latency') args.latency = Number(argv[++i]);
		else throw new Error(`Unknown argument ${argv[i]}`);
	}
	return args;
}

/**
 * Just enough of n8n's IExecuteFunctions for Embedding → Create: the parameters are plain values (an
 * expression is a function of the item), the way n8n hands them over after resolving them.
 */
function executeContext(items, parameters, credentials) {
	const node = { id: 'bench', name: 'Embed', type: 'n8n-nodes-openai-toolkit.openAiToolkit', typeVersion: 1, position: [0, 0], parameters: {} };
	return {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => false,
		getExecutionCancelSignal: () => undefined,
		getCredentials: async () => credentials,
		getNodeParameter(name, itemIndex, fallback, options) {
			let value = name.split('.').reduce((object, key) => (object === undefined ? undefined : object[key]), parameters);
			if (typeof value === 'function') value = value(items[itemIndex], itemIndex);
			if (value === undefined) value = fallback;
			if (options?.extractValue && value && typeof value === 'object' && 'mode' in value) value = value.value;
			if (value === undefined) throw new Error(`Could not get parameter '${name}'`);
			return value;
		},
		helpers: {},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	};
}

async function scenario(label, { items: count, latencyMs, dimensions, encodingFormat, line }) {
	const fake = await startFakeOpenAi({ latencyMs });
	try {
		const items = Array.from({ length: count }, (_, index) => ({ json: { text: line(index) } }));
		const parameters = {
			resource: 'embedding',
			operation: 'create',
			model: { __rl: true, mode: 'list', value: 'text-embedding-3-small' },
			input: (item) => item.json.text,
			user: '',
			limit: 0,
			options: { ...(dimensions ? { dimensions } : {}), ...(encodingFormat ? { encodingFormat } : {}) },
			requestOptions: {},
		};
		const context = executeContext(items, parameters, { apiKey: 'sk-bench-key-000111', baseUrl: fake.url });
		const node = new OpenAiToolkit();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = process.hrtime.bigint();
		const [output] = await node.execute.call(context);
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const heapAfter = process.memoryUsage().heapUsed;

		const sizes = fake.requests.map((request) => request.body.input.length);
		const tokens = fake.requests.map((request) => request.body.input.reduce((sum, text) => sum + estimateTokens(text), 0));
		const paired = output.every((item, index) => item.pairedItem?.item === index);
		return {
			label,
			items: count,
			requests: fake.requests.length,
			perRequest: sizes.join(' + '),
			maxTokens: Math.max(...tokens),
			outputs: output.length,
			paired,
			vector: Array.isArray(output[0]?.json.embedding)
				? String(output[0].json.embedding.length)
				: `${Buffer.from(String(output[0]?.json.embedding ?? ''), 'base64').length / 4} (base64)`,
			wallMs,
			heapMb: (heapAfter - heapBefore) / 1024 / 1024,
		};
	} finally {
		await fake.close();
	}
}

function table(rows) {
	const columns = [
		['scenario', (r) => r.label],
		['items', (r) => String(r.items)],
		['requests', (r) => String(r.requests)],
		['inputs per request (as they arrived)', (r) => r.perRequest],
		['max est. tokens/request', (r) => String(r.maxTokens)],
		['vector dims', (r) => r.vector],
		['output items (paired)', (r) => `${r.outputs} (${r.paired ? 'all in order' : 'NOT in order'})`],
		['wall time', (r) => `${(r.wallMs / 1000).toFixed(2)} s`],
		['items/s', (r) => String(Math.round(r.items / (r.wallMs / 1000)))],
	];
	const cells = rows.map((row) => columns.map(([, get]) => get(row)));
	const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
	const line = (values) => `| ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')} |`;
	return [line(columns.map(([title]) => title)), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const oneLine = (index) => `Line ${index}: the quick brown fox jumps over the lazy dog near the river bank.`;
	// Warm up (JIT, sockets) on a full-size run that is not reported: the first run is otherwise twice as slow.
	await scenario('warm-up', { items: args.items, latencyMs: 0, line: oneLine });
	const rows = [];
	rows.push(await scenario('one-line items, no latency', { items: args.items, latencyMs: 0, line: oneLine }));
	rows.push(await scenario(`one-line items, ${args.latency} ms per request`, { items: args.items, latencyMs: args.latency, line: oneLine }));
	rows.push(await scenario('one-line items, 1,536-dim vectors', { items: args.items, latencyMs: 0, dimensions: 1536, line: oneLine }));
	rows.push(
		await scenario('one-line items, 1,536 dims as base64', {
			items: args.items,
			latencyMs: 0,
			dimensions: 1536,
			encodingFormat: 'base64',
			line: oneLine,
		}),
	);
	rows.push(
		await scenario('paragraph items (~1,200 chars)', {
			items: args.items,
			latencyMs: 0,
			line: (index) => `Paragraph ${index}. ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(21)}`,
		}),
	);

	process.stdout.write(`Embedding → Create, packed across items (≤ ${MAX_INPUTS_PER_REQUEST} inputs and ≤ ${MAX_TOKENS_PER_REQUEST.toLocaleString('en')} estimated tokens per request), default Concurrency 5\n\n`);
	process.stdout.write(`${table(rows)}\n\n`);
	process.stdout.write(
		`The fake server runs in this process: building and serializing its vectors is part of the wall time (machine load average ${require('node:os')
			.loadavg()
			.map((load) => load.toFixed(1))
			.join(' / ')}).\n`,
	);
	const naiveSeconds = (args.items / 5) * (args.latency / 1000);
	process.stdout.write(
		`For comparison (computed, not measured): one request per item at ${args.latency} ms and Concurrency 5 would need ${args.items} requests and at least ${naiveSeconds.toFixed(0)} s.\n`,
	);

	const goal = rows[0];
	const limit = Math.ceil(args.items / MAX_INPUTS_PER_REQUEST);
	const ok = rows.every((row) => row.outputs === row.items && row.paired) && (args.items !== 10000 || goal.requests <= 5);
	process.stdout.write(
		`Goal: ${args.items} one-line items in at most ${args.items === 10000 ? 5 : limit} requests → ${goal.requests} requests: ${ok ? 'met' : 'MISSED'}\n`,
	);
	process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
