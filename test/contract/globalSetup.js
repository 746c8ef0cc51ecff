// Starts one Prism mock of OpenAI's official OpenAPI description for all contract tests. Its URL reaches the
// test files through PRISM_URL; each test file puts a recording proxy in front (support.ts) to read the
// `sl-violations` header of every answer.
'use strict';

const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const SPEC = path.resolve(__dirname, 'openai-openapi.yaml');

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

module.exports = async () => {
	const port = await freePort();
	const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');
	const child = spawn(process.execPath, [prismBin, 'mock', SPEC, '--host', '127.0.0.1', '--port', String(port)], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout.on('data', (chunk) => (log = (log + chunk).slice(-20000)));
	child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-20000)));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 120000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`Prism exited early:\n${log}`);
		try {
			await fetch(`${url}/models`, { headers: { authorization: 'Bearer probe' } });
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`Prism did not start within 120 s:\n${log}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	process.env.PRISM_URL = url;
	globalThis.__PRISM__ = child;
};
