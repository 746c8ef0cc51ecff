import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { runNodeWithStore, runNodeWithStoreExpectingError, storedBinary } from '../../../support/storedBinaries';
import { makeWav } from '../../../support/media-files';

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const file = (content: Buffer, filename: string, type: string) => ({ filename, type, size: content.length, content });
const MAX = 25 * 1024 * 1024;

describe('Audio → Transcribe', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const wav = makeWav({ seconds: 0.3, sampleRate: 8000 });
	const wavItem = (name = 'hello.wav', type = 'audio/wav') => ({ json: {}, binary: { data: binaryFrom(wav, name, type) } });
	const transcribe = (parameters: Record<string, unknown> = {}, items = [wavItem()], continueOnFail = false) =>
		runNode({ parameters: { resource: 'audio', operation: 'transcribe', ...parameters }, items, credentials: credentials(), continueOnFail });

	test('a WAV made by the test: the exact multipart fields, the text and the full response out', async () => {
		const { output } = await transcribe();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/audio/transcriptions' });
		expect(server.requests[0].body).toEqual({ model: 'whisper-1', response_format: 'json', file: file(wav, 'hello.wav', 'audio/wav') });
		expect(output).toEqual([
			{
				json: { text: `Hello from hello.wav. ${wav.length} bytes of audio. Goodbye.`, usage: { type: 'duration', seconds: 1 } },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('every option: language, prompt, temperature, word and segment timestamps with Verbose JSON', async () => {
		const { output } = await transcribe({
			model: model('whisper-1'),
			responseFormat: 'verbose_json',
			options: { language: 'sv', prompt: 'Hej, Anna.', temperature: 0.2, timestampGranularities: ['word', 'segment'] },
		});
		expect(server.requests[0].body).toEqual({
			model: 'whisper-1',
			response_format: 'verbose_json',
			language: 'sv',
			prompt: 'Hej, Anna.',
			temperature: '0.2',
			'timestamp_granularities[]': ['word', 'segment'],
			file: file(wav, 'hello.wav', 'audio/wav'),
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ task: 'transcribe', language: 'sv', duration: 0.3 });
		expect(output[0].json.segments).toHaveLength(3);
		expect(output[0].json.words).toHaveLength(8);
	});

	test.each([
		['text', `Hello from hello.wav. ${4844} bytes of audio. Goodbye.\n`],
		['srt', '1\n00:00:00,000 --> 00:00:00,100\nHello from hello.wav.\n'],
		['vtt', 'WEBVTT\n\n00:00:00.000 --> 00:00:00.100\nHello from hello.wav.\n'],
	])('Response Format %s comes back as plain text, output as { text }', async (responseFormat, start) => {
		const { output } = await transcribe({ responseFormat });
		expect(server.requests[0].body.response_format).toBe(responseFormat);
		expect(Object.keys(output[0].json)).toEqual(['text']);
		expect(String(output[0].json.text).startsWith(start)).toBe(true);
	});

	test('Split Segments Into Items: one item per segment, at most Limit, each paired with its input', async () => {
		const { output } = await transcribe({ responseFormat: 'verbose_json', splitSegments: true, limit: 2 }, [wavItem('a.wav'), wavItem('b.wav')]);
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.json.text)).toEqual([' Hello from a.wav.', ` ${wav.length} bytes of audio.`, ' Hello from b.wav.', ` ${wav.length} bytes of audio.`]);
		expect(output[0].json).toMatchObject({ id: 0, start: 0, end: 0.1, language: 'english' });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	test('Split Segments Into Items with a Limit above the count gives every segment; without segments the whole response', async () => {
		const { output } = await transcribe({ responseFormat: 'verbose_json', splitSegments: true, limit: 50 });
		expect(output).toHaveLength(3);
		server.reset();
		const wordsOnly = await transcribe({ responseFormat: 'verbose_json', splitSegments: true, options: { timestampGranularities: ['word'] } });
		expect(wordsOnly.output).toHaveLength(1);
		expect(wordsOnly.output[0].json.words).toHaveLength(8);
	});

	test('a file name without extension gets the one of its MIME type (OpenAI tells formats by it)', async () => {
		const item = wavItem('recording', 'audio/x-wav');
		item.binary.data.fileName = 'recording';
		await transcribe({}, [item]);
		expect(server.requests[0].body.file).toEqual(file(wav, 'recording.wav', 'audio/x-wav'));
	});

	test('audio in the binary store is streamed to OpenAI (chunked), not read into memory first', async () => {
		const { output, opened } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'transcribe' },
			items: [{ json: {}, binary: { data: storedBinary('talk', { content: wav, fileName: 'talk.wav', mimeType: 'audio/wav' }) } }],
			files: { talk: { content: wav, fileName: 'talk.wav', mimeType: 'audio/wav' } },
			credentials: credentials(),
		});
		expect(opened).toEqual(['filesystem-v2:talk']);
		expect(server.requests[0].headers['transfer-encoding']).toBe('chunked');
		expect(server.requests[0].body.file).toEqual(file(wav, 'talk.wav', 'audio/wav'));
		expect(output[0].json.text).toContain('Hello from talk.wav.');
	});

	test('a streamed upload that meets a 503 is sent again, the file opened anew', async () => {
		server.queueFault({ status: 503, headers: { 'retry-after-ms': '5' }, body: { error: { message: 'Busy', type: 'server_error' } } });
		const { output, opened } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'transcribe' },
			items: [{ json: {}, binary: { data: storedBinary('talk', { content: wav, fileName: 'talk.wav', mimeType: 'audio/wav' }) } }],
			files: { talk: { content: wav, fileName: 'talk.wav', mimeType: 'audio/wav' } },
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(2);
		expect(opened).toEqual(['filesystem-v2:talk', 'filesystem-v2:talk']);
		expect(server.requests[1].body.file).toEqual(file(wav, 'talk.wav', 'audio/wav'));
		expect(output[0].json.text).toContain('talk.wav');
	});

	test('a file over 25 MB is refused before upload with a clear error; exactly 25 MB is sent', async () => {
		const tooBig = { content: Buffer.alloc(0), reportedBytes: MAX + 1, fileName: 'meeting.wav', mimeType: 'audio/wav' };
		const error = await runNodeWithStoreExpectingError({
			parameters: { resource: 'audio', operation: 'transcribe' },
			items: [{ json: {}, binary: { data: storedBinary('meeting', tooBig) } }],
			files: { meeting: tooBig },
			credentials: credentials(),
		});
		expect(error.message).toBe("The file in 'Input Binary Field' (binary property 'data') is 25 MB, over OpenAI's limit for audio files of 25 MB");
		expect(error.description).toBe("Split the recording, or compress it (e.g. to a lower-bitrate MP3). 'meeting.wav' was not sent. Item 1 (index 0).");
		expect(server.requests).toHaveLength(0);

		// A binary that reports exactly 25 MB is let through (the content is small: only the reported size is checked).
		server.reset();
		const atLimit = { content: wav, reportedBytes: MAX, fileName: 'long.wav', mimeType: 'audio/wav' };
		const { output } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'transcribe' },
			items: [{ json: {}, binary: { data: storedBinary('long', atLimit) } }],
			files: { long: atLimit },
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(output[0].json.text).toContain('long.wav');
	});

	test('under Continue On Fail, a file over 25 MB fails its item only and the others are transcribed', async () => {
		const tooBig = { content: Buffer.alloc(0), reportedBytes: MAX + 1024 * 1024, fileName: 'meeting.mp3', mimeType: 'audio/mpeg' };
		const small = { content: wav, fileName: 'short.wav', mimeType: 'audio/wav' };
		const { output, opened } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'transcribe' },
			items: [
				{ json: {}, binary: { data: storedBinary('meeting', tooBig) } },
				{ json: {}, binary: { data: storedBinary('short', small) } },
			],
			files: { meeting: tooBig, short: small },
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(output).toHaveLength(2);
		expect(output[0].json.error).toBe("The file in 'Input Binary Field' (binary property 'data') is 26 MB, over OpenAI's limit for audio files of 25 MB");
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json.text).toContain('short.wav');
		expect(opened).toEqual(['filesystem-v2:short']);
	});

	test('Timestamp Granularities without Verbose JSON is refused; under Continue On Fail the others go on', async () => {
		const { output } = await transcribe(
			{ responseFormat: (i: number) => (i === 0 ? 'json' : 'verbose_json'), options: { timestampGranularities: ['word'] } },
			[wavItem(), wavItem()],
			true,
		);
		expect(output[0].json.error).toBe("The option 'Timestamp Granularities' needs Response Format 'Verbose JSON', not 'json'");
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(output[1].json.words).toBeDefined();
		expect(server.requests).toHaveLength(1);
	});

	test('gpt-4o-transcribe answers JSON or Text only: SRT is refused before upload; under Continue On Fail the others go on', async () => {
		const { output } = await transcribe(
			{ model: model('gpt-4o-transcribe'), responseFormat: (i: number) => (i === 0 ? 'srt' : 'text') },
			[wavItem(), wavItem()],
			true,
		);
		expect(output[0].json.error).toBe("The field 'Response Format' is 'srt', but gpt-4o-transcribe returns only JSON or Text");
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(output[1].json.text).toContain('Hello from hello.wav.');
		expect(server.requests.map((r) => r.body.model)).toEqual(['gpt-4o-transcribe']);
	});

	test('Temperature outside 0–1 is refused; under Continue On Fail the others go on', async () => {
		const { output } = await transcribe({ options: { temperature: (1.5) } }, [wavItem()], true);
		expect(output[0].json.error).toBe("The field 'Temperature' must be between 0 and 1 (got 1.5)");
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test("a format OpenAI does not take comes back as OpenAI's error with status and param", async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'audio', operation: 'transcribe' },
			items: [{ json: {}, binary: { data: binaryFrom('just text', 'notes.txt', 'text/plain') } }],
			credentials: credentials(),
		});
		expect(error.message).toMatch(/^Invalid file format\. Supported formats:/);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('param: file');
	});

	test('a missing binary field is a clear error', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'audio', operation: 'transcribe', binaryPropertyName: 'audio' },
			items: [{ json: {} }],
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Input Binary Field' names the binary property 'audio', which the input item does not have");
		expect(error.description).toBe('The item has no binary data at all. Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		[{ options: { temperature: 'abc' } }, "The field 'Temperature' must be a number (got 'abc')"],
		[{ options: { temperature: NaN } }, "The field 'Temperature' must be a number (got 'NaN')"],
		[{ options: { temperature: -0.1 } }, "The field 'Temperature' must be between 0 and 1 (got -0.1)"],
		[{ responseFormat: 'verbose_json', splitSegments: true, limit: 0 }, "The field 'Limit' must be at least 1 (got 0)"],
		[{ responseFormat: 'verbose_json', splitSegments: true, limit: 'abc' }, "The field 'Limit' must be a number (got 'abc')"],
		[{ responseFormat: 'verbose_json', splitSegments: true, limit: 2.5 }, "The field 'Limit' must be a whole number (got 2.5)"],
	])('%p is refused before the upload, naming the field and the item', async (parameters, message) => {
		const { output } = await transcribe(parameters, [wavItem()], true);
		expect(output[0].json.error).toBe(message);
		expect(output[0].json.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('an empty audio file (0 bytes) is refused before the upload', async () => {
		const { output } = await transcribe({}, [{ json: {}, binary: { data: binaryFrom(Buffer.alloc(0), 'silence.wav', 'audio/wav') } }, wavItem()], true);
		expect(output[0].json.error).toBe("The file in 'Input Binary Field' (binary property 'data') is empty (0 bytes)");
		expect(output[0].json.description).toBe("'silence.wav' was not sent. Item 1 (index 0).");
		expect(output[1].json.text).toContain('hello.wav');
		expect(server.requests).toHaveLength(1);
	});

	test('a retry-after longer than Max Wait fails the upload at once, naming the wait; one request sent', async () => {
		server.queueFault({ status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } });
		const started = Date.now();
		const error = await runNodeExpectingError({
			parameters: { resource: 'audio', operation: 'transcribe', requestOptions: { maxWait: 30 } },
			items: [wavItem()],
			credentials: credentials(),
		});
		expect(error.message).toBe('OpenAI asked to wait 3600 s, longer than this item may wait (30 s). Raise Max Wait or Timeout in Request Options to wait longer.');
		expect(Date.now() - started).toBeLessThan(3000);
		expect(server.requests).toHaveLength(1);
	});
});
