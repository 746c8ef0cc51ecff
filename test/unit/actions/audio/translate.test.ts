import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode } from '../../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../../support/storedBinaries';
import { makeWav } from '../../../support/media-files';

const file = (content: Buffer, filename: string, type: string) => ({ filename, type, size: content.length, content });

describe('Audio → Translate', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const wav = makeWav({ seconds: 0.6, sampleRate: 8000, frequency: 300 });
	const item = () => ({ json: {}, binary: { speech: binaryFrom(wav, 'svenska.wav', 'audio/wav') } });

	test('the exact multipart fields (no language: the output is English), the text and the full response out', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'audio',
				operation: 'translate',
				binaryPropertyName: 'speech',
				options: { prompt: 'A talk about boats.', temperature: 0.4 },
			},
			items: [item()],
			credentials: credentials(),
		});
		expect(server.requests[0].path).toBe('/v1/audio/translations');
		expect(server.requests[0].body).toEqual({
			model: 'whisper-1',
			response_format: 'json',
			prompt: 'A talk about boats.',
			temperature: '0.4',
			file: file(wav, 'svenska.wav', 'audio/wav'),
		});
		expect(output[0].json).toEqual({
			text: 'This is the English translation. Of svenska.wav. It ends here.',
			usage: { type: 'duration', seconds: 1 },
		});
	});

	test('Text comes out as { text }', async () => {
		const { output } = await runNode({
			parameters: { resource: 'audio', operation: 'translate', binaryPropertyName: 'speech', responseFormat: 'text' },
			items: [item()],
			credentials: credentials(),
		});
		expect(server.requests[0].body.response_format).toBe('text');
		expect(output[0].json).toEqual({ text: 'This is the English translation. Of svenska.wav. It ends here.\n' });
	});

	test('Verbose JSON split into segments, at most Limit', async () => {
		const { output } = await runNode({
			parameters: { resource: 'audio', operation: 'translate', binaryPropertyName: 'speech', responseFormat: 'verbose_json', splitSegments: true, limit: 1 },
			items: [item(), item()],
			credentials: credentials(),
		});
		expect(output).toHaveLength(2);
		expect(output[0].json).toMatchObject({ id: 0, start: 0, end: 0.2, text: ' This is the English translation.', language: 'english' });
		expect(output.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('audio in the binary store is streamed', async () => {
		const { opened } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'translate' },
			items: [{ json: {}, binary: { data: storedBinary('de', { content: wav, fileName: 'deutsch.wav', mimeType: 'audio/wav' }) } }],
			files: { de: { content: wav, fileName: 'deutsch.wav', mimeType: 'audio/wav' } },
			credentials: credentials(),
		});
		expect(opened).toEqual(['filesystem-v2:de']);
		expect(server.requests[0].headers['transfer-encoding']).toBe('chunked');
		expect(server.requests[0].body.file).toEqual(file(wav, 'deutsch.wav', 'audio/wav'));
	});

	test('under Continue On Fail, a file over 25 MB and a bad temperature fail their items only', async () => {
		const tooBig = { content: Buffer.alloc(0), reportedBytes: 30 * 1024 * 1024, fileName: 'long.m4a', mimeType: 'audio/mp4' };
		const ok = { content: wav, fileName: 'ok.wav', mimeType: 'audio/wav' };
		const { output } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'translate', options: (i: number) => (i === 1 ? { temperature: -0.5 } : {}) },
			items: [
				{ json: {}, binary: { data: storedBinary('big', tooBig) } },
				{ json: {}, binary: { data: storedBinary('ok', ok) } },
				{ json: {}, binary: { data: storedBinary('ok', ok) } },
			],
			files: { big: tooBig, ok },
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output[0].json.error).toBe("The file in 'Input Binary Field' (binary property 'data') is 30 MB, over OpenAI's limit for audio files of 25 MB");
		expect(output[1].json.error).toBe("The field 'Temperature' must be between 0 and 1 (got -0.5)");
		expect(output[1].json.description).toContain('Item 2 (index 1).');
		expect(output[2].json.text).toContain('ok.wav');
		expect(server.requests).toHaveLength(1);
	});
});
