// The project's own fake OpenAI server: a real HTTP server on 127.0.0.1 that records every request and
// answers like OpenAI does. Tests add routes for the endpoints they exercise and inject faults
// (status codes with headers, dropped connections, latency). Plain CommonJS so that jest tests, the e2e
// runner and the benchmarks (which run outside TypeScript) all use this one server.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { createFakeLimiter } = require('./fake-limiter');
const { createMultipartCounter } = require('./multipart-counter');

/** Multipart bodies larger than this are measured as they stream in instead of being kept. */
const BIG_BODY_BYTES = 16 * 1024 * 1024;

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'omni-moderation-latest', 'dall-e-3', 'whisper-1', 'tts-1'];

function json(status, body, headers = {}) {
	return { status, body, headers };
}

function openAiError(status, message, extra = {}) {
	return json(status, { error: { message, type: extra.type ?? 'invalid_request_error', param: extra.param ?? null, code: extra.code ?? null } });
}

async function parseBody(req, raw) {
	const type = req.headers['content-type'] ?? '';
	if (raw.length === 0) return undefined;
	if (type.includes('application/json')) {
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			return raw.toString('utf8');
		}
	}
	if (type.includes('multipart/form-data')) {
		// Parse with the platform's own multipart reader; files keep their name, type and bytes.
		const form = await new Request('http://fake.local/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
		const fields = {};
		for (const [key, value] of form.entries()) {
			const entry =
				typeof value === 'string'
					? value
					: { filename: value.name, type: value.type, size: value.size, content: Buffer.from(await value.arrayBuffer()) };
			if (key in fields) fields[key] = [].concat(fields[key], entry);
			else fields[key] = entry;
		}
		return fields;
	}
	return raw.toString('utf8');
}

/** Every module in fake-routes/ adds the routes of one resource: `module.exports = (server, helpers) => {…}`. */
function defaultRoutes(server) {
	const dir = path.join(__dirname, 'fake-routes');
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
		require(path.join(dir, file))(server, { json, openAiError });
	}
}

/**
 * Starts the server. Options: { port, latencyMs, models, modelOwner, limiter } (modelOwner: the models' owned_by,
 * default 'openai' as on api.openai.com; another server names its own; limiter: the options of an OpenAI-like rate
 * limiter, see fake-limiter.js, off by default; `server.limiter` may also be set or cleared at any time).
 * Returns { url (base URL with /v1), origin, requests, on(method, path, handler), queueFault(fault),
 *           setFault(fn), reset(), close(), state }. reset() forgets requests, faults, latency, the
 *           routes tests added and the state (models) they changed.
 * A handler gets { method, path, query, headers, body, rawBody, params } and returns
 * { status, body, headers } (body: object → JSON, Buffer/string → as is), or a Promise of it.
 * A fault is { status, body, headers } answered instead of the route, or { reset: true } (the socket is
 * destroyed before any answer), optionally with `path` (string or RegExp) to match only some requests.
 */
function startFakeOpenAi(options = {}) {
	const routes = [];
	const server = {
		requests: [],
		faults: [],
		faultFn: undefined,
		latencyMs: options.latencyMs ?? 0,
		state: { models: [...(options.models ?? DEFAULT_MODELS)], modelOwner: options.modelOwner ?? 'openai' },
		resetHooks: [],
		limiter: options.limiter ? createFakeLimiter(options.limiter) : undefined,
		/** Route modules keep their state in server.state; `init` sets it up now and again at every reset(). */
		onReset(init) {
			server.resetHooks.push(init);
			init(server.state);
		},
		/** Adds a route in front of the others; routes added by a test are dropped again by reset(). */
		on(method, path, handler) {
			routes.unshift({ method: method.toUpperCase(), path, handler, builtIn: !started });
			return server;
		},
		queueFault(fault) {
			server.faults.push(fault);
			return server;
		},
		setFault(fn) {
			server.faultFn = fn;
			return server;
		},
		reset() {
			for (let i = routes.length - 1; i >= 0; i--) if (!routes[i].builtIn) routes.splice(i, 1);
			server.latencyMs = options.latencyMs ?? 0;
			server.requests.length = 0;
			server.faults.length = 0;
			server.faultFn = undefined;
			server.limiter = options.limiter ? createFakeLimiter(options.limiter) : undefined;
			server.state = { models: [...(options.models ?? DEFAULT_MODELS)], modelOwner: options.modelOwner ?? 'openai' };
			for (const init of server.resetHooks) init(server.state);
		},
	};
	let started = false;
	defaultRoutes(server);
	started = true;

	const matchFault = (req) => {
		const index = server.faults.findIndex((f) => !f.path || (f.path instanceof RegExp ? f.path.test(req.path) : f.path === req.path));
		if (index >= 0) return server.faults.splice(index, 1)[0];
		return server.faultFn?.(req);
	};

	const httpServer = http.createServer(async (incoming, res) => {
		// Bodies are kept whole, except a multipart body past BIG_BODY_BYTES: from then on it is only measured
		// (multipart-counter.js), so a 200 MB upload is never held here. rawBody of such a request is empty.
		const chunks = [];
		let received = 0;
		let counter;
		const multipart = (incoming.headers['content-type'] ?? '').includes('multipart/form-data');
		for await (const chunk of incoming) {
			received += chunk.length;
			if (counter) {
				counter.write(chunk);
				continue;
			}
			chunks.push(chunk);
			if (multipart && received > BIG_BODY_BYTES) {
				counter = createMultipartCounter(incoming.headers['content-type']);
				for (const kept of chunks.splice(0)) counter.write(kept);
			}
		}
		const rawBody = Buffer.concat(chunks);
		const url = new URL(incoming.url, 'http://127.0.0.1');
		const req = {
			method: incoming.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: incoming.headers,
			rawBody,
			body: undefined,
			params: {},
			receivedAt: Date.now(),
		};
		if (counter) req.bodySize = received;
		try {
			req.body = counter ? counter.finish() : await parseBody(incoming, rawBody);
		} catch (error) {
			req.body = { parseError: String(error) };
		}
		server.requests.push(req);
		// The rate limiter (when on) answers a request over the limit with a 429 at once, and adds its headers to every answer.
		const admission = server.limiter?.admit(req);
		if (admission) res.once('close', admission.done);
		if (server.latencyMs > 0 && !admission?.limited) await new Promise((r) => setTimeout(r, server.latencyMs).unref());

		let answer = admission?.limited ?? matchFault(req);
		if (answer?.reset) {
			incoming.socket.destroy();
			return;
		}
		if (!answer) {
			const route = routes.find((r) => {
				if (r.method !== req.method) return false;
				if (typeof r.path === 'string') return r.path === req.path;
				const m = r.path.exec(req.path);
				if (m) req.params = m.groups ?? {};
				return Boolean(m);
			});
			try {
				answer = route ? await route.handler(req) : openAiError(404, `Unknown path ${req.method} ${req.path}`);
			} catch (error) {
				answer = openAiError(500, `fake server handler failed: ${error.message}`, { type: 'server_error' });
			}
		}
		const headers = { 'x-request-id': `req_fake_${server.requests.length}`, ...(admission?.headers ?? {}), ...(answer.headers ?? {}) };
		let payload = answer.body;
		if (payload !== undefined && !Buffer.isBuffer(payload) && typeof payload !== 'string') {
			payload = JSON.stringify(payload);
			headers['content-type'] ??= 'application/json';
		}
		res.writeHead(answer.status ?? 200, headers);
		res.end(payload);
	});

	return new Promise((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(options.port ?? 0, '127.0.0.1', () => {
			const { port } = httpServer.address();
			server.origin = `http://127.0.0.1:${port}`;
			server.url = `${server.origin}/v1`;
			server.port = port;
			server.close = () =>
				new Promise((done) => {
					httpServer.closeAllConnections?.();
					httpServer.close(() => done());
				});
			resolve(server);
		});
	});
}

module.exports = { startFakeOpenAi, openAiError, json };

// `node test/support/fake-openai.js [port] [latencyMs]` runs it on its own (e2e and benchmarks).
if (require.main === module) {
	const port = Number(process.argv[2] ?? 0);
	const latencyMs = Number(process.argv[3] ?? 0);
	startFakeOpenAi({ port, latencyMs }).then((server) => {
		process.stdout.write(`${server.url}\n`);
	});
}
