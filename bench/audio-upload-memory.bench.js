#!/usr/bin/env node
// Memory of Audio → Transcribe uploading a 24 MB audio file from n8n's binary store, in a real n8n 2.41.1
// with the packed package installed as a community package (the e2e install), against the project's fake
// server. A Read/Write Files from Disk node puts a 24 MB WAV into n8n's binary store; then
//   baseline  – nothing else (what n8n needs to read the file into its store),
//   ours      – OpenAI Toolkit, Audio → Transcribe,
//   built-in  – n8n's own OpenAI node (type version 1.8), Audio → Transcribe a Recording,
// each in binary data mode "filesystem" (n8n 2.x's default: the node streams the file from disk) and, for
// comparison, "default" (n8n's in-memory mode: the file is base64 in the item). The n8n process's peak RSS
// (VmHWM from /proc/<pid>/status, sampled while `n8n execute` runs) is compared with the baseline of the same
// mode: the growth is what the upload costs. Each scenario runs RUNS times; the table shows the median.
// Peak RSS cannot tell memory still referenced from garbage not yet collected (V8 collects the chunks of a
// stream only when its external memory grows enough), so a second table runs the node's upload path alone in a
// Node.js process that calls gc() every 5 ms: what is left is what the upload really holds.
// Prints tables; exits 1 if our upload was not streamed in filesystem mode or a run failed. Nothing is timed.
//
// Usage: npm run build && node bench/audio-upload-memory.bench.js   (or: npm run bench -- audio)
// BENCH_RUNS (default 3), BENCH_ONLY (a RegExp on "<mode> <workflow id>"), BENCH_KEEP=1 (keep the work folder).
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { startFakeOpenAi } = require('../test/support/fake-openai');
const { makeWav } = require('../test/support/media-files');

const ROOT = path.resolve(__dirname, '..');
const N8N_VERSION = process.env.BENCH_N8N ?? '2.41.1';
const NODE_MAJOR = process.env.BENCH_NODE ?? '24';
const FILE_BYTES = 24 * 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 1024 * 1024;

const TOOLKIT_CREDENTIAL = { id: 'memToolkitCred', name: 'OpenAI Toolkit (bench fake server)' };
const OPENAI_CREDENTIAL = { id: 'memOpenAiCred', name: 'OpenAI (bench fake server)' };

function log(message) {
	process.stderr.write(`[bench] ${message}\n`);
}

function installN8n() {
	const out = execFileSync('bash', [path.join(ROOT, 'scripts/install-n8n.sh'), N8N_VERSION, NODE_MAJOR], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	const dir = out.trim().split('\n').pop();
	return { node: path.join(dir, 'node-runtime/node_modules/node/bin/node'), n8n: path.join(dir, 'node_modules/n8n/bin/n8n') };
}

/** npm pack (of the current build), installed the way Settings → Community Nodes installs it. */
function installPackage(workDir, userFolder) {
	const packDir = path.join(workDir, 'pack');
	fs.mkdirSync(packDir, { recursive: true });
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop();
	const nodesDir = path.join(userFolder, '.n8n/nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--legacy-peer-deps', '--omit=dev', '--ignore-scripts', path.join(packDir, tarball)], {
		cwd: nodesDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	return tarball;
}

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

/** kB figures of /proc/<pid>/status, or undefined once the process is gone. */
function readMemory(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		return { rss: field('VmRSS'), hwm: field('VmHWM') };
	} catch {
		return undefined;
	}
}

/**
 * Runs an n8n command and samples the process's memory every few milliseconds until it exits. Returns its
 * stdout/stderr, exit code, and the peak RSS in bytes (VmHWM, the kernel's own high-water mark, and the
 * largest VmRSS sampled, whichever is higher).
 */
async function runMeasured(runtime, env, args, timeoutMs = 600000) {
	const brokerPort = await freePort();
	return await new Promise((resolve) => {
		const child = spawn(runtime.node, [runtime.n8n, ...args], {
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let peakKb = 0;
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const sample = () => {
			const memory = readMemory(child.pid);
			if (memory) peakKb = Math.max(peakKb, memory.hwm || 0, memory.rss || 0);
		};
		const sampler = setInterval(sample, 5);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('exit', () => {
			sample();
			clearInterval(sampler);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, peakBytes: peakKb * 1024 });
		});
	});
}

function readFileNode(filePath) {
	return {
		id: 'node-read',
		name: 'Read audio file',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1.1,
		position: [220, 0],
		parameters: { operation: 'read', fileSelector: filePath, options: {} },
	};
}

const ourTranscribe = {
	id: 'node-ours',
	name: 'Transcribe (OpenAI Toolkit)',
	type: 'n8n-nodes-openai-toolkit.openAiToolkit',
	typeVersion: 1,
	position: [440, 0],
	parameters: { resource: 'audio', operation: 'transcribe', responseFormat: 'json' },
	credentials: { openAiToolkitApi: TOOLKIT_CREDENTIAL },
};

const builtInTranscribe = {
	id: 'node-builtin',
	name: 'Transcribe (built-in OpenAI)',
	type: '@n8n/n8n-nodes-langchain.openAi',
	typeVersion: 1.8,
	position: [440, 0],
	parameters: { resource: 'audio', operation: 'transcribe', binaryPropertyName: 'data', options: {} },
	credentials: { openAiApi: OPENAI_CREDENTIAL },
};

function workflow(id, name, nodes) {
	const trigger = { id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [trigger, ...nodes];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections };
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function formatTable(columns, rows) {
	const cells = rows.map((row) => columns.map((column) => String(row[column.key] ?? '')));
	const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((cell) => cell[i].length)));
	const line = (values) => `| ${values.map((value, i) => (columns[i].right ? value.padStart(widths[i]) : value.padEnd(widths[i]))).join(' | ')} |`;
	return [
		line(columns.map((column) => column.title)),
		`|${widths.map((width, i) => (columns[i].right ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`,
		...cells.map(line),
	].join('\n');
}

const mb = (bytes) => (bytes / MB).toFixed(1);

/**
 * The isolated measurement (run as `node --expose-gc this-file --isolated <variant> <base URL> <file>`): our
 * upload path from dist/ (getBinaryUpload, sendUpload, the SDK client) on the file, with gc() every 5 ms, printing
 * how much more memory (ArrayBuffers, RSS) was held at the peak than before. Variants: `stream` (a binary in
 * n8n's binary store, read with getBinaryStream), `stream-follow` (the same with fetch's default redirect mode,
 * i.e. without the transport's fix), `memory` (a binary held in the item as base64, n8n's default mode).
 */
async function isolatedChild(variant, baseUrl, filePath) {
	const { buildClient } = require('../dist/nodes/OpenAiToolkit/transport/client');
	const { getBinaryUpload, sendUpload } = require('../dist/nodes/OpenAiToolkit/helpers/binary');
	if (variant === 'stream-follow') {
		const platformFetch = globalThis.fetch;
		globalThis.fetch = (input, init) => platformFetch(input, { ...init, redirect: 'follow' });
	}
	const size = fs.statSync(filePath).size;
	const binary =
		variant === 'memory'
			? { data: fs.readFileSync(filePath).toString('base64'), mimeType: 'audio/wav', fileName: 'meeting.wav', fileSize: `${size}` }
			: { data: 'filesystem-v2', id: 'filesystem-v2:bench', mimeType: 'audio/wav', fileName: 'meeting.wav', bytes: size };
	const context = {
		getNode: () => ({ name: 'bench' }),
		logger: {},
		helpers: {
			assertBinaryData: () => binary,
			getBinaryStream: async () => fs.createReadStream(filePath),
			getBinaryMetadata: async () => ({ fileSize: size }),
		},
	};
	const client = buildClient({ apiKey: 'sk-bench-key-000111', baseUrl }, { maxRetries: 0, timeoutMs: 600000 });
	global.gc();
	const before = process.memoryUsage();
	let heldBytes = 0;
	let rssBytes = 0;
	const sampler = setInterval(() => {
		global.gc();
		const now = process.memoryUsage();
		heldBytes = Math.max(heldBytes, now.arrayBuffers - before.arrayBuffers);
		rssBytes = Math.max(rssBytes, now.rss - before.rss);
	}, 5);
	const upload = await getBinaryUpload(context, 0, 'data', {});
	await sendUpload(upload, 0, (file) => client.audio.transcriptions.create({ file, model: 'whisper-1' }));
	clearInterval(sampler);
	process.stdout.write(JSON.stringify({ heldBytes, rssBytes }));
}

/** Runs the isolated measurement in its own process (asynchronously: the fake server lives in this one). */
function runIsolated(runtime, variant, baseUrl, filePath) {
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.node, ['--expose-gc', __filename, '--isolated', variant, baseUrl, filePath], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`isolated ${variant} failed: ${stderr}`))));
	});
}

async function main() {
	if (process.platform !== 'linux') throw new Error('This benchmark reads /proc/<pid>/status: run it on Linux');
	if (!fs.existsSync(path.join(ROOT, 'dist/nodes/OpenAiToolkit/OpenAiToolkit.node.js'))) throw new Error('No build: run npm run build first');
	log(`n8n ${N8N_VERSION} on Node ${NODE_MAJOR}: installing or reusing the cached install`);
	const runtime = installN8n();
	const workDir = path.join(ROOT, '.bench', `audio-upload-memory-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const userFolder = path.join(workDir, 'home');
	const filesDir = path.join(workDir, 'files');
	fs.mkdirSync(filesDir, { recursive: true });
	log(`installed ${installPackage(workDir, userFolder)}`);

	const audioPath = path.join(filesDir, 'meeting.wav');
	fs.writeFileSync(audioPath, makeWav({ bytes: FILE_BYTES, sampleRate: 16000 }));
	log(`wrote ${audioPath} (${fs.statSync(audioPath).size} bytes)`);

	const fake = await startFakeOpenAi();
	const baseEnv = {
		...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENAI_') && !key.startsWith('N8N_'))),
		PATH: `${path.dirname(runtime.node)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LOG_LEVEL: 'warn',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_PYTHON_RUNNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		DB_SQLITE_POOL_SIZE: '1',
	};

	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{ ...TOOLKIT_CREDENTIAL, type: 'openAiToolkitApi', data: { apiKey: 'sk-bench-key-000111', baseUrl: fake.url } },
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-bench-key-000111', url: fake.url } },
		]),
	);
	const workflowsDir = path.join(workDir, 'workflows');
	fs.mkdirSync(workflowsDir);
	const tinyPath = path.join(filesDir, 'hello.wav');
	fs.writeFileSync(tinyPath, makeWav({ seconds: 0.1, sampleRate: 16000 }));
	const workflows = [
		workflow('memBaseline', 'memory: read the file only', [readFileNode(audioPath)]),
		workflow('memOurs', 'memory: read, then OpenAI Toolkit transcribe', [readFileNode(audioPath), ourTranscribe]),
		workflow('memOursTiny', 'memory: read a tiny file, then OpenAI Toolkit transcribe', [readFileNode(tinyPath), ourTranscribe]),
		workflow('memBuiltIn', 'memory: read, then built-in OpenAI transcribe', [readFileNode(audioPath), builtInTranscribe]),
		workflow('memBuiltInTiny', 'memory: read a tiny file, then built-in OpenAI transcribe', [readFileNode(tinyPath), builtInTranscribe]),
	];
	for (const wf of workflows) fs.writeFileSync(path.join(workflowsDir, `${wf.id}.json`), JSON.stringify(wf));
	for (const args of [
		['import:credentials', `--input=${credentialsFile}`],
		['import:workflow', '--separate', `--input=${workflowsDir}`],
	]) {
		const result = await runMeasured(runtime, baseEnv, args);
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}

	// `control`: the same node on a 3 KB file, so that loading the node's code is not counted as upload cost.
	const scenarios = [
		{ mode: 'filesystem', workflowId: 'memBaseline', label: 'read 24 MB file only (baseline)' },
		{ mode: 'filesystem', workflowId: 'memOursTiny', label: 'OpenAI Toolkit, 3 KB file', bytes: 'tiny' },
		{ mode: 'filesystem', workflowId: 'memOurs', label: 'OpenAI Toolkit, 24 MB file', bytes: FILE_BYTES, control: 'memOursTiny' },
		{ mode: 'filesystem', workflowId: 'memBuiltInTiny', label: 'built-in OpenAI 1.8, 3 KB file', bytes: 'tiny' },
		{ mode: 'filesystem', workflowId: 'memBuiltIn', label: 'built-in OpenAI 1.8, 24 MB file', bytes: FILE_BYTES, control: 'memBuiltInTiny' },
		{ mode: 'default', workflowId: 'memBaseline', label: 'read 24 MB file only (baseline)' },
		{ mode: 'default', workflowId: 'memOurs', label: 'OpenAI Toolkit, 24 MB file', bytes: FILE_BYTES },
	];
	const failures = [];
	const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
	for (const scenario of scenarios) {
		scenario.peaks = [];
		if (only && !only.test(`${scenario.mode} ${scenario.workflowId}`)) continue;
		for (let run = 1; run <= RUNS; run++) {
			fake.reset();
			const env = { ...baseEnv, N8N_DEFAULT_BINARY_DATA_MODE: scenario.mode };
			const result = await runMeasured(runtime, env, ['execute', `--id=${scenario.workflowId}`, '--rawOutput']);
			// n8n runs with log level "warn", so `--rawOutput` prints no run data (in "default" mode it would print the
			// file as 32 MB of base64 JSON, which would count in the peak): the exit code (1 when the workflow
			// fails) and what the fake server received tell the outcome.
			const upload = fake.requests.find((r) => r.path === '/v1/audio/transcriptions');
			if (process.env.BENCH_KEEP) fs.writeFileSync(path.join(workDir, `${scenario.mode}-${scenario.workflowId}-${run}.out`), result.stdout + result.stderr);
			const expectedSize = scenario.bytes === 'tiny' ? fs.statSync(tinyPath).size : scenario.bytes;
			if (result.code !== 0 || (scenario.bytes && upload?.body?.file?.size !== expectedSize)) {
				failures.push(`${scenario.mode} / ${scenario.label}: exit ${result.code}, uploaded ${upload?.body?.file?.size ?? 'nothing'}\n${result.stdout.slice(-1500)}\n${result.stderr.slice(-1500)}`);
				break;
			}
			scenario.peaks.push(result.peakBytes);
			if (scenario.bytes) {
				scenario.uploaded = upload.body.file.size;
				scenario.transfer = upload.headers['transfer-encoding'] === 'chunked' ? 'streamed (chunked)' : `buffered (${mb(Number(upload.headers['content-length']))} MB body)`;
			}
			log(`${scenario.mode.padEnd(10)} ${scenario.label.padEnd(34)} run ${run}: peak RSS ${mb(result.peakBytes)} MB`);
		}
	}
	const isolated = [];
	for (const [variant, label] of [
		['stream', 'streamed from the binary store (filesystem mode)'],
		['stream-follow', "the same, fetch's default redirect mode (without the transport fix)"],
		['memory', "binary in the item as base64 (n8n's default mode)"],
	]) {
		const runs = [];
		for (let run = 1; run <= RUNS; run++) {
			fake.reset();
			runs.push(await runIsolated(runtime, variant, fake.url, audioPath));
		}
		const upload = fake.requests.find((r) => r.path === '/v1/audio/transcriptions');
		isolated.push({
			label,
			upload: upload?.headers['transfer-encoding'] === 'chunked' ? 'streamed (chunked)' : 'buffered',
			held: mb(median(runs.map((r) => r.heldBytes))),
			rss: mb(median(runs.map((r) => r.rssBytes))),
			ratio: `${(median(runs.map((r) => r.heldBytes)) / FILE_BYTES).toFixed(2)}×`,
		});
		log(`isolated ${variant}: held ${runs.map((r) => mb(r.heldBytes)).join(' / ')} MB`);
	}
	await fake.close();

	const peakOf = (mode, workflowId) => {
		const found = scenarios.find((s) => s.mode === mode && s.workflowId === workflowId);
		return found?.peaks.length ? median(found.peaks) : undefined;
	};
	const signed = (bytes) => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
	const rows = scenarios
		.filter((scenario) => scenario.peaks.length > 0)
		.map((scenario) => {
			const peak = median(scenario.peaks);
			const baseline = peakOf(scenario.mode, 'memBaseline');
			const control = scenario.control ? peakOf(scenario.mode, scenario.control) : undefined;
			return {
				mode: scenario.mode,
				binary: scenario.mode === 'filesystem' ? "n8n's binary store (id)" : 'the item (base64)',
				scenario: scenario.label,
				upload: scenario.bytes ? scenario.transfer : '–',
				peak: mb(peak),
				runs: scenario.peaks.map(mb).join(' / '),
				growth: scenario.workflowId === 'memBaseline' || baseline === undefined ? '–' : signed(peak - baseline),
				uploadCost: control === undefined ? '–' : signed(peak - control),
			};
		});
	process.stdout.write(
		`\nAudio → Transcribe of a ${mb(FILE_BYTES)} MB WAV read into n8n's binary store by Read/Write Files from Disk, ` +
			`n8n ${N8N_VERSION} (Node ${NODE_MAJOR}). Peak RSS of the n8n process (VmHWM), median of ${RUNS} runs.\n` +
			`growth = peak − the same mode's baseline (reading the 24 MB file only); ` +
			`upload cost = peak − the same node transcribing a 3 KB file (the node's code loaded, the file's size not).\n\n`,
	);
	process.stdout.write(
		`${formatTable(
			[
				{ key: 'mode', title: 'binary mode' },
				{ key: 'binary', title: 'file kept' },
				{ key: 'scenario', title: 'workflow' },
				{ key: 'upload', title: 'upload' },
				{ key: 'peak', title: 'peak RSS MB', right: true },
				{ key: 'runs', title: 'runs MB' },
				{ key: 'growth', title: 'growth MB', right: true },
				{ key: 'uploadCost', title: 'upload cost MB', right: true },
			],
			rows,
		)}\n`,
	);

	process.stdout.write(
		`\nThe upload path alone (dist/ code, Node ${NODE_MAJOR}, gc() every 5 ms): memory still referenced at the peak ` +
			`beyond what was held before (the base64 item of the in-memory mode is held before), median of ${RUNS} runs.\n\n`,
	);
	process.stdout.write(
		`${formatTable(
			[
				{ key: 'label', title: 'binary' },
				{ key: 'upload', title: 'upload' },
				{ key: 'held', title: 'held MB (ArrayBuffers)', right: true },
				{ key: 'ratio', title: 'held / file', right: true },
				{ key: 'rss', title: 'RSS growth MB', right: true },
			],
			isolated,
		)}\n`,
	);

	const ours = scenarios.find((s) => s.mode === 'filesystem' && s.workflowId === 'memOurs');
	if (ours?.peaks.length && ours.transfer !== 'streamed (chunked)') failures.push(`In filesystem mode our upload was not streamed: ${ours.transfer}`);
	if (failures.length) {
		process.stdout.write(`\nFAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
		process.exitCode = 1;
	} else if (!process.env.BENCH_KEEP) {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--isolated') {
	isolatedChild(process.argv[3], process.argv[4], process.argv[5]).catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	});
} else main().catch((error) => {
	process.stderr.write(`[bench] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
