#!/usr/bin/env node
// Memory of File → Upload in a real n8n 2.41.1: a 200 MB JSONL on disk is read into n8n's filesystem binary
// store (Read/Write Files from Disk, streamed) and uploaded with purpose fine-tune (Validate JSONL on: the file
// is read twice, once to check every line, once to send it). The `n8n execute` process's peak RSS (VmHWM and
// VmRSS sampled from /proc/<pid>/status) is compared with a baseline run of the same workflow without the
// upload, so the difference is the upload's own. Goal: under 64 MB. The fake server only measures the upload
// (bytes, lines, SHA-256), which must match the file on disk.
//
//   node bench/file-upload-memory.bench.js            (BENCH_UPLOAD_MB=200, BENCH_ROUNDS=2 by default)
// Prints a table; exits 1 if the goal is missed or the upload did not arrive whole.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const runtimeKit = require('../test/e2e/n8n-runtime');
const { startFakeOpenAi } = require('../test/support/fake-openai');
const { measureExecution, median } = require('./memory');
const { formatTable, log } = require('./support');

const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const GOAL_MB = 64;
const TOOLKIT_CREDENTIAL = { id: 'benchUploadCred', name: 'OpenAI Toolkit (bench fake server)' };

/** Writes a JSONL of about `megabytes` MB line by line (never held in memory); returns its size, lines, SHA-256. */
async function writeJsonl(file, megabytes) {
	const target = megabytes * 1024 * 1024;
	const hash = crypto.createHash('sha256');
	const out = fs.createWriteStream(file);
	let bytes = 0;
	let lines = 0;
	while (bytes < target) {
		const line = `${JSON.stringify({
			messages: [
				{ role: 'system', content: 'You answer questions about workflow automation briefly and kindly.' },
				{ role: 'user', content: `Question ${lines}: how do I move data from one app to another every ${lines % 60} minutes? ${'Details follow. '.repeat(20)}` },
				{ role: 'assistant', content: `Answer ${lines}: use a schedule trigger, then the two apps' nodes. ${'More words to learn from. '.repeat(20)}` },
			],
		})}\n`;
		const buffer = Buffer.from(line);
		hash.update(buffer);
		bytes += buffer.length;
		lines++;
		if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
	}
	await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
	return { bytes, lines, sha256: hash.digest('hex') };
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
			parameters: { resource: 'file', operation: 'upload', purpose: 'fine-tune', validateJsonl: true },
			id: 'node-upload',
			name: 'Upload',
			type: 'n8n-nodes-openai-toolkit.openAiToolkit',
			typeVersion: 1,
			position: [440, 0],
			credentials: { openAiToolkitApi: TOOLKIT_CREDENTIAL },
		});
		connections['Read JSONL'] = { main: [[{ node: 'Upload', type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

async function main() {
	const runtime = runtimeKit.installN8n(process.env.BENCH_N8N ?? '2.41.1', process.env.BENCH_NODE ?? '24');
	const workDir = path.join(runtimeKit.ROOT, '.bench', `file-upload-memory-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const dataDir = path.join(workDir, 'files');
	fs.mkdirSync(dataDir, { recursive: true });
	const filePath = path.join(dataDir, 'train.jsonl');
	log(`writing a ${UPLOAD_MB} MB JSONL to ${filePath}`);
	const file = await writeJsonl(filePath, UPLOAD_MB);
	log(`${file.bytes} bytes, ${file.lines} lines`);

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
		[workflow('benchUploadBaseline', 'bench: read the JSONL only', false, filePath), workflow('benchUploadFile', 'bench: read and upload the JSONL', true, filePath)],
	);

	const rows = [];
	const problems = [];
	for (let round = 1; round <= ROUNDS; round++) {
		for (const [workflowId, label] of [
			['benchUploadBaseline', 'baseline: read only'],
			['benchUploadFile', 'read + File → Upload'],
		]) {
			fake.reset();
			log(`round ${round}: ${label}`);
			const result = await measureExecution(runtime, env, workflowId);
			const error = result.run?.data?.resultData?.error;
			if (!result.run || error) {
				problems.push(`${label} (round ${round}) failed: ${error?.message ?? `exit ${result.code}\n${result.stdout.slice(-2000)}\n${result.stderr}`}`);
			}
			if (workflowId === 'benchUploadFile' && result.run && !error) {
				const received = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/files')?.body?.file;
				const uploaded = result.run.data.resultData.runData.Upload?.[0]?.data?.main?.[0]?.[0]?.json;
				const whole = received && received.size === file.bytes && received.lines === file.lines && received.sha256 === file.sha256;
				if (!whole) problems.push(`round ${round}: the fake server did not receive the file whole: ${JSON.stringify(received && { ...received, head: undefined })}`);
				if (uploaded?.bytes !== file.bytes) problems.push(`round ${round}: the node output ${JSON.stringify(uploaded)}`);
			}
			rows.push({ round, workflow: label, kind: workflowId, peak: result.peakMb, seconds: result.seconds });
		}
	}
	await fake.close();

	const baseline = median(rows.filter((row) => row.kind === 'benchUploadBaseline').map((row) => row.peak));
	const upload = median(rows.filter((row) => row.kind === 'benchUploadFile').map((row) => row.peak));
	const growth = upload - baseline;
	process.stdout.write(
		`\nFile → Upload of a ${(file.bytes / 1024 / 1024).toFixed(0)} MB JSONL (${file.lines} lines) from n8n's filesystem binary store, n8n 2.41.1, Validate JSONL on\n\n`,
	);
	process.stdout.write(
		`${formatTable(
			[
				{ key: 'round', title: 'round', align: 'right' },
				{ key: 'workflow', title: 'workflow' },
				{ key: 'peakText', title: 'peak RSS of n8n (MB)', align: 'right' },
				{ key: 'secondsText', title: 'time (s)', align: 'right' },
			],
			rows.map((row) => ({ ...row, peakText: row.peak.toFixed(1), secondsText: row.seconds.toFixed(1) })),
		)}\n\n`,
	);
	process.stdout.write(`median peak RSS: baseline ${baseline.toFixed(1)} MB, with upload ${upload.toFixed(1)} MB\n`);
	process.stdout.write(`peak RSS growth of the upload: ${growth.toFixed(1)} MB (goal: under ${GOAL_MB} MB) ${growth < GOAL_MB ? '✓' : '✗'}\n`);
	for (const problem of problems) process.stdout.write(`✗ ${problem}\n`);
	if (problems.length === 0) fs.rmSync(workDir, { recursive: true, force: true });
	process.exitCode = growth < GOAL_MB && problems.length === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`[bench] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
