import { APIError, APIUserAbortError } from 'openai';
import type { RequestOptions } from 'openai/internal/request-options';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { binaryFrom, createExecuteContext } from '../../support/executeContext';
import { TEST_API_KEY } from '../../support/constants';
import { buildClient } from '../../../nodes/OpenAiToolkit/transport/client';
import { DEFAULT_MAX_WAIT_MS, WaitTooLongError } from '../../../nodes/OpenAiToolkit/transport/retryAfter';
import { getBinaryUpload, uploadFromMemory } from '../../../nodes/OpenAiToolkit/helpers/uploads';
import { toNodeError } from '../../../nodes/OpenAiToolkit/helpers/errors';
import {
	allowedUploadWaitMs,
	sendUpload,
	sendWithUploads,
	STREAMED_UPLOAD_REQUEST_OPTIONS,
} from '../../../nodes/OpenAiToolkit/transport/uploadRetry';
import { storedBinaryContext } from '../helpers/uploads.support';

/** An answer as the SDK reports it, for a `send` that fails without a server. */
function apiError(status: number, headers: Record<string, string>): APIError {
	return APIError.generate(status, { error: { message: 'Rate limit reached' } }, undefined, new Headers(headers));
}

describe('transport/uploadRetry', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		server.on('POST', '/v1/audio/transcriptions', () => ({ status: 200, body: { text: 'ok' } }));
	});
	const upload = uploadFromMemory(Buffer.from('abc'), 'a.txt', 'text/plain');

	test('a streamed upload that meets a 429 and a 503 is sent again with the file opened anew', async () => {
		const content = Buffer.from('0123456789abcdefghij');
		const { context, opened } = storedBinaryContext({ data: { content, fileName: 'talk.mp3', mimeType: 'audio/mpeg' } });
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
		server.queueFault({ status: 503, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'busy', type: 'server_error' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		const result = await sendWithUploads(
			{ client },
			async () => await getBinaryUpload(context, 0, 'data'),
			(stored, requestOptions) => client.audio.transcriptions.create({ file: stored.file, model: 'whisper-1' }, requestOptions),
		);
		expect(result).toEqual({ text: 'ok' });
		expect(server.requests).toHaveLength(3);
		expect(opened).toHaveLength(3);
		expect(server.requests[2].body.file).toEqual({ filename: 'talk.mp3', type: 'audio/mpeg', size: 20, content });
	});

	test('content held in memory (a JSONL the node built) is sent again in full after a 500', async () => {
		const content = Buffer.from(Array.from({ length: 3000 }, (_, i) => `{"custom_id":"${i}"}`).join('\n'));
		server.queueFault({ status: 500, body: { error: { message: 'The server had an error', type: 'server_error' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		const jsonl = uploadFromMemory(content, 'batch.jsonl', 'application/jsonl');
		const created = await sendUpload({ client }, jsonl, (file, requestOptions) => client.files.create({ file, purpose: 'batch' }, requestOptions));
		expect(created).toMatchObject({ object: 'file', filename: 'batch.jsonl', purpose: 'batch' });
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].body.file).toEqual({ filename: 'batch.jsonl', type: 'application/jsonl', size: content.length, content });
	});

	test('not retried past Max Retries, nor on insufficient_quota or a 400', async () => {
		const { context } = storedBinaryContext({ data: { content: Buffer.from('abcdefgh'), fileName: 'a.wav', mimeType: 'audio/wav' } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 1, timeoutMs: 5000 });
		const send = () =>
			sendUpload({ client }, { file: undefined as never, toUploadable: async () => (await getBinaryUpload(context, 0, 'data')).file }, async (_file, requestOptions) =>
				client.audio.transcriptions.create({ file: (await getBinaryUpload(context, 0, 'data')).file, model: 'whisper-1' }, requestOptions),
			);

		server.queueFault({ status: 500, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'boom 1' } } });
		server.queueFault({ status: 500, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'boom 2' } } });
		await expect(send()).rejects.toThrow('boom 2');
		expect(server.requests).toHaveLength(2);

		server.reset();
		server.on('POST', '/v1/audio/transcriptions', () => ({ status: 200, body: { text: 'ok' } }));
		server.queueFault({ status: 429, body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } });
		await expect(send()).rejects.toThrow('You exceeded your current quota');
		expect(server.requests).toHaveLength(1);

		server.reset();
		server.queueFault({ status: 400, body: { error: { message: 'Invalid file format.' } } });
		await expect(send()).rejects.toThrow('Invalid file format.');
		expect(server.requests).toHaveLength(1);
	});

	test('every attempt is sent with redirects refused (fetch would otherwise keep a copy of every chunk)', async () => {
		expect(STREAMED_UPLOAD_REQUEST_OPTIONS).toEqual({ fetchOptions: { redirect: 'error' } });
		const seen: RequestOptions[] = [];
		const inMemory = createExecuteContext({ parameters: {}, items: [{ json: {}, binary: { data: binaryFrom('abc', 'a.txt', 'text/plain') } }] });
		await sendUpload({ client: { maxRetries: 0 } }, await getBinaryUpload(inMemory.context, 0, 'data'), async (_file, options) => seen.push(options));
		expect(seen).toEqual([STREAMED_UPLOAD_REQUEST_OPTIONS]);

		server.on('POST', '/v1/files', () => ({ status: 307, headers: { location: `${server.url}/elsewhere` } }));
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 });
		const stored = storedBinaryContext({ data: { content: Buffer.from('abc'), fileName: 'a.txt', mimeType: 'text/plain' } });
		await expect(
			sendUpload({ client }, await getBinaryUpload(stored.context, 0, 'data'), (file, options) => client.files.create({ file, purpose: 'user_data' }, options)),
		).rejects.toThrow();
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/files']);
	});

	test('the allowed wait: Max Wait (default 60 s), never longer than the request timeout', () => {
		expect(allowedUploadWaitMs({ client: { maxRetries: 2 } })).toBe(DEFAULT_MAX_WAIT_MS);
		expect(allowedUploadWaitMs({ client: { maxRetries: 2, timeout: 5000 } })).toBe(5000);
		expect(allowedUploadWaitMs({ client: { maxRetries: 2, timeout: 600_000 }, maxWaitMs: 120_000 })).toBe(120_000);
	});

	test.each([
		['retry-after 3600 s, default Max Wait', { 'retry-after': '3600' }, {}, 3_600_000, DEFAULT_MAX_WAIT_MS],
		['retry-after as a date 2 h ahead', { 'retry-after': new Date(Date.now() + 7_200_000).toUTCString() }, {}, 7_200_000, DEFAULT_MAX_WAIT_MS],
		['retry-after-ms 10 s against a 5 s timeout', { 'retry-after-ms': '10000' }, { timeout: 5000 }, 10_000, 5000],
		['retry-after 2 s with Max Wait 1 s', { 'retry-after': '2' }, { maxWaitMs: 1000 }, 2000, 1000],
	])('a wait that does not fit fails at once with WaitTooLongError (%s)', async (_name, headers, limits, askedMs, allowedMs) => {
		let attempts = 0;
		const started = Date.now();
		const { maxWaitMs, timeout } = limits as { maxWaitMs?: number; timeout?: number };
		const error = await sendUpload({ client: { maxRetries: 3, timeout }, maxWaitMs }, upload, async () => {
			attempts++;
			throw apiError(429, headers);
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(WaitTooLongError);
		expect(attempts).toBe(1);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(Math.abs((error as WaitTooLongError).waitMs - askedMs)).toBeLessThan(5000);
		const allowedSeconds = Math.floor(allowedMs / 1000);
		expect((error as Error).message).toMatch(new RegExp(`^OpenAI asked to wait \\d+ s, longer than this item may wait \\(${allowedSeconds} s\\)\\.`));
		// The error the item ends with names the wait, and what OpenAI said (the SDK's message) as the reason.
		const nodeError = toNodeError({ name: 'OpenAI Toolkit' } as never, error, 0, [TEST_API_KEY]);
		expect(nodeError.message).toBe((error as Error).message);
		expect(nodeError.description).toBe('429 Rate limit reached');
	});

	test('a wait that fits is waited, then the upload is sent again', async () => {
		let attempts = 0;
		const started = Date.now();
		const result = await sendUpload({ client: { maxRetries: 2 }, maxWaitMs: 120_000 }, upload, async () => {
			attempts++;
			if (attempts === 1) throw apiError(503, { 'retry-after-ms': '150' });
			return 'sent';
		});
		expect(result).toBe('sent');
		expect(attempts).toBe(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('through the client: a long retry-after on an upload fails the item with the wait named, one request sent', async () => {
		server.queueFault({ status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		const started = Date.now();
		const error = await sendUpload({ client }, uploadFromMemory(Buffer.from('RIFF'), 'a.wav', 'audio/wav'), (file, options) =>
			client.audio.transcriptions.create({ file, model: 'whisper-1' }, options),
		).catch((e: unknown) => e);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(server.requests).toHaveLength(1);
		const nodeError = toNodeError({ name: 'OpenAI Toolkit' } as never, error, 0, [TEST_API_KEY]);
		expect(nodeError.message).toBe(
			'OpenAI asked to wait 3600 s, longer than this item may wait (5 s). Raise Max Wait or Timeout in Request Options to wait longer.',
		);
	});

	test('a cancelled execution ends the wait before a retry at once', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 30);
		const error = await sendUpload({ client: { maxRetries: 2 }, cancelSignal: controller.signal }, upload, async () => {
			throw apiError(503, { 'retry-after-ms': '20000' });
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(APIUserAbortError);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
