// What the memory benchmarks share: `n8n execute` of one workflow with the n8n process's memory sampled from
// /proc (peak of VmRSS and VmHWM), and the median of the rounds. They print figures; nothing here asserts.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');

const runtimeKit = require('../test/e2e/n8n-runtime');

/** How often the process's memory is read. */
const SAMPLE_MS = 20;

function readStatus(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return undefined; // the process has just ended
	}
}

/**
 * Runs `n8n execute` for a workflow, sampling its memory; returns the peak RSS in MB, the time and the run.
 * With `stdoutFile` the run's output goes to that file instead of a string in this process (a large output
 * would otherwise grow the bench, not n8n).
 */
async function measureExecution(runtime, env, workflowId, { stdoutFile } = {}) {
	// Its own Task Broker port, so that other n8n processes on the machine do not stop it from starting.
	const brokerPort = await runtimeKit.freePort();
	const stdoutFd = stdoutFile ? fs.openSync(stdoutFile, 'w') : undefined;
	return await new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(runtime.node, [runtime.n8n, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-5000)));
		let peakKb = 0;
		const sample = () => {
			const status = readStatus(child.pid);
			if (status) peakKb = Math.max(peakKb, status.rss, status.hwm);
		};
		const timer = setInterval(sample, SAMPLE_MS);
		child.on('exit', () => sample());
		child.on('close', (code) => {
			clearInterval(timer);
			if (stdoutFd !== undefined) {
				fs.closeSync(stdoutFd);
				stdout = fs.readFileSync(stdoutFile, 'utf8');
			}
			resolve({ code, peakMb: peakKb / 1024, seconds: (Date.now() - started) / 1000, run: runtimeKit.parseRun(stdout), stdout, stderr });
		});
	});
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { measureExecution, median };
