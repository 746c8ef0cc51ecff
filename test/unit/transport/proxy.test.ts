import http from 'node:http';
import net from 'node:net';
import { toFile } from 'openai';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { runNode } from '../../support/executeContext';
import { TEST_API_KEY } from '../../support/constants';
import { buildClient } from '../../../nodes/OpenAiToolkit/transport/client';
import { fetchForEnvironment, hasProxy, readProxyEnvironment } from '../../../nodes/OpenAiToolkit/transport/proxy';
import { directFetch } from '../../../nodes/OpenAiToolkit/transport/httpFetch';

/**
 * A small forward proxy on loopback: tunnels CONNECT requests and forwards plain requests with an absolute URL
 * (the two ways a client talks to an HTTP proxy). It records each CONNECT or forwarded request and counts the
 * bytes clients sent through its tunnels (a tunnel is kept open and reused, like any keep-alive connection).
 */
async function startProxy() {
	const seen: string[] = [];
	const sent = { bytes: 0 };
	const server = http.createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		const target = new URL(String(req.url));
		const upstream = http.request(
			{ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
		seen.push(`CONNECT ${req.url}`);
		const [host, port] = String(req.url).split(':');
		if (host !== '127.0.0.1') {
			// Loopback only: anything else is refused at once.
			socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
			return;
		}
		const upstream = net.connect(Number(port), host, () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(socket);
			socket.on('data', (chunk: Buffer) => (sent.bytes += chunk.length));
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
		sent,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The requests went through the proxy: its tunnels lead only to the fake server and carried at least `bytes`. */
function expectThroughProxy(proxy: { seen: string[]; sent: { bytes: number } }, port: number, bytes = 1) {
	expect(proxy.sent.bytes).toBeGreaterThanOrEqual(bytes);
	for (const line of proxy.seen) expect(line).toBe(`CONNECT 127.0.0.1:${port}`);
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

describe('transport: proxy from the environment', () => {
	let server: FakeOpenAi;
	let proxy: Awaited<ReturnType<typeof startProxy>>;
	let savedEnv: NodeJS.ProcessEnv;
	beforeAll(async () => {
		server = await startFakeOpenAi();
		proxy = await startProxy();
	});
	afterAll(async () => {
		await proxy.close();
		await server.close();
	});
	beforeEach(() => {
		server.reset();
		proxy.seen.length = 0;
		proxy.sent.bytes = 0;
		savedEnv = { ...process.env };
		for (const name of PROXY_VARIABLES) delete process.env[name];
	});
	afterEach(() => {
		process.env = savedEnv;
	});

	test('the proxy variables are read as undici reads them: lowercase first, empty means unset', () => {
		expect(readProxyEnvironment({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', NO_PROXY: 'a,b' })).toEqual({
			httpProxy: undefined,
			httpsProxy: 'http://lower:2',
			noProxy: 'a,b',
		});
		expect(readProxyEnvironment({ HTTP_PROXY: '  ', no_proxy: '' })).toEqual({
			httpProxy: undefined,
			httpsProxy: undefined,
			noProxy: undefined,
		});
		expect(hasProxy(readProxyEnvironment({ NO_PROXY: 'localhost' }))).toBe(false);
		expect(hasProxy(readProxyEnvironment({ http_proxy: 'http://p:3128' }))).toBe(true);
	});

	test('without a proxy variable requests go straight out, through the direct fetch', () => {
		expect(fetchForEnvironment({})).toBe(directFetch);
		expect(fetchForEnvironment(readProxyEnvironment({ NO_PROXY: '*' }))).toBe(directFetch);
	});

	test('with HTTP_PROXY set, the node sends its requests through the proxy (loopback is not exempt)', async () => {
		process.env.HTTP_PROXY = proxy.url;
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'list', returnAll: true },
			credentials: { baseUrl: server.url },
		});
		expect(output.map((item) => item.json.id)).toEqual(server.state.models);
		expectThroughProxy(proxy, server.port);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('lowercase http_proxy is used for an http Base URL, https_proxy for an https one', async () => {
		process.env.http_proxy = proxy.url;
		process.env.https_proxy = 'http://127.0.0.1:9';
		await buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 }).models.list();
		expectThroughProxy(proxy, server.port);

		proxy.seen.length = 0;
		process.env.http_proxy = 'http://127.0.0.1:9';
		process.env.https_proxy = proxy.url;
		const viaHttps = buildClient({ apiKey: TEST_API_KEY, baseUrl: 'https://api.openai.invalid/v1' }, { maxRetries: 0, timeoutMs: 5000 });
		// The proxy cannot reach that host, but it was asked to: the https request went through https_proxy.
		await expect(viaHttps.models.list()).rejects.toThrow();
		expect(proxy.seen).toEqual(['CONNECT api.openai.invalid:443']);
	});

	test('NO_PROXY bypasses the proxy for the hosts it lists', async () => {
		process.env.HTTP_PROXY = proxy.url;
		process.env.NO_PROXY = 'localhost,127.0.0.1';
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 });
		await client.models.list();
		expect(server.requests).toHaveLength(1);
		expect(proxy.seen).toEqual([]);
		expect(proxy.sent.bytes).toBe(0);

		process.env.NO_PROXY = `other.example:80,127.0.0.1:${server.port + 1}`;
		await buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 }).models.list();
		expectThroughProxy(proxy, server.port);
	});

	test('a multipart upload built by the SDK arrives intact through the proxy', async () => {
		process.env.HTTP_PROXY = proxy.url;
		server.on('POST', '/v1/files', (req) => ({
			status: 200,
			body: { id: 'file-proxy', object: 'file', bytes: req.body.file.size, filename: req.body.file.filename, purpose: req.body.purpose, created_at: 1, status: 'processed' },
		}));
		const content = Buffer.from('{"messages":[{"role":"user","content":"hi"}]}\n');
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 });
		const file = await client.files.create({ file: await toFile(content, 'train.jsonl', { type: 'application/jsonl' }), purpose: 'fine-tune' });
		expect(file).toMatchObject({ id: 'file-proxy', filename: 'train.jsonl', bytes: content.length, purpose: 'fine-tune' });
		expectThroughProxy(proxy, server.port, content.length);
		const received = server.requests[0];
		expect(received.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(received.body.purpose).toBe('fine-tune');
		expect(received.body.file).toMatchObject({ filename: 'train.jsonl', type: 'application/jsonl', size: content.length });
		expect(received.body.file.content.equals(content)).toBe(true);
	});

	test('retries go through the proxy too', async () => {
		process.env.HTTP_PROXY = proxy.url;
		server.queueFault({ reset: true });
		server.queueFault({ status: 500, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'boom', type: 'server_error' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		const page = await client.models.list();
		expect(page.data.length).toBeGreaterThan(0);
		expect(server.requests).toHaveLength(3);
		// The dropped connection took its tunnel along: the retries opened new ones, through the proxy again.
		expect(proxy.seen.length).toBeGreaterThanOrEqual(1);
		expectThroughProxy(proxy, server.port);
	});

	test("undici does not become the dispatcher of Node's own fetch for the rest of the process", async () => {
		const dispatcherKey = Symbol.for('undici.globalDispatcher.1');
		process.env.HTTP_PROXY = proxy.url;
		await buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 }).models.list();
		expectThroughProxy(proxy, server.port);
		// Importing undici sets it when nothing is set yet; the transport puts that back.
		expect((globalThis as unknown as Record<symbol, unknown>)[dispatcherKey]).toBeUndefined();
	});
});
