import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { binaryFrom, createExecuteContext } from '../../support/executeContext';
import { TEST_API_KEY } from '../../support/constants';
import { buildClient } from '../../../nodes/OpenAiToolkit/transport/client';
import { extensionFromMimeType, mimeTypeFromFileName } from '../../../nodes/OpenAiToolkit/helpers/mimeTypes';
import { formatBytes, getBinaryUpload, uploadFileName } from '../../../nodes/OpenAiToolkit/helpers/uploads';
import { storedBinaryContext } from './uploads.support';

const failureOf = async (promise: Promise<unknown>) =>
	(await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: unknown) => error,
	)) as Error & { description?: string };

describe('helpers/uploads', () => {
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

	test('mimeTypes: the usual files both ways', () => {
		expect(mimeTypeFromFileName('train.JSONL')).toBe('application/jsonl');
		expect(mimeTypeFromFileName('a.pdf')).toBe('application/pdf');
		expect(mimeTypeFromFileName('noext')).toBe('application/octet-stream');
		expect(extensionFromMimeType('audio/x-wav')).toBe('wav');
		expect(extensionFromMimeType('image/jpeg; charset=binary')).toBe('jpg');
		expect(extensionFromMimeType('application/pdf')).toBe('pdf');
		expect(extensionFromMimeType('application/x-unknown')).toBeUndefined();
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

	test('a file over the limit is refused before anything is read, naming the field, the property and the item', async () => {
		const { context, opened } = storedBinaryContext({
			audio: { content: Buffer.alloc(30), fileName: 'big.wav', mimeType: 'audio/wav' },
		});
		const error = await failureOf(
			getBinaryUpload(context, 0, 'audio', {
				maxBytes: 20,
				limitLabel: "OpenAI's limit for audio files",
				fieldDisplayName: 'Audio File',
			}),
		);
		expect(error.message).toBe("The file in 'Audio File' (binary property 'audio') is 30 bytes, over OpenAI's limit for audio files of 20 bytes");
		expect(error.description).toBe("'big.wav' was not sent. Item 1 (index 0).");
		expect(opened).toEqual([]);
	});

	test('the size limit error can carry a reason', async () => {
		const { context } = storedBinaryContext({ data: { content: Buffer.alloc(40), fileName: 'x.jsonl', mimeType: 'application/jsonl' } });
		const error = await failureOf(
			getBinaryUpload(context, 0, 'data', {
				maxBytes: 32,
				limitLabel: "OpenAI's limit per file",
				maxBytesReason: 'OpenAI accepts files up to 512 MB',
			}),
		);
		expect(error.message).toBe("The file in 'Input Binary Field' (binary property 'data') is 40 bytes, over OpenAI's limit per file of 32 bytes");
		expect(error.description).toBe("OpenAI accepts files up to 512 MB. 'x.jsonl' was not sent. Item 1 (index 0).");
	});

	test('an empty file (0 bytes) is refused, in memory or in the store, before it is read or sent', async () => {
		const inMemory = createExecuteContext({
			parameters: {},
			items: [{ json: {} }, { json: {}, binary: { sound: binaryFrom(Buffer.alloc(0), 'silence.wav', 'audio/wav') } }],
		});
		const error = await failureOf(getBinaryUpload(inMemory.context, 1, 'sound'));
		expect(error.message).toBe("The file in 'Input Binary Field' (binary property 'sound') is empty (0 bytes)");
		expect(error.description).toBe("'silence.wav' was not sent. Item 2 (index 1).");

		const stored = storedBinaryContext({ data: { content: Buffer.alloc(0), fileName: 'empty.jsonl', mimeType: 'application/jsonl' } });
		const storedError = await failureOf(getBinaryUpload(stored.context, 0, 'data', { fieldDisplayName: 'Input Data Field Name' }));
		expect(storedError.message).toBe("The file in 'Input Data Field Name' (binary property 'data') is empty (0 bytes)");
		expect(stored.opened).toEqual([]);
	});

	test('a missing binary property or an empty field name is refused naming the field, the property and the item', async () => {
		const { context } = createExecuteContext({
			parameters: {},
			items: [{ json: {}, binary: { photo: binaryFrom('x', 'a.png', 'image/png'), doc: binaryFrom('y', 'b.pdf', 'application/pdf') } }, { json: {} }],
		});
		const missing = await failureOf(getBinaryUpload(context, 0, 'nope'));
		expect(missing.message).toBe("The field 'Input Binary Field' names the binary property 'nope', which the input item does not have");
		expect(missing.description).toBe('Binary properties on this item: photo, doc. Item 1 (index 0).');
		const none = await failureOf(getBinaryUpload(context, 1, 'data', { fieldDisplayName: 'Image' }));
		expect(none.message).toBe("The field 'Image' names the binary property 'data', which the input item does not have");
		expect(none.description).toBe('The item has no binary data at all. Item 2 (index 1).');
		const blank = await failureOf(getBinaryUpload(context, 0, '  '));
		expect(blank.message).toBe("The field 'Input Binary Field' is empty");
		expect(blank.description).toBe('Item 1 (index 0).');
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
});
