#!/usr/bin/env node
// Memory of Video → Download Content in a real n8n 2.41.1: a 500 MB MP4 is downloaded into n8n's filesystem
// binary store. A small server (video-server.js) answers GET /v1/videos/{id}/content with the MP4 streamed in 1 MB
// chunks (generated, never held whole here either) and counts the bytes it wrote. The `n8n execute` process's
// peak RSS (VmHWM and VmRSS sampled from /proc/<pid>/status) is compared with a baseline run of Video →
// Retrieve (the same node, a tiny answer), so the difference is the download's own. Goal: under 64 MB.
//
//   node bench/video-download.bench.js            (BENCH_VIDEO_MB=500, BENCH_ROUNDS=2 by default)
// Prints a table; exits 1 if the goal is missed or the video did not arrive whole.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const runtimeKit = require('../test/e2e/n8n-runtime');
const { measureExecution, median } = require('./memory');
const { formatTable, log } = require('./support');
const { startVideoServer } = require('./video-server');

const VIDEO_MB = Number(process.env.BENCH_VIDEO_MB ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const GOAL_MB = 64;
const VIDEO_ID = 'video_bench0001';
const TOOLKIT_CREDENTIAL = { id: 'benchVideoCred', name: 'OpenAI Toolkit (bench video server)' };

function workflow(id, name, operation) {
	const parameters =
		operation === 'downloadContent'
			? { resource: 'video', operation: 'downloadContent', videoId: VIDEO_ID, variant: 'video', binaryPropertyOutput: 'data' }
			: { resource: 'video', operation: 'retrieve', videoId: VIDEO_ID };
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ parameters: {}, id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters,
				id: 'node-video',
				name: 'Video',
				type: 'n8n-nodes-openai-toolkit.openAiToolkit',
				typeVersion: 2,
				position: [220, 0],
				credentials: { openAiToolkitApi: TOOLKIT_CREDENTIAL },
			},
		],
		connections: { Start: { main: [[{ node: 'Video', type: 'main', index: 0 }]] } },
	};
}

async function main() {
	const runtime = runtimeKit.installN8n(process.env.BENCH_N8N ?? '2.41.1', process.env.BENCH_NODE ?? '24');
	const workDir = path.join(runtimeKit.ROOT, '.bench', `video-download-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	fs.mkdirSync(workDir, { recursive: true });
	const totalBytes = VIDEO_MB * 1024 * 1024;

	const userFolder = path.join(workDir, 'home');
	log(`installed ${runtimeKit.installPackage(workDir, userFolder)}`);
	const server = await startVideoServer(totalBytes, VIDEO_ID);
	const env = runtimeKit.n8nEnvironment(runtime, userFolder, { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' });
	await runtimeKit.importIntoN8n(
		runtime,
		env,
		workDir,
		[{ ...TOOLKIT_CREDENTIAL, type: 'openAiToolkitApi', data: { apiKey: 'sk-bench-key-000111', baseUrl: server.url } }],
		[workflow('benchVideoBaseline', 'bench: Video → Retrieve', 'retrieve'), workflow('benchVideoDownload', 'bench: Video → Download Content', 'downloadContent')],
	);

	const rows = [];
	const problems = [];
	for (let round = 1; round <= ROUNDS; round++) {
		for (const [workflowId, label] of [
			['benchVideoBaseline', 'baseline: Video → Retrieve'],
			['benchVideoDownload', `Video → Download Content (${VIDEO_MB} MB)`],
		]) {
			server.stats.downloads.length = 0;
			log(`round ${round}: ${label}`);
			const result = await measureExecution(runtime, env, workflowId);
			const error = result.run?.data?.resultData?.error;
			if (!result.run || error) {
				problems.push(`${label} (round ${round}) failed: ${error?.message ?? `exit ${result.code}\n${result.stdout.slice(-2000)}\n${result.stderr}`}`);
			}
			if (workflowId === 'benchVideoDownload' && result.run && !error) {
				const [download] = server.stats.downloads;
				if (!download?.finished) problems.push(`round ${round}: the server did not send the video whole: ${JSON.stringify(download)}`);
				const binary = result.run.data.resultData.runData.Video?.[0]?.data?.main?.[0]?.[0]?.binary?.data;
				if (!binary?.id || binary.mimeType !== 'video/mp4') problems.push(`round ${round}: the node output ${JSON.stringify(binary)}`);
			}
			rows.push({ round, workflow: label, kind: workflowId, peak: result.peakMb, seconds: result.seconds });
		}
	}
	await server.close();

	const baseline = median(rows.filter((row) => row.kind === 'benchVideoBaseline').map((row) => row.peak));
	const download = median(rows.filter((row) => row.kind === 'benchVideoDownload').map((row) => row.peak));
	const growth = download - baseline;
	process.stdout.write(`\nVideo → Download Content of a ${VIDEO_MB} MB MP4 into n8n's filesystem binary store, n8n 2.41.1\n\n`);
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
	process.stdout.write(`median peak RSS: baseline ${baseline.toFixed(1)} MB, with the download ${download.toFixed(1)} MB\n`);
	process.stdout.write(`peak RSS growth of the download: ${growth.toFixed(1)} MB (goal: under ${GOAL_MB} MB) ${growth < GOAL_MB ? '✓' : '✗'}\n`);
	for (const problem of problems) process.stdout.write(`✗ ${problem}\n`);
	if (problems.length === 0) fs.rmSync(workDir, { recursive: true, force: true });
	process.exitCode = growth < GOAL_MB && problems.length === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`[bench] ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
