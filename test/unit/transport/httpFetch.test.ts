/**
 * The direct http/https fetch: what it sends, what the SDK gets back, and what it hands to Node's fetch instead.
 * A small raw server here lets each test answer exactly as it needs (encodings, redirects, dropped sockets).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

import { createHttpFetch } from '../../../nodes/OpenAiToolkit/transport/httpFetch';
import type { FetchLike } from '../../../nodes/OpenAiToolkit/transport/fetch';

interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	socketPort: number;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

describe('transport: direct http fetch', () => {
	let server: http.Server;
	let origin: string;
	let handler: Handler;
	let received: Received[];
	let connections: number;
	let fallback: jest.Mock;
	let fetch: FetchLike;

	beforeAll(async () => {
		server = http.createServer(async (req, res) => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method!, url: req.url!, headers: req.headers, body, socketPort: req.socket.remotePort! });
			handler(req, res, body);
		});
		server.on('connection', () => connections++);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	beforeEach(() => {
		received = [];
		connections = 0;
		handler = (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
			res.end(JSON.stringify({ ok: true }));
		};
		fallback = jest.fn(async () => new Response('from fallback', { status: 200 }));
		fetch = createHttpFetch(fallback as unknown as FetchLike);
	});

	const json = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): Handler => (_req, res) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};

	test('a JSON request goes out as given and the answer comes back as a Response', async () => {
		handler = json(201, { id: 'chatcmpl-1', choices: [] }, { 'x-request-id': 'req_42', 'x-ratelimit-remaining-requests': '99' });
		const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hej då ✓' }] });
		const response = await fetch(`${origin}/v1/chat/completions?x=1`, {
			method: 'POST',
			headers: new Headers({ authorization: 'Bearer sk-test', 'content-type': 'application/json' }),
			body,
		});

		expect(response.status).toBe(201);
		expect(response.headers.get('x-request-id')).toBe('req_42');
		expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('99');
		expect(await response.json()).toEqual({ id: 'chatcmpl-1', choices: [] });
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({ method: 'POST', url: '/v1/chat/completions?x=1', body });
		expect(received[0].headers).toMatchObject({
			authorization: 'Bearer sk-test',
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(body)),
			'accept-encoding': 'gzip, deflate, br',
		});
		expect(fallback).not.toHaveBeenCalled();
	});

	test('one connection is kept alive and reused for request after request', async () => {
		for (let i = 0; i < 5; i++) {
			const response = await fetch(`${origin}/v1/models`, { method: 'GET', headers: {} });
			await response.json();
		}
		expect(received).toHaveLength(5);
		expect(new Set(received.map((request) => request.socketPort)).size).toBe(1);
		// At most one new connection: the pool is shared, so it may be one an earlier test left open.
		expect(connections).toBeLessThanOrEqual(1);
	});

	test.each([
		['gzip', zlib.gzipSync],
		['deflate', zlib.deflateSync],
		['br', zlib.brotliCompressSync],
	])('a %s-encoded answer is decoded, JSON and binary alike', async (encoding, compress) => {
		const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
		handler = (req, res) => {
			const isJson = req.url === '/json';
			res.writeHead(200, { 'content-type': isJson ? 'application/json' : 'audio/mpeg', 'content-encoding': encoding });
			res.end(compress(isJson ? Buffer.from(JSON.stringify({ text: 'packed' })) : bytes));
		};
		expect(await (await fetch(`${origin}/json`, { method: 'GET' })).json()).toEqual({ text: 'packed' });
		expect(Buffer.from(await (await fetch(`${origin}/bin`, { method: 'GET' })).arrayBuffer())).toEqual(bytes);
	});

	test('a non-JSON answer is streamed, not read before the SDK asks for it', async () => {
		let finish!: () => void;
		handler = (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			res.write(Buffer.from('first part '));
			finish = () => res.end(Buffer.from('and the rest'));
		};
		const response = await fetch(`${origin}/v1/files/f1/content`, { method: 'GET' });
		expect(response.status).toBe(200);
		expect(response.body).not.toBeNull();
		finish();
		expect(await response.text()).toBe('first part and the rest');
	});

	test('an error answer keeps its status, headers and body', async () => {
		handler = json(429, { error: { message: 'Slow down', code: 'rate_limit_exceeded' } }, { 'retry-after-ms': '250' });
		const response = await fetch(`${origin}/v1/chat/completions`, { method: 'POST', body: '{}' });
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after-ms')).toBe('250');
		expect(await response.json()).toEqual({ error: { message: 'Slow down', code: 'rate_limit_exceeded' } });
	});

	test('204 and HEAD answers have no body', async () => {
		handler = (_req, res) => {
			res.writeHead(204);
			res.end();
		};
		const noContent = await fetch(`${origin}/v1/x`, { method: 'DELETE' });
		expect(noContent.status).toBe(204);
		expect(noContent.body).toBeNull();
		handler = (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': '12' });
			res.end();
		};
		const head = await fetch(`${origin}/v1/x`, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.body).toBeNull();
	});

	test('a redirect is handed back as it came, never followed and never sent again (redirects.ts decides)', async () => {
		handler = (_req, res) => {
			res.writeHead(307, { location: '/elsewhere' });
			res.end();
		};
		const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}', redirect: 'manual' as const };
		const response = await fetch(`${origin}/v1/moved`, init);
		expect(response.status).toBe(307);
		expect(response.headers.get('location')).toBe('/elsewhere');
		expect(fallback).not.toHaveBeenCalled();
		expect(received).toHaveLength(1);
	});

	test('under redirect mode "error" a redirect fails the way Node\'s fetch fails it', async () => {
		handler = (_req, res) => {
			res.writeHead(302, { location: '/elsewhere' });
			res.end();
		};
		await expect(fetch(`${origin}/v1/moved`, { method: 'GET', redirect: 'error' })).rejects.toMatchObject({
			name: 'TypeError',
			message: 'fetch failed',
			cause: { message: 'unexpected redirect' },
		});
		expect(fallback).not.toHaveBeenCalled();
	});

	test("streamed and multipart bodies, other schemes and other fetch options go to Node's fetch", async () => {
		const form = new FormData();
		form.append('purpose', 'fine-tune');
		const stream = new ReadableStream({
			start(controller) {
				controller.close();
			},
		});
		await fetch(`${origin}/v1/files`, { method: 'POST', body: form });
		await fetch(`${origin}/v1/files`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
		await fetch('data:text/plain,hello', { method: 'GET' });
		await fetch(`${origin}/v1/models`, { method: 'GET', cache: 'no-store' });
		expect(fallback).toHaveBeenCalledTimes(4);
		expect(received).toHaveLength(0);
	});

	test('an abort while waiting for the answer rejects with an AbortError and drops the request', async () => {
		handler = () => undefined; // never answers
		const controller = new AbortController();
		const pending = fetch(`${origin}/v1/chat/completions`, { method: 'POST', body: '{}', signal: controller.signal });
		await new Promise((resolve) => setTimeout(resolve, 50));
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

		const already = new AbortController();
		already.abort();
		await expect(fetch(`${origin}/v1/models`, { method: 'GET', signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
	});

	test('a refused connection or a dropped socket is a "fetch failed" TypeError with the cause, as from Node\'s fetch', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const closedPort = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const refused = await fetch(`http://127.0.0.1:${closedPort}/v1/models`, { method: 'GET' }).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(TypeError);
		expect(refused).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });

		handler = (req) => req.socket.destroy();
		const dropped = await fetch(`${origin}/v1/chat/completions`, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
		expect(dropped).toBeInstanceOf(TypeError);
		expect(dropped).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
	});

	test('a JSON answer cut off midway is a "fetch failed" TypeError', async () => {
		handler = (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
			res.write('{"partial": ');
			setTimeout(() => res.socket?.destroy(), 20);
		};
		const error = await fetch(`${origin}/v1/chat/completions`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TypeError);
		expect(error).toMatchObject({ message: 'fetch failed' });
	});
});
