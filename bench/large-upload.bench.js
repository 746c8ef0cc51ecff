#!/usr/bin/env node
// File → Upload over 512 MB (node version 2: the Uploads API, in parts) in a real n8n 2.41.1. The bench writes a
// 2 GB JSONL on disk (never committed, removed afterwards), Read/Write Files from Disk streams it into n8n's
// filesystem binary store, and the node uploads it with purpose fine-tune (Validate JSONL on: the file is read
// once to check every line, once to send it in parts). Printed: wall time, parts sent, and the `n8n execute`
// process's peak RSS (VmHWM and VmRSS sampled from /proc/<pid>/status) minus that of a baseline run of the same
// workflow without the upload. Goal: under 128 MB. The fake server records each part (size, SHA-256) and the
// order complete gives them (`upload.part_order`): it must be the file's own parts, in file order.
//
//   npm run build && node bench/large-upload.bench.js     (BENCH_UPLOAD_MB=2048, BENCH_ROUNDS=1 by default)
// Prints a table; exits 1 if the goal is missed or the upload did not arrive whole and in order.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const runtimeKit = require('../test/e2e/n8n-runtime');
const { startFakeOpenAi } = require('../test/support/fake-openai');
const { measureExecution, median } = require('./memory');
const { formatTable, log } = require('./support');

const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 2048);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const GOAL_MB = 128;
const TOOLKIT_CREDENTIAL = { id: 'benchLargeUploadCred', name: 'OpenAI Toolkit (bench fake server)' };

/** The part size and threshold of the built package: the bench measures what n8n will load. */
function builtLimits() {
	const file = path.join(runtimeKit.ROOT, 'dist/nodes/OpenAiToolkit/actions/file/largeUpload.js');
	if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
	return require(file).LARGE_UPLOAD;
}

/**
 * Writes a JSONL of about `megabytes` MB line by line (never held in memory). Returns its size, lines and the
 * SHA-256 of every `partBytes` slice, i.e. of each part the node should send, in order.
 */
async function writeJsonl(file, megabytes, partBytes) {
	const target = megabytes * 1024 * 1024;
	const out = fs.createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
	const parts = [];
	let hash = crypto.createHash('sha256');
	let inPart = 0;
	let bytes = 0;
	let lines = 0;
	const filler = `${'Details follow. '.repeat(40)}`;
	while (bytes < target) {
		const line = Buffer.from(
			`${JSON.stringify({
				messages: [
					{ role: 'system', content: 'You answer questions about workflow automation briefly and kindly.' },
					{ role: 'user', content: `Question ${lines}: how do I move data every ${lines % 60} minutes? ${filler}` },
					{ role: 'assistant', content: `Answer ${lines}: use a schedule trigger, then the two apps' nodes. ${filler}` },
				],
			})}\n`,
		);
		for (let offset = 0; offset < line.length; ) {
			const length = Math.min(line.length - offset, partBytes - inPart);
			hash.update(line.subarray(offset, offset + length));
			inPart += length;
			offset += length;
			if (inPart === partBytes) {
				parts.push({ size: inPart, sha256: hash.digest('hex') });
				hash = crypto.createHash('sha256');
				inPart = 0;
			}
		}
		bytes += line.length;
		lines++;
		if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
	}
	if (inPart > 0) parts.push({ size: inPart, sha256: hash.digest('hex') });
	await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
	return { bytes, lines, parts };
}

function workflow(id, name, withUpload, filePath) {
	const nodes = [
		{ parameters: {}, id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
		{
			parameters: { operation: 'read', fileSelector: filePath, options: { mimeType: 'application/jsonl' } },
			id: 'node-read',
			name: 'Read JSONL',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1.1,
			position: [220, 0],
		},
	];
	const connections = { Start: { main: [[{ node: 'Read JSONL', type: 'main', index: 0 }]] } };
	if (withUpload) {
		nodes.push({
			parameters: { resource: 'file', operation: 'upload', purpose: 'fine-tune', validateJsonl: true, options: {} },
			id: 'node-upload',
			name: 'Upload',
			type: 'n8n-nodes-openai-toolkit.openAiToolkit',
			typeVersion: 2,
			position: [440, 0],
			credentials: { openAiToolkitApi: TOOLKIT_CREDENTIAL },
		});
		connections['Read JSONL'] = { main: [[{ node: 'Upload', type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** What the fake server received for the upload run, compared with the file on disk. */
function checkUpload(fake, file, round) {
	const problems = [];
	const uploads = fake.state.uploads ?? [];
	const partsSent = fake.requests.filter((r) => r.method === 'POST' && /^\/v1\/uploads\/[^/]+\/parts$/.test(r.path)).length;
	const upload = uploads[0];
	if (uploads.length !== 1 || upload.status !== 'completed') {
		problems.push(`round ${round}: expected one completed upload, got ${JSON.stringify(uploads.map((u) => u.status))}`);
	} else {
		const order = upload.part_order ?? [];
		const same = order.length === file.parts.length && order.every((part, i) => part.size === file.parts[i].size && part.sha256 === file.parts[i].sha256);
		if (!same) problems.push(`round ${round}: the completed parts are not the file's ${file.parts.length} parts in order (got ${order.length})`);
		if (upload.bytes !== file.bytes) problems.push(`round ${round}: the upload was created with ${upload.bytes} bytes, not ${file.bytes}`);
	}
	if (fake.requests.some((r) => r.path === '/v1/files')) problems.push(`round ${round}: the node used POST /files, not the Uploads API`);
	return { partsSent, problems };
}

async function main() {
	const limits = builtLimits();
	const runtime = runtimeKit.installN8n(process.env.BENCH_N8N ?? '2.41.1', process.env.BENCH_NODE ?? '24');
	const workDir = path.join(runtimeKit.ROOT, '.bench', `large-upload-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const dataDir = path.join(workDir, 'files');
	fs.mkdirSync(dataDir, { recursive: true });
	const filePath = path.join(dataDir, 'train.jsonl');
	log(`writing a ${UPLOAD_MB} MB JSONL to ${filePath}`);
	const file = await writeJsonl(filePath, UPLOAD_MB, limits.partBytes);
	log(`${file.bytes} bytes, ${file.lines} lines, ${file.parts.length} parts of ${limits.partBytes / 1024 / 1024} MB`);
	if (file.bytes <= limits.thresholdBytes) throw new Error(`BENCH_UPLOAD_MB must be over ${limits.thresholdBytes / 1024 / 1024} MB`);

	const userFolder = path.join(workDir, 'home');
	log(`installed ${runtimeKit.installPackage(workDir, userFolder)}`);
	const fake = await startFakeOpenAi();
	const env = runtimeKit.n8nEnvironment(runtime, userFolder, {
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_RESTRICT_FILE_ACCESS_TO: dataDir,
	});
	await runtimeKit.importIntoN8n(
		runtime,
		env,
		workDir,
		[{ ...TOOLKIT_CREDENTIAL, type: 'openAiToolkitApi', data: { apiKey: 'sk-bench-key-000111', baseUrl: fake.url } }],
		[workflow('benchLargeBaseline', 'bench: read the JSONL only', false, filePath), workflow('benchLargeUpload', 'bench: read and upload the JSONL in parts', true, filePath)],
	);

	const rows = [];
	const problems = [];
	try {
		for (let round = 1; round <= ROUNDS; round++) {
			for (const [workflowId, label] of [
				['benchLargeBaseline', 'baseline: read only'],
				['benchLargeUpload', 'read + File → Upload (v2)'],
			]) {
				fake.reset();
				log(`round ${round}: ${label}`);
				const result = await measureExecution(runtime, env, workflowId, { stdoutFile: path.join(workDir, `${workflowId}.out.json`) });
				const error = result.run?.data?.resultData?.error;
				if (!result.run || error) {
					problems.push(`${label} (round ${round}) failed: ${error?.message ?? `exit ${result.code}\n${result.stdout.slice(-2000)}\n${result.stderr}`}`);
				}
				const row = { round, workflow: label, kind: workflowId, peak: result.peakMb, seconds: result.seconds, parts: '' };
				if (workflowId === 'benchLargeUpload') {
					const checked = checkUpload(fake, file, round);
					row.parts = String(checked.partsSent);
					problems.push(...checked.problems);
					const uploaded = result.run?.data?.resultData?.runData?.Upload?.[0]?.data?.main?.[0]?.[0]?.json;
					if (!error && uploaded?.bytes !== file.bytes) problems.push(`round ${round}: the node output ${JSON.stringify(uploaded)}`);
				}
				rows.push(row);
				// Each run copies the file into the binary store: drop it before the next.
				fs.rmSync(path.join(userFolder, '.n8n/binaryData'), { recursive: true, force: true });
			}
		}
	} finally {
		await fake.close();
	}

	const baseline = median(rows.filter((row) => row.kind === 'benchLargeBaseline').map((row) => row.peak));
	const upload = median(rows.filter((row) => row.kind === 'benchLargeUpload').map((row) => row.peak));
	const growth = upload - baseline;
	process.stdout.write(
		`\nFile → Upload (node version 2, Uploads API) of a ${(file.bytes / 1024 / 1024).toFixed(0)} MB JSONL (${file.lines} lines) from n8n's filesystem binary store, n8n 2.41.1, Validate JSONL on; parts of ${limits.partBytes / 1024 / 1024} MB, ${limits.concurrency} at a time\n\n`,
	);
	process.stdout.write(
		`${formatTable(
			[
				{ key: 'round', title: 'round', align: 'right' },
				{ key: 'workflow', title: 'workflow' },
				{ key: 'parts', title: 'parts sent', align: 'right' },
				{ key: 'peakText', title: 'peak RSS of n8n (MB)', align: 'right' },
				{ key: 'secondsText', title: 'wall time (s)', align: 'right' },
			],
			rows.map((row) => ({ ...row, peakText: row.peak.toFixed(1), secondsText: row.seconds.toFixed(1) })),
		)}\n\n`,
	);
	process.stdout.write(`median peak RSS: baseline ${baseline.toFixed(1)} MB, with upload ${upload.toFixed(1)} MB\n`);
	process.stdout.write(`peak RSS growth of the upload: ${growth.toFixed(1)} MB (goal: under ${GOAL_MB} MB) ${growth < GOAL_MB ? '✓' : '✗'}\n`);
	for (const problem of problems) process.stdout.write(`✗ ${problem}\n`);
	// The 2 GB file and the store's copies never stay behind; the run outputs do when something failed.
	fs.rmSync(dataDir, { recursive: true, force: true });
	if (problems.length === 0) fs.rmSync(workDir, { recursive: true, force: true });
	process.exitCode = growth < GOAL_MB && problems.length === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`[bench] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
