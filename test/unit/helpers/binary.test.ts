import { Readable } from 'node:stream';
import type { IBinaryData } from 'n8n-workflow';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { binaryFrom, createExecuteContext } from '../../support/executeContext';
import { TEST_API_KEY } from '../../support/constants';
import { buildClient } from '../../../nodes/OpenAiToolkit/transport/client';
import {
	formatBytes,
	getBinaryUpload,
	readBinaryHead,
	mimeTypeFromFileName,
	sendUpload,
	STREAMED_UPLOAD_REQUEST_OPTIONS,
	sendWithUploads,
	uploadFileName,
	uploadFromMemory,
} from '../../../nodes/OpenAiToolkit/helpers/binary';

/** A context whose items hold binaries "in n8n's binary store": each has an id and is read as a stream. */
function storedBinaryContext(files: Record<string, { content: Buffer; fileName: string; mimeType: string }>) {
	const opened: string[] = [];
	const binary: Record<string, IBinaryData> = {};
	for (const [property, file] of Object.entries(files)) {
		binary[property] = {
			data: 'filesystem-v2',
			id: `filesystem-v2:test/${property}`,
			mimeType: file.mimeType,
			fileName: file.fileName,
			fileSize: formatBytes(file.content.length),
			bytes: file.content.length,
		};
	}
	const test = createExecuteContext({ parameters: {}, items: [{ json: {}, binary }] });
	test.context.helpers.getBinaryStream = async (id: string) => {
		opened.push(id);
		const property = id.split('/').pop()!;
		const content = files[property].content;
		// Several chunks, as a file stream gives them.
		return Readable.from([content.subarray(0, 5), content.subarray(5)]);
	};
	return { ...test, opened };
}

describe('helpers/binary', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		server.on('POST', '/v1/audio/transcriptions', () => ({ status: 200, body: { text: 'ok' } }));
	});

	test('formatBytes reads like OpenAI states its limits', () => {
		expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
		expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
		expect(formatBytes(2048)).toBe('2 KB');
		expect(formatBytes(20)).toBe('20 bytes');
	});

	test('uploadFileName keeps a name, adds the extension of the MIME type when the name has none', () => {
		const binary = binaryFrom('x', 'speech', 'audio/wav');
		binary.fileName = 'speech';
		expect(uploadFileName(binary, 'audio/wav')).toBe('speech.wav');
		expect(uploadFileName(binaryFrom('x', 'talk.mp3', 'audio/mpeg'), 'audio/mpeg')).toBe('talk.mp3');
		const nameless = binaryFrom('x', 'a', 'image/png');
		delete nameless.fileName;
		delete nameless.fileExtension;
		expect(uploadFileName(nameless, 'image/png', 'image')).toBe('image.png');
		expect(uploadFileName(nameless, 'application/x-unknown')).toBe('data');
	});

	test('a binary held in memory is streamed from its buffer, with its name, type and size', async () => {
		// Over 64 KB: sent as several views into the buffer.
		const content = Buffer.concat([Buffer.from('RIFF....WAVEfmt '), Buffer.alloc(70_000, 7)]);
		const { context } = createExecuteContext({
			parameters: {},
			items: [{ json: {}, binary: { data: binaryFrom(content, 'hello.wav', 'audio/wav') } }],
		});
		const upload = await getBinaryUpload(context, 0, 'data');
		expect(upload).toMatchObject({ fileName: 'hello.wav', mimeType: 'audio/wav', size: content.length });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
		await client.audio.transcriptions.create({ file: upload.file, model: 'whisper-1' });
		expect(server.requests[0].headers['transfer-encoding']).toBe('chunked');
		expect(server.requests[0].body).toEqual({
			file: { filename: 'hello.wav', type: 'audio/wav', size: content.length, content },
			model: 'whisper-1',
		});
	});

	test('a binary in the binary store is streamed: opened only when the request reads it', async () => {
		const content = Buffer.from('0123456789abcdefghij');
		const { context, opened } = storedBinaryContext({ data: { content, fileName: 'talk.mp3', mimeType: 'audio/mpeg' } });
		const upload = await getBinaryUpload(context, 0, 'data');
		expect(upload).toMatchObject({ fileName: 'talk.mp3', mimeType: 'audio/mpeg', size: 20 });
		expect(opened).toEqual([]);
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
		await client.audio.transcriptions.create({ file: upload.file, model: 'whisper-1', language: 'sv' });
		expect(opened).toEqual(['filesystem-v2:test/data']);
		expect(server.requests[0].headers['transfer-encoding']).toBe('chunked');
		expect(server.requests[0].body).toEqual({
			file: { filename: 'talk.mp3', type: 'audio/mpeg', size: 20, content },
			model: 'whisper-1',
			language: 'sv',
		});
	});

	test('a file over the limit is refused before anything is read, naming the field and the limit', async () => {
		const { context, opened } = storedBinaryContext({
			audio: { content: Buffer.alloc(30), fileName: 'big.wav', mimeType: 'audio/wav' },
		});
		await expect(
			getBinaryUpload(context, 0, 'audio', {
				maxBytes: 20,
				limitLabel: "OpenAI's limit for audio files",
				fieldDisplayName: 'Input Binary Field',
			}),
		).rejects.toThrow("The file in 'Input Binary Field' (binary property 'audio') is 30 bytes, over OpenAI's limit for audio files of 20 bytes");
		expect(opened).toEqual([]);
	});

	test('a missing binary property is a clear error', async () => {
		const { context } = createExecuteContext({ parameters: {}, items: [{ json: {} }] });
		await expect(getBinaryUpload(context, 0, 'nope')).rejects.toThrow("binary file 'nope'");
	});

	test('readBinaryHead reads only the first bytes, from memory or from the store', async () => {
		const content = Buffer.from('0123456789abcdefghij');
		const inMemory = createExecuteContext({
			parameters: {},
			items: [{ json: {}, binary: { data: binaryFrom(content, 'a.bin', 'application/octet-stream') } }],
		});
		expect((await readBinaryHead(inMemory.context, 0, 'data', 7)).toString()).toBe('0123456');
		expect((await readBinaryHead(inMemory.context, 0, 'data', 100)).toString()).toBe('0123456789abcdefghij');
		const stored = storedBinaryContext({ data: { content, fileName: 'a.bin', mimeType: 'application/octet-stream' } });
		expect((await readBinaryHead(stored.context, 0, 'data', 3)).toString()).toBe('012');
		expect((await readBinaryHead(stored.context, 0, 'data', 8)).toString()).toBe('01234567');
	});

	test('a streamed upload that meets a 429 is sent again with the file opened anew', async () => {
		const content = Buffer.from('0123456789abcdefghij');
		const { context, opened } = storedBinaryContext({ data: { content, fileName: 'talk.mp3', mimeType: 'audio/mpeg' } });
		server.queueFault({ status: 429, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
		server.queueFault({ status: 503, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'busy', type: 'server_error' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		const result = await sendWithUploads(
			{ client },
			async () => [await getBinaryUpload(context, 0, 'data')],
			([upload]) => client.audio.transcriptions.create({ file: upload.file, model: 'whisper-1' }),
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
		const upload = uploadFromMemory(content, 'batch.jsonl', 'application/jsonl');
		const created = await sendUpload(upload, 2, (file, requestOptions) => client.files.create({ file, purpose: 'batch' }, requestOptions));
		expect(created).toMatchObject({ object: 'file', filename: 'batch.jsonl', purpose: 'batch' });
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].body.file).toEqual({ filename: 'batch.jsonl', type: 'application/jsonl', size: content.length, content });
	});

	test('a streamed upload is not retried past Max Retries, nor on insufficient_quota or a 400', async () => {
		const { context } = storedBinaryContext({ data: { content: Buffer.from('abcdefgh'), fileName: 'a.wav', mimeType: 'audio/wav' } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 1, timeoutMs: 5000 });
		const send = () =>
			sendWithUploads(
				{ client },
				async () => [await getBinaryUpload(context, 0, 'data')],
				([upload]) => client.audio.transcriptions.create({ file: upload.file, model: 'whisper-1' }),
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
	test('sendUpload retries a streamed file with a fresh stream each attempt', async () => {
		const content = Buffer.from('{"messages":[]}\n');
		const { context, opened } = storedBinaryContext({ data: { content, fileName: 'train.jsonl', mimeType: 'application/jsonl' } });
		server.on('POST', '/v1/files', () => ({ status: 200, body: { id: 'file-1' } }));
		server.queueFault({ status: 502, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'bad gateway' } } });
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 2, timeoutMs: 5000 });
		const upload = await getBinaryUpload(context, 0, 'data');
		const result = await sendUpload(upload, client.maxRetries, (file) => client.files.create({ file, purpose: 'fine-tune' }));
		expect(result).toEqual({ id: 'file-1' });
		expect(opened).toHaveLength(2);
		expect(server.requests[1].body.file).toEqual({ filename: 'train.jsonl', type: 'application/jsonl', size: content.length, content });
	});

	test('chunks() reads the content afresh on every call, from memory or from the store', async () => {
		const content = Buffer.from('0123456789abcdefghij');
		const stored = storedBinaryContext({ data: { content, fileName: 'a.txt', mimeType: 'text/plain' } });
		const upload = await getBinaryUpload(stored.context, 0, 'data');
		const read = async () => {
			const parts: Buffer[] = [];
			for await (const chunk of upload.chunks()) parts.push(chunk);
			return parts;
		};
		expect((await read()).map(String)).toEqual(['01234', '56789abcdefghij']);
		expect(Buffer.concat(await read())).toEqual(content);
		expect(stored.opened).toHaveLength(2);
		const inMemory = createExecuteContext({ parameters: {}, items: [{ json: {}, binary: { data: binaryFrom(content, 'a.txt', 'text/plain') } }] });
		const memoryUpload = await getBinaryUpload(inMemory.context, 0, 'data', { fileName: 'b.txt', mimeType: 'text/csv' });
		expect(memoryUpload).toMatchObject({ fileName: 'b.txt', mimeType: 'text/csv' });
		const parts: Buffer[] = [];
		for await (const chunk of memoryUpload.chunks()) parts.push(chunk);
		expect(Buffer.concat(parts)).toEqual(content);
	});

	test('the size limit error can carry a reason, and mimeTypeFromFileName knows the usual files', async () => {
		const { context } = storedBinaryContext({ data: { content: Buffer.alloc(40), fileName: 'x.jsonl', mimeType: 'application/jsonl' } });
		const error = await getBinaryUpload(context, 0, 'data', {
			maxBytes: 32,
			limitLabel: "OpenAI's limit per file",
			maxBytesReason: 'OpenAI accepts files up to 512 MB',
		}).catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe("The file in 'Input Binary Field' (binary property 'data') is 40 bytes, over OpenAI's limit per file of 32 bytes");
		expect((error as { description?: string }).description).toBe("OpenAI accepts files up to 512 MB. 'x.jsonl' was not sent.");
		expect(mimeTypeFromFileName('train.JSONL')).toBe('application/jsonl');
		expect(mimeTypeFromFileName('a.pdf')).toBe('application/pdf');
		expect(mimeTypeFromFileName('noext')).toBe('application/octet-stream');
	});
	test('every upload is sent with redirects refused (fetch would otherwise keep a copy of every chunk)', async () => {
		expect(STREAMED_UPLOAD_REQUEST_OPTIONS).toEqual({ fetchOptions: { redirect: 'error' } });
		const stored = storedBinaryContext({ data: { content: Buffer.from('abc'), fileName: 'a.txt', mimeType: 'text/plain' } });
		const inMemory = createExecuteContext({ parameters: {}, items: [{ json: {}, binary: { data: binaryFrom('abc', 'a.txt', 'text/plain') } }] });
		const seen: unknown[] = [];
		for (const context of [stored.context, inMemory.context]) {
			const upload = await getBinaryUpload(context, 0, 'data');
			await sendUpload(upload, 0, async (_file, requestOptions) => seen.push(requestOptions));
		}
		expect(seen).toEqual([STREAMED_UPLOAD_REQUEST_OPTIONS, STREAMED_UPLOAD_REQUEST_OPTIONS]);

		server.on('POST', '/v1/files', () => ({ status: 307, headers: { location: `${server.url}/elsewhere` } }));
		const client = buildClient({ apiKey: TEST_API_KEY, baseUrl: server.url }, { maxRetries: 0, timeoutMs: 5000 });
		const upload = await getBinaryUpload(stored.context, 0, 'data');
		await expect(
			sendUpload(upload, 0, (file, requestOptions) => client.files.create({ file, purpose: 'user_data' }, requestOptions)),
		).rejects.toThrow();
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/files']);
	});
});
