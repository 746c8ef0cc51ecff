import { createToolkitFetch, type FetchLike } from '../../../nodes/OpenAiToolkit/transport/fetch';

/**
 * A streamed upload must not be held in memory by fetch itself: with any redirect mode but "error", fetch sends
 * a clone of the request whose body stream is tee'd, and the unread branch queues the whole file.
 */
describe('transport: streamed request bodies', () => {
	const recorder = () => {
		const seen: Array<RequestInit | undefined> = [];
		const baseFetch: FetchLike = async (_input, init) => {
			seen.push(init);
			return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
		};
		return { seen, fetch: createToolkitFetch({}, baseFetch) };
	};

	test('a ReadableStream body is sent with redirect "error" (no tee, no copy of the file)', async () => {
		const { seen, fetch } = recorder();
		const body = new ReadableStream({ start: (controller) => controller.close() });
		await fetch('http://127.0.0.1/v1/audio/transcriptions', { method: 'POST', body, duplex: 'half' } as RequestInit);
		expect(seen[0]).toMatchObject({ method: 'POST', redirect: 'error', duplex: 'half' });
		expect(seen[0]?.body).toBe(body);
	});

	test('other bodies are sent with redirect "manual" (redirects.ts decides); a stream gets "error" whatever the caller set', async () => {
		const { seen, fetch } = recorder();
		const json = { method: 'POST', body: '{"a":1}' };
		await fetch('http://127.0.0.1/v1/chat/completions', json);
		const form = new FormData();
		form.append('purpose', 'batch');
		await fetch('http://127.0.0.1/v1/files', { method: 'POST', body: form });
		await fetch('http://127.0.0.1/v1/models');
		const stream = new ReadableStream({ start: (controller) => controller.close() });
		await fetch('http://127.0.0.1/v1/files', { method: 'POST', body: stream, redirect: 'manual' });
		expect(seen[0]).toEqual({ ...json, redirect: 'manual' });
		expect(seen[1]?.redirect).toBe('manual');
		expect(seen[1]?.body).toBe(form);
		expect(seen[2]).toEqual({ redirect: 'manual' });
		expect(seen[3]?.redirect).toBe('error');
	});

	test("the platform's fetch does not tee a streamed body (the copy that would hold the whole file)", async () => {
		// Through the platform's fetch to a local server: the body stream is read once, by the request only
		// (a tee would make fetch read it into a second, unread branch).
		const http = await import('node:http');
		const server = http.createServer((req, res) => {
			let bytes = 0;
			req.on('data', (chunk: Buffer) => (bytes += chunk.length));
			req.on('end', () => res.end(String(bytes)));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		const chunks = Array.from({ length: 8 }, (_, i) => new Uint8Array(1024).fill(i));
		let pulls = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (pulls === chunks.length) controller.close();
				else controller.enqueue(chunks[pulls++]);
			},
		});
		const tees: unknown[] = [];
		const originalTee = ReadableStream.prototype.tee;
		ReadableStream.prototype.tee = function (this: ReadableStream) {
			tees.push(this);
			return originalTee.call(this);
		};
		try {
			const response = await createToolkitFetch()(`http://127.0.0.1:${port}/upload`, { method: 'POST', body, duplex: 'half' } as RequestInit);
			expect(await response.text()).toBe(String(8 * 1024));
		} finally {
			ReadableStream.prototype.tee = originalTee;
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		expect(tees).toEqual([]);
	});
});
