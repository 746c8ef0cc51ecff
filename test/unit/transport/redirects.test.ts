import * as http from 'node:http';

import { buildClient } from '../../../nodes/OpenAiToolkit/transport/client';
import { MAX_REDIRECTS } from '../../../nodes/OpenAiToolkit/transport/redirects';
import { TEST_API_KEY } from '../../support/constants';

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A local server that records every request and answers with `handler`. */
async function recordingServer(handler: (req: Seen, res: http.ServerResponse) => void) {
	const seen: Seen[] = [];
	const server = http.createServer(async (req, res) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
		seen.push(entry);
		handler(entry, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		seen,
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
};

describe('transport: redirects', () => {
	let elsewhere: Awaited<ReturnType<typeof recordingServer>>;
	let api: Awaited<ReturnType<typeof recordingServer>>;
	let answer: (req: Seen, res: http.ServerResponse) => void;

	beforeAll(async () => {
		elsewhere = await recordingServer((_req, res) => json(res, 200, { id: 'stolen', object: 'model' }));
		api = await recordingServer((req, res) => answer(req, res));
	});
	afterAll(async () => {
		await elsewhere.close();
		await api.close();
	});
	beforeEach(() => {
		elsewhere.seen.length = 0;
		api.seen.length = 0;
	});

	const client = () =>
		buildClient(
			{ apiKey: TEST_API_KEY, baseUrl: `${api.origin}/v1`, organizationId: 'org-secret', projectId: 'proj-secret' },
			{ maxRetries: 2, timeoutMs: 5000 },
		);

	test.each([301, 302, 303, 307, 308])(
		'a POST answered %i towards another origin: one request, nothing sent there, the item names status and origin',
		async (status) => {
			answer = (_req, res) => {
				res.writeHead(status, { location: `${elsewhere.origin}/v1/chat/completions` });
				res.end();
			};
			const sent = client().chat.completions.create(
				{ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
				{ headers: { 'api-key': 'user-own-secret' } },
			);
			await expect(sent).rejects.toMatchObject({
				status,
				message: expect.stringContaining(`redirect to another origin (${elsewhere.origin})`),
			});
			expect(api.seen).toHaveLength(1);
			expect(elsewhere.seen).toHaveLength(0);
		},
	);

	test('a GET redirected to another origin is not followed either, and not retried', async () => {
		answer = (_req, res) => {
			res.writeHead(302, { location: `${elsewhere.origin}/v1/models` });
			res.end();
		};
		await expect(client().models.list()).rejects.toMatchObject({ status: 302 });
		expect(api.seen).toHaveLength(1);
		expect(elsewhere.seen).toHaveLength(0);
	});

	test('a same-origin redirect of a GET is followed, with the same headers, once per hop', async () => {
		answer = (req, res) => {
			if (req.url === '/v1/models/gpt-4o') {
				res.writeHead(301, { location: '/v1/moved/gpt-4o' });
				res.end();
			} else json(res, 200, { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' });
		};
		const model = await client().models.retrieve('gpt-4o');
		expect(model.id).toBe('gpt-4o');
		expect(api.seen.map((req) => req.url)).toEqual(['/v1/models/gpt-4o', '/v1/moved/gpt-4o']);
		expect(api.seen[1].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('a same-origin redirect of a POST is not followed: the answered request is never sent again', async () => {
		answer = (_req, res) => {
			res.writeHead(307, { location: '/v1/other' });
			res.end();
		};
		await expect(
			client().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
		).rejects.toMatchObject({ status: 307, message: expect.stringContaining('does not send a request again') });
		expect(api.seen).toHaveLength(1);
	});

	test(`more than ${MAX_REDIRECTS} same-origin hops stop`, async () => {
		answer = (req, res) => {
			res.writeHead(302, { location: `${req.url}x` });
			res.end();
		};
		await expect(client().models.list()).rejects.toMatchObject({ status: 302, message: expect.stringContaining('more than 5') });
		expect(api.seen).toHaveLength(MAX_REDIRECTS + 1);
	});

	test('a multipart upload (through Node\'s fetch) redirected elsewhere: one request, nothing sent there', async () => {
		answer = (_req, res) => {
			res.writeHead(308, { location: `${elsewhere.origin}/v1/files` });
			res.end();
		};
		const file = new File([Buffer.from('{"a":1}\n')], 'data.jsonl', { type: 'application/jsonl' });
		await expect(client().files.create({ file, purpose: 'batch' })).rejects.toMatchObject({ status: 308 });
		expect(api.seen).toHaveLength(1);
		expect(elsewhere.seen).toHaveLength(0);
	});
});
