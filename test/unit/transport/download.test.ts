import http from 'node:http';
import net from 'node:net';
import { APIUserAbortError } from 'openai';

import { download, DownloadError, MAX_DOWNLOAD_BYTES } from '../../../nodes/OpenAiToolkit/transport/download';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A file server on loopback that records every request's headers; each test sets what it answers. */
async function startServer() {
	const seen: http.IncomingHttpHeaders[] = [];
	let handler: Handler = (_req, res) => res.end('ok');
	const server = http.createServer((req, res) => {
		seen.push(req.headers);
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		seen,
		answer: (next: Handler) => (handler = next),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A forward proxy that only tunnels (CONNECT), to loopback, and records what it was asked for. */
async function startProxy() {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		res.writeHead(502).end();
	});
	server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
		seen.push(`CONNECT ${req.url}`);
		const [host, port] = String(req.url).split(':');
		const upstream = net.connect(Number(port), host, () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(socket);
			socket.pipe(upstream);
		});
		upstream.on('error', () => socket.destroy());
		socket.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const NO_PROXY = { httpProxy: undefined, httpsProxy: undefined, noProxy: undefined };
const failureOf = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (error: unknown) => error)) as Error;

describe('transport/download', () => {
	let server: Awaited<ReturnType<typeof startServer>>;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.seen.length = 0;
	});

	test('a plain GET: the bytes and the content type, and no credential or OpenAI header on the way', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
		server.answer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
		const result = await download(`${server.url}/img-1.png?sig=abc`, { timeoutMs: 5000, environment: NO_PROXY });
		expect(result).toEqual({ buffer: png, contentType: 'image/png' });
		expect(server.seen).toHaveLength(1);
		const headers = server.seen[0];
		expect(headers.authorization).toBeUndefined();
		expect(Object.keys(headers).filter((name) => name.startsWith('openai-') || name.startsWith('x-stainless'))).toEqual([]);
	});

	test.each([
		['file:///etc/passwd', 'only http and https URLs are downloaded, not file'],
		['data:image/png;base64,iVBORw0KGgo=', 'only http and https URLs are downloaded, not data'],
		['ftp://127.0.0.1/a.png', 'only http and https URLs are downloaded, not ftp'],
		['not a url', 'the URL is not valid'],
	])('%s is refused without a request', async (url, message) => {
		const error = await failureOf(download(url, { timeoutMs: 5000, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(DownloadError);
		expect(error.message).toBe(message);
		expect(server.seen).toHaveLength(0);
	});

	test('an HTTP error is a DownloadError with its status', async () => {
		server.answer((_req, res) => res.writeHead(403, { 'content-type': 'text/plain' }).end('AuthenticationFailed'));
		const error = await failureOf(download(`${server.url}/expired.png`, { timeoutMs: 5000, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(DownloadError);
		expect(error).toMatchObject({ message: 'HTTP 403', status: 403 });
	});

	test('the cap is 64 MB; an answer that declares more is dropped at once, without reading it', async () => {
		expect(MAX_DOWNLOAD_BYTES).toBe(64 * 1024 * 1024);
		let written = 0;
		server.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(100 * 1024 * 1024) });
			res.write(Buffer.alloc(1024));
			written += 1024;
			// The rest never comes: the download must not wait for it.
		});
		const started = Date.now();
		const error = await failureOf(download(`${server.url}/huge.png`, { timeoutMs: 10_000, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(DownloadError);
		expect(error.message).toBe('the file is larger than the download limit of 64 MB');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(written).toBe(1024);
	});

	test('an answer without a length that grows past the cap is aborted while reading', async () => {
		let sent = 0;
		let closed = false;
		server.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			const timer = setInterval(() => {
				res.write(Buffer.alloc(16 * 1024, 1));
				sent += 16 * 1024;
			}, 2);
			res.on('close', () => {
				closed = true;
				clearInterval(timer);
			});
		});
		const error = await failureOf(download(`${server.url}/endless`, { timeoutMs: 10_000, maxBytes: 100 * 1024, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(DownloadError);
		expect(error.message).toBe('the file is larger than the download limit of 0.1 MB');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(closed).toBe(true);
		expect(sent).toBeLessThan(10 * 1024 * 1024);
	});

	test('a cancelled execution aborts the download at once, with the abort error every wait ends with', async () => {
		server.answer(() => undefined); // never answers
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const started = Date.now();
		const error = await failureOf(download(`${server.url}/slow.png`, { timeoutMs: 10_000, signal: controller.signal, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(APIUserAbortError);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	test('a cancel during the body aborts it too', async () => {
		server.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'image/png' });
			res.write(Buffer.alloc(10));
		});
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const error = await failureOf(download(`${server.url}/half.png`, { timeoutMs: 10_000, signal: controller.signal, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(APIUserAbortError);
	});

	test('the request timeout ends a download that does not complete', async () => {
		server.answer(() => undefined);
		const error = await failureOf(download(`${server.url}/never.png`, { timeoutMs: 200, environment: NO_PROXY }));
		expect(error).toBeInstanceOf(DownloadError);
		expect(error.message).toBe('no complete answer within 0.2 s');
	});

	test('with a proxy variable set, the download goes through the proxy', async () => {
		const proxy = await startProxy();
		try {
			server.answer((_req, res) => res.writeHead(200, { 'content-type': 'image/webp' }).end('RIFF'));
			const result = await download(`${server.url}/via-proxy.webp`, {
				timeoutMs: 5000,
				environment: { httpProxy: proxy.url, httpsProxy: undefined, noProxy: undefined },
			});
			expect(result.buffer.toString()).toBe('RIFF');
			expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${server.port}`]);
			expect(server.seen[0].authorization).toBeUndefined();
		} finally {
			await proxy.close();
		}
	});
});
