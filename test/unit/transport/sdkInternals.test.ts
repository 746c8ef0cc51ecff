/*
 * The parts of the openai SDK that our code relies on beyond its documented API: methods ToolkitClient overrides,
 * fields it reads or writes, behaviour our own retry and upload code is built around, and the error classes' shape.
 * openai is pinned to a minor range (package.json); before widening it, run this file against the new version.
 * Each test is named after one internal and, when it fails, says what we expect and which of our files depend on it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import OpenAI, {
	APIConnectionError,
	APIConnectionTimeoutError,
	APIError,
	APIUserAbortError,
	RateLimitError,
	toFile,
	toStreamingFile,
} from 'openai';
import type { RequestOptions } from 'openai/internal/request-options';

import { TEST_API_KEY } from '../../support/constants';
import { buildClient, ToolkitClient } from '../../../nodes/OpenAiToolkit/transport/client';
import { BASE_URL, failure, fakeFetch, json, ObservedClient, ROOT, SDK_DIR, SDK_VERSION, sdkClient, sdkInternal } from './sdkInternals.support';

describe('openai SDK internals our code relies on', () => {
	test('the installed openai is in the pinned minor range', () => {
		const range = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
			.dependencies.openai;
		const pinned = /^~(\d+)\.(\d+)\.\d+$/.exec(range);
		expect(pinned).not.toBeNull();
		const [major, minor] = SDK_VERSION.split('.');
		if (major !== pinned![1] || minor !== pinned![2]) {
			throw new Error(`package.json pins openai to ${range} but ${SDK_VERSION} is installed: run npm install, then this file`);
		}
	});

	sdkInternal(
		'module paths imported from openai/*',
		'every deep import in nodes/ resolves: type-only ones to a declaration file, value imports at runtime',
		['every nodes/ file importing from openai/…'],
		() => {
			const sources: string[] = [];
			const walk = (dir: string) => {
				for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
					const full = path.join(dir, entry.name);
					if (entry.isDirectory()) walk(full);
					else if (entry.name.endsWith('.ts')) sources.push(full);
				}
			};
			walk(path.join(ROOT, 'nodes'));
			const missing: string[] = [];
			const importPattern = /import\s+(type\s+)?[^;]*?from\s+'openai\/([^']+)'/g;
			for (const file of sources) {
				for (const match of fs.readFileSync(file, 'utf8').matchAll(importPattern)) {
					const [, typeOnly, subpath] = match;
					const found = typeOnly
						? fs.existsSync(path.join(SDK_DIR, `${subpath}.d.ts`)) || fs.existsSync(path.join(SDK_DIR, subpath, 'index.d.ts'))
						: (() => {
								try {
									require.resolve(`openai/${subpath}`);
									return true;
								} catch {
									return false;
								}
							})();
					if (!found) missing.push(`openai/${subpath} (${path.relative(ROOT, file)})`);
				}
			}
			expect(missing).toEqual([]);
		},
	);

	sdkInternal(
		'OpenAI.prototype.prepareOptions',
		'a protected async method called with the mutable FinalRequestOptions before every attempt, the first and each retry; a signal set on it is the one the attempt uses',
		['transport/client.ts (ToolkitClient.prepareOptions: cancel signal, rate limiter wait)'],
		async () => {
			expect(typeof (OpenAI.prototype as unknown as Record<string, unknown>).prepareOptions).toBe('function');
			const { fetch, calls } = fakeFetch([failure(500)]);
			const client = new ObservedClient({ apiKey: TEST_API_KEY, baseURL: BASE_URL, logLevel: 'off', fetch, maxRetries: 1 });
			client.signalToSet = new AbortController().signal;
			await client.models.list();
			expect(calls).toHaveLength(2);
			expect(client.prepared).toHaveLength(2);
			expect(client.prepared[0]).toMatchObject({ method: 'get', path: '/models' });
			expect(client.fetched.map(({ init }) => init?.signal)).toEqual([client.signalToSet, client.signalToSet]);
		},
	);

	sdkInternal(
		'OpenAI.prototype.fetchWithTimeout',
		'fetchWithTimeout(url, init, ms, controller) is called once per attempt with the request\'s own signal object in init.signal and the timeout in ms; what it resolves to is the response',
		['transport/client.ts (ToolkitClient.fetchWithTimeout: one signal per attempt)'],
		async () => {
			expect(OpenAI.prototype.fetchWithTimeout.length).toBe(4);
			const { fetch } = fakeFetch();
			const client = new ObservedClient({ apiKey: TEST_API_KEY, baseURL: BASE_URL, logLevel: 'off', fetch, timeout: 4321 });
			const signal = new AbortController().signal;
			await client.models.list({ signal });
			expect(client.fetched).toHaveLength(1);
			expect(client.fetched[0].init?.signal).toBe(signal);
			expect(client.fetched[0].ms).toBe(4321);
		},
	);

	sdkInternal(
		'client._options.defaultHeaders',
		'_options holds the constructor options (OPENAI_CUSTOM_HEADERS merged into defaultHeaders) and its defaultHeaders are read on every request, so replacing them after construction drops the environment\'s headers',
		['transport/client.ts (ToolkitClient constructor)'],
		async () => {
			const saved = process.env.OPENAI_CUSTOM_HEADERS;
			process.env.OPENAI_CUSTOM_HEADERS = 'X-From-Env: yes';
			try {
				const plain = fakeFetch();
				const sdk = sdkClient(plain.fetch);
				expect((sdk as unknown as { _options: { defaultHeaders?: unknown } })._options.defaultHeaders).toBeDefined();
				await sdk.models.list();
				expect(new Headers(plain.calls[0].init.headers).get('x-from-env')).toBe('yes');

				const ours = fakeFetch();
				await buildClient({ apiKey: TEST_API_KEY, baseUrl: BASE_URL }, { maxRetries: 0, timeoutMs: 5000, baseFetch: ours.fetch }).models.list();
				expect(new Headers(ours.calls[0].init.headers).get('x-from-env')).toBeNull();
			} finally {
				if (saved === undefined) delete process.env.OPENAI_CUSTOM_HEADERS;
				else process.env.OPENAI_CUSTOM_HEADERS = saved;
			}
		},
	);

	sdkInternal(
		'client.baseURL, client.maxRetries, client.timeout',
		'public instance fields holding the constructor\'s baseURL (as given), maxRetries and timeout (ms)',
		['transport/client.ts (toolkitBaseUrl)', 'transport/uploadRetry.ts, batch/create, file/upload, audio/transcription (maxRetries)', 'transport/download.ts via image/output.ts (timeout)'],
		() => {
			const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: `${BASE_URL}/` }, { maxRetries: 3, timeoutMs: 7000 });
			expect(client).toBeInstanceOf(ToolkitClient);
			expect(client.baseURL).toBe(BASE_URL);
			expect(client.toolkitBaseUrl).toBe(BASE_URL);
			expect(client.maxRetries).toBe(3);
			expect(client.timeout).toBe(7000);
		},
	);

	sdkInternal(
		'retry policy (shouldRetry, retry-after-ms)',
		'408, 409, 429 and 5xx are retried unless the answer says x-should-retry: false; other 4xx are not; the wait is the answer\'s retry-after-ms',
		['transport/fetch.ts (isRetriedStatus, marking answers final)', 'transport/uploadRetry.ts (retryable statuses)'],
		async () => {
			for (const status of [408, 409, 429, 500, 503]) {
				const { fetch, calls } = fakeFetch([failure(status)]);
				await sdkClient(fetch, { maxRetries: 1 }).models.list();
				expect([status, calls.length]).toEqual([status, 2]);
			}
			for (const status of [400, 404, 422]) {
				const { fetch, calls } = fakeFetch([failure(status)]);
				await expect(sdkClient(fetch, { maxRetries: 1 }).models.list()).rejects.toBeInstanceOf(APIError);
				expect([status, calls.length]).toEqual([status, 1]);
			}
			const final = json(500, { error: { message: 'final' } }, { 'x-should-retry': 'false' });
			const { fetch, calls } = fakeFetch([final]);
			await expect(sdkClient(fetch, { maxRetries: 2 }).models.list()).rejects.toMatchObject({ status: 500 });
			expect(calls).toHaveLength(1);
		},
	);

	sdkInternal(
		'toStreamingFile and streamed bodies',
		'toStreamingFile(asyncIterable, name, { type }) is exported; a request with it streams a multipart body read only when sent, and the SDK never retries such a request',
		['helpers/uploads.ts, transport/uploadRetry.ts (sendWithUploads retries them itself)', 'file/upload, image, audio, batch operations'],
		async () => {
			expect(typeof toStreamingFile).toBe('function');
			let reads = 0;
			async function* content() {
				reads++;
				yield Buffer.from('{"a":1}\n');
			}
			const file = toStreamingFile({ [Symbol.asyncIterator]: content }, 'lines.jsonl', { type: 'application/jsonl' });
			const { fetch, calls } = fakeFetch([failure(500)]);
			const request = sdkClient(fetch, { maxRetries: 2 }).files.create({ file, purpose: 'batch' });
			await expect(request).rejects.toMatchObject({ status: 500 });
			expect(calls).toHaveLength(1);
			const body = calls[0].init.body as ReadableStream<Uint8Array>;
			expect(typeof body.getReader).toBe('function');
			expect(new Headers(calls[0].init.headers).get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
			const sent = Buffer.from(await new Response(body).arrayBuffer()).toString();
			expect(sent).toContain('filename="lines.jsonl"');
			expect(sent).toContain('Content-Type: application/jsonl');
			expect(reads).toBe(1);
		},
	);

	sdkInternal(
		'RequestOptions.fetchOptions',
		'per-request fetchOptions reach the fetch call unchanged (redirect: "error" for streamed uploads)',
		['transport/uploadRetry.ts (STREAMED_UPLOAD_REQUEST_OPTIONS)'],
		async () => {
			const options: RequestOptions = { fetchOptions: { redirect: 'error' } };
			const { fetch, calls } = fakeFetch();
			await sdkClient(fetch).models.list(options);
			expect(calls[0].init.redirect).toBe('error');
		},
	);

	sdkInternal(
		'fetch.Response (FormData probe)',
		'before a multipart request the SDK checks FormData support with the fetch\'s own Response property, without calling the fetch',
		['transport/fetch.ts (createToolkitFetch sets Response)', 'image/inputs.ts (toFile uploads)'],
		async () => {
			const { fetch, calls } = fakeFetch([json(200, { id: 'file-1', object: 'file' })]);
			const file = await toFile(Buffer.from('{}\n'), 'one.jsonl', { type: 'application/jsonl' });
			await sdkClient(fetch).files.create({ file, purpose: 'batch' });
			expect(calls.map((call) => call.url)).toEqual([`${BASE_URL}/files`]);
			expect(calls[0].init.body).toBeInstanceOf(FormData);
		},
	);

	sdkInternal(
		'a signal aborted before sending',
		'a request whose signal is already aborted is not sent and rejects with APIUserAbortError',
		['transport/abort.ts (untilAborted)', 'transport/client.ts'],
		async () => {
			const { fetch, calls } = fakeFetch();
			const controller = new AbortController();
			controller.abort();
			await expect(sdkClient(fetch).models.list({ signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
			expect(calls).toHaveLength(0);
		},
	);

	sdkInternal(
		'connection errors and timeouts',
		'a fetch that throws gives APIConnectionError (cause kept); one that throws an Error named AbortError gives APIConnectionTimeoutError; neither has a status',
		['transport/realm.ts (asError)', 'transport/uploadRetry.ts (isRetryable)', 'helpers/errors.ts (toNodeError)'],
		async () => {
			const refused = Object.assign(async () => Promise.reject(new TypeError('fetch failed')), { Response });
			const connection = sdkClient(refused, { maxRetries: 0 }).models.list();
			await expect(connection).rejects.toBeInstanceOf(APIConnectionError);
			await expect(connection).rejects.toMatchObject({ status: undefined, cause: expect.any(TypeError) });
			const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
			const timedOut = Object.assign(async () => Promise.reject(abort), { Response });
			const timeout = sdkClient(timedOut, { maxRetries: 0 }).models.list();
			await expect(timeout).rejects.toBeInstanceOf(APIConnectionTimeoutError);
		},
	);

	sdkInternal(
		'APIError fields',
		'an HTTP error is an APIError subclass (RateLimitError for 429) with status, headers (a Headers), error (the body\'s error object), code, param, type and requestID (from x-request-id)',
		['helpers/errors.ts (toNodeError, scrubNodeError)', 'transport/uploadRetry.ts', 'embedding/create.operation.ts'],
		async () => {
			const body = { error: { message: 'slow down', type: 'requests', param: 'model', code: 'rate_limit_exceeded' } };
			const { fetch } = fakeFetch([json(429, body, { 'x-request-id': 'req_123' })]);
			const error = (await sdkClient(fetch, { maxRetries: 0 }).models.list().catch((e: unknown) => e)) as APIError;
			expect(error).toBeInstanceOf(RateLimitError);
			expect(error).toBeInstanceOf(APIError);
			expect(error.status).toBe(429);
			expect(error.headers).toBeInstanceOf(Headers);
			expect(error.headers?.get('x-request-id')).toBe('req_123');
			expect(error).toMatchObject({ error: body.error, code: 'rate_limit_exceeded', param: 'model', type: 'requests', requestID: 'req_123' });
		},
	);

	sdkInternal(
		'error constructors',
		'new APIError(status, error, message, headers) reads code/param/type from error and requestID from headers; new APIUserAbortError({ message }) keeps the message and is an APIError without status',
		['actions/batch/results.ts (lineError)', 'transport/abort.ts (abortError)'],
		() => {
			const headers = new Headers({ 'x-request-id': 'req_9' });
			const error = new APIError(400, { message: 'bad', code: 'c', param: 'p', type: 't' }, 'bad', headers);
			expect(error).toMatchObject({ status: 400, code: 'c', param: 'p', type: 't', requestID: 'req_9', headers });
			const aborted = new APIUserAbortError({ message: 'stopped' });
			expect(aborted).toBeInstanceOf(APIError);
			expect(aborted.message).toBe('stopped');
			expect(aborted.status).toBeUndefined();
		},
	);

	sdkInternal(
		'client.request(…).asResponse() and client.post',
		'request({ method, path, query, body, headers }) sends to baseURL + path and asResponse() gives the raw Response; post(path, { body }) sends JSON',
		['customApiCall/makeRequest.operation.ts', 'edit/create.operation.ts'],
		async () => {
			const { fetch, calls } = fakeFetch([json(200, { ok: true }), json(200, { id: 'edit' })]);
			const client = sdkClient(fetch);
			const response = await client
				.request({ method: 'get', path: '/models', query: { limit: 5 }, headers: { 'X-Extra': '1' } })
				.asResponse();
			expect(response).toBeInstanceOf(Response);
			expect(await response.json()).toEqual({ ok: true });
			expect(calls[0].url).toBe(`${BASE_URL}/models?limit=5`);
			expect(new Headers(calls[0].init.headers).get('x-extra')).toBe('1');
			await client.post('/edits', { body: { input: 'x' } });
			expect(calls[1]).toMatchObject({ url: `${BASE_URL}/edits`, init: { method: 'POST', body: '{"input":"x"}' } });
		},
	);
});
