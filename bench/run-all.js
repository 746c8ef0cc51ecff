#!/usr/bin/env node
// Runs every benchmark (bench/*.bench.js, in name order), one after the other, each in its own process: each
// prints its own table. `npm run bench` builds first. `node bench/run-all.js <text>` runs only the benchmarks
// whose file name contains the text. Exits 1 if a benchmark failed or missed a goal it checks.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const only = process.argv[2] ?? '';
const files = fs
	.readdirSync(__dirname)
	.filter((file) => file.endsWith('.bench.js') && file.includes(only))
	.sort();
if (files.length === 0) {
	process.stderr.write(`No benchmark matched '${only}'\n`);
	process.exit(1);
}

const results = [];
for (const file of files) {
	process.stdout.write(`\n=== ${file} ===\n`);
	const started = Date.now();
	const { status, signal } = spawnSync(process.execPath, [path.join(__dirname, file)], { stdio: 'inherit' });
	results.push({ file, status: signal ? `killed (${signal})` : status === 0 ? 'ok' : `exit ${status}`, seconds: ((Date.now() - started) / 1000).toFixed(0) });
}
process.stdout.write('\n');
for (const result of results) process.stdout.write(`${result.status === 'ok' ? '✓' : '✗'} ${result.file}: ${result.status} (${result.seconds} s)\n`);
process.exitCode = results.every((result) => result.status === 'ok') ? 0 : 1;
