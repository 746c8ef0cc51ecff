#!/usr/bin/env node
// A larger run of the fuzz suite (test/engine/fuzz): every operation with BENCH_FUZZ_RUNS random cases
// (default 100; BENCH_FUZZ_SEED for another seed), violations recorded instead of stopping at the first. Prints
// per operation: cases tried, input items, requests the fake server received, items that failed a pre-send
// check, API errors, other errors and invariant violations; then one example of each distinct violation.
// Needs no n8n install (the suite runs the node in-process). Exits 1 if any invariant was violated.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { formatTable, log } = require('./support');

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 100);
const SEED = process.env.BENCH_FUZZ_SEED ?? String(Date.now() % 1_000_000_007);
const statsFile = path.join(os.tmpdir(), `fuzz-stats-${process.pid}.json`);

log(`fuzzing every operation with ${RUNS} cases, seed ${SEED}`);
const started = Date.now();
const jest = spawnSync(
	process.execPath,
	[path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects=engine', '--runTestsByPath', 'test/engine/fuzz/operations.fuzz.test.ts'],
	{
		cwd: ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, FUZZ_RUNS: String(RUNS), FUZZ_SEED: SEED, FUZZ_COLLECT: '1', FUZZ_STATS_FILE: statsFile },
	},
);
if (!fs.existsSync(statsFile)) {
	process.stderr.write(`The fuzz suite wrote no statistics (jest exit ${jest.status})\n`);
	process.exit(1);
}
const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
fs.rmSync(statsFile, { force: true });

const columns = [
	{ key: 'operation', title: 'Operation' },
	{ key: 'cases', title: 'Cases tried', align: 'right' },
	{ key: 'items', title: 'Items', align: 'right' },
	{ key: 'requests', title: 'Requests sent', align: 'right' },
	{ key: 'checkFailures', title: 'Check failures', align: 'right' },
	{ key: 'apiErrors', title: 'API errors', align: 'right' },
	{ key: 'otherErrors', title: 'Other errors', align: 'right' },
	{ key: 'violations', title: 'Violations', align: 'right' },
];
const total = { operation: 'all', cases: 0, items: 0, requests: 0, checkFailures: 0, apiErrors: 0, otherErrors: 0, violations: 0 };
for (const row of stats) for (const key of Object.keys(total)) if (key !== 'operation') total[key] += row[key];
process.stdout.write(`\nFuzzing, seed ${SEED}, ${RUNS} cases per operation, ${((Date.now() - started) / 1000).toFixed(0)} s\n\n`);
process.stdout.write(`${formatTable(columns, [...stats, total])}\n`);

const distinct = stats.flatMap((row) => Object.entries(row.examples).map(([key, example]) => ({ operation: row.operation, key, ...example })));
if (distinct.length > 0) {
	process.stdout.write(`\n${distinct.length} distinct violations (one example each; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}):\n`);
	for (const violation of distinct) {
		process.stdout.write(`\n- ${violation.operation} × ${violation.count}: ${violation.key}\n  ${violation.detail}\n`);
		process.stdout.write(`  case: ${violation.case.replace(/\n\s*/g, ' ').slice(0, 1500)}\n`);
	}
}
process.exitCode = total.violations === 0 && jest.status === 0 ? 0 : 1;
