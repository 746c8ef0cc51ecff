/**
 * A fetch over Node's http/https modules for the requests that make up almost all of a run: a JSON (or other
 * fixed) body, or none. Node's own fetch (undici) spends about 0.4 ms of CPU on each such request on top of the
 * network work — WHATWG streams, request and response objects, header lists — which at thousands of items is a
 * large share of the node's time. This one sends the request with a keep-alive agent and hands the SDK a standard
 * `Response`: a JSON answer already read (the SDK reads it whole anyway), anything else as a stream.
 *
 * Everything unusual goes to Node's fetch, which does it by the spec: streamed and multipart bodies (uploads), any
 * other URL scheme, any non-default fetch option. A redirect is never followed here: it is handed back as it came
 * (redirect mode "manual"), and transport/redirects.ts decides; under redirect mode "error" it fails as fetch does.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

import type { FetchLike } from './fetch';
import { webBodyOf } from './responseBody';

// One pool of kept-alive connections per protocol, shared by every execution (as Node's fetch shares its own).
const agents = {
	'http:': new http.Agent({ keepAlive: true }),
	'https:': new https.Agent({ keepAlive: true }),
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const INIT_KEYS_HANDLED = new Set(['method', 'headers', 'body', 'signal', 'redirect']);

type FixedBody = string | Uint8Array | undefined;

function fixedBody(body: unknown): { ok: boolean; body?: FixedBody } {
	if (body === undefined || body === null) return { ok: true, body: undefined };
	if (typeof body === 'string' || body instanceof Uint8Array) return { ok: true, body };
	return { ok: false };
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
	const plain: Record<string, string> = {};
	new Headers(headers).forEach((value, name) => {
		plain[name] = value;
	});
	return plain;
}

function responseHeaders(raw: string[]): Headers {
	const headers = new Headers();
	for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
	return headers;
}

/** The decoded body of a response, as fetch gives it (fetch asks for and undoes gzip, deflate and br). */
function decodedBody(response: http.IncomingMessage): Readable {
	const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
	const decoder =
		encoding === 'gzip' || encoding === 'x-gzip'
			? zlib.createGunzip()
			: encoding === 'deflate'
				? zlib.createInflate()
				: encoding === 'br'
					? zlib.createBrotliDecompress()
					: undefined;
	if (!decoder) return response;
	response.on('error', (error) => decoder.destroy(error));
	return response.pipe(decoder);
}

/** Reads and drops a body nobody wants; a connection lost meanwhile is nobody's error. */
function discard(response: http.IncomingMessage): void {
	response.on('error', () => undefined);
	response.resume();
}

/** The status text, when it is one a Response accepts (a server may send any bytes there). */
function statusTextOf(response: http.IncomingMessage): string {
	const text = response.statusMessage ?? '';
	return /^[\t\x20-\x7e]*$/.test(text) ? text : '';
}

async function readAll(body: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** What Node's fetch throws for a request that could not be made: the SDK reports it as a connection error. */
function connectionError(error: Error): Error {
	if (error.name === 'AbortError') return error;
	return new TypeError('fetch failed', { cause: error });
}

function send(url: URL, init: RequestInit, body: FixedBody): Promise<http.IncomingMessage> {
	const headers = plainHeaders(init.headers);
	headers['accept-encoding'] ??= 'gzip, deflate, br';
	if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
	const transport = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = transport.request(url, {
			method: init.method ?? 'GET',
			headers,
			agent: agents[url.protocol as 'http:' | 'https:'],
			signal: init.signal ?? undefined,
		});
		request.on('response', resolve);
		request.on('error', (error) => reject(connectionError(error)));
		request.end(body);
	});
}

function parseUrl(input: string): URL | undefined {
	try {
		return new URL(input);
	} catch {
		return undefined;
	}
}

export function createHttpFetch(fallback: FetchLike): FetchLike {
	return async (input, init = {}) => {
		const url = typeof input === 'string' ? parseUrl(input) : input instanceof URL ? input : undefined;
		const body = fixedBody(init.body);
		const simple =
			url !== undefined &&
			(url.protocol === 'http:' || url.protocol === 'https:') &&
			body.ok &&
			init.redirect !== 'follow' &&
			Object.keys(init).every((key) => INIT_KEYS_HANDLED.has(key));
		if (!simple) return await fallback(input, init);

		const response = await send(url, init, body.body);
		const status = response.statusCode ?? 0;
		if (init.redirect === 'error' && REDIRECT_STATUSES.has(status) && response.headers.location) {
			discard(response);
			throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
		}
		const headers = responseHeaders(response.rawHeaders);
		const responseInit = { status, statusText: statusTextOf(response), headers };
		if (init.method === 'HEAD' || status === 204 || status === 304) {
			discard(response);
			return new Response(null, responseInit);
		}
		const decoded = decodedBody(response);
		if (/\bjson\b/i.test(headers.get('content-type') ?? '')) {
			let bytes: Buffer;
			try {
				bytes = await readAll(decoded);
			} catch (error) {
				throw connectionError(error as Error);
			}
			// A view, not a copy: a JSON answer can be tens of megabytes (embeddings).
			return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), responseInit);
		}
		return new Response(webBodyOf(decoded), responseInit);
	};
}

/** Without a proxy: this fetch, with Node's own fetch (looked up at call time) for what it hands on. */
export const directFetch: FetchLike = createHttpFetch((input, init) => globalThis.fetch(input, init));
