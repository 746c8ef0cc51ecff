import { BINARY_ENCODING } from 'n8n-workflow';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';

const model = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Audio → Generate Speech', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const speak = (parameters: Record<string, unknown>, extra: { items?: Array<{ json: object }>; continueOnFail?: boolean } = {}) =>
		runNode({ parameters: { resource: 'audio', operation: 'generateSpeech', ...parameters }, credentials: credentials(), ...extra } as never);

	test('the defaults: exact JSON body, the audio as binary MP3 with its MIME type', async () => {
		const { output } = await speak({ input: 'Your order has shipped.' });
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/audio/speech' });
		expect(server.requests[0].body).toEqual({ model: 'tts-1', input: 'Your order has shipped.', voice: 'alloy', response_format: 'mp3' });
		expect(server.requests[0].headers.accept).toBe('application/octet-stream');
		const [item] = output;
		expect(item.binary?.data).toMatchObject({ fileName: 'speech.mp3', mimeType: 'audio/mpeg' });
		const audio = Buffer.from(item.binary!.data.data, BINARY_ENCODING);
		expect(audio.subarray(0, 3).toString('latin1')).toBe('ID3');
		expect(item.json).toEqual({ model: 'tts-1', voice: 'alloy', format: 'mp3', mimeType: 'audio/mpeg', fileName: 'speech.mp3', bytes: audio.length });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test.each([
		['mp3', 'audio/mpeg', 'speech.mp3'],
		['opus', 'audio/opus', 'speech.opus'],
		['aac', 'audio/aac', 'speech.aac'],
		['flac', 'audio/flac', 'speech.flac'],
		['wav', 'audio/wav', 'speech.wav'],
		['pcm', 'audio/pcm', 'speech.pcm'],
	])('Format %s gives %s', async (format, mimeType, fileName) => {
		const { output } = await speak({ input: 'Hi', options: { responseFormat: format } });
		expect(server.requests[0].body.response_format).toBe(format);
		expect(output[0].binary?.data).toMatchObject({ mimeType, fileName });
	});

	test('a WAV comes out as a real WAV, in the output field and under the file name asked for', async () => {
		const { output } = await speak({
			model: model('gpt-4o-mini-tts'),
			input: 'Welcome to the show.',
			voice: 'coral',
			options: { responseFormat: 'wav', speed: 1.25, instructions: 'Speak warmly.', fileName: 'welcome', binaryPropertyOutput: 'audio' },
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini-tts',
			input: 'Welcome to the show.',
			voice: 'coral',
			response_format: 'wav',
			speed: 1.25,
			instructions: 'Speak warmly.',
		});
		const audio = Buffer.from(output[0].binary!.audio.data, BINARY_ENCODING);
		expect(audio.toString('ascii', 0, 4)).toBe('RIFF');
		expect(audio.toString('ascii', 8, 12)).toBe('WAVE');
		expect(audio.readUInt32LE(24)).toBe(24000);
		expect(output[0].binary?.audio).toMatchObject({ fileName: 'welcome.wav', mimeType: 'audio/wav' });
		expect(output[0].binary?.data).toBeUndefined();
	});

	test('a custom voice ID is sent as { id }, and Additional Body Fields are merged', async () => {
		const { output } = await speak({ input: 'Hi', options: { customVoiceId: 'voice_123', additionalBodyFields: '{"stream_format": "audio"}' } });
		expect(server.requests[0].body).toEqual({ model: 'tts-1', input: 'Hi', voice: { id: 'voice_123' }, response_format: 'mp3', stream_format: 'audio' });
		expect(output[0].json.voice).toBe('voice_123');
	});

	test('4,096 characters are spoken; 4,097 are refused before sending, naming the field and the item', async () => {
		await speak({ input: 'a'.repeat(4096) });
		expect(server.requests).toHaveLength(1);
		server.reset();
		const error = await runNodeExpectingError({
			parameters: { resource: 'audio', operation: 'generateSpeech', input: 'a'.repeat(4097) },
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Text' has 4,097 characters; OpenAI speaks at most 4,096 per request");
		expect(error.description).toContain('Item 1 (index 0).');
		expect(error.description).toContain('Split the text');
		expect(server.requests).toHaveLength(0);
	});

	test('under Continue On Fail, too long a text, a bad speed and instructions for tts-1 fail their items; the others are spoken', async () => {
		const inputs = ['First.', 'b'.repeat(5000), 'Third.', 'Fourth.', 'Fifth.'];
		const speeds = [1, 1, 4.5, 0.2, 0.25];
		const { output } = await speak(
			{
				model: (i: number) => model(i === 4 ? 'tts-1' : 'tts-1-hd'),
				input: (i: number) => inputs[i],
				options: (i: number) => ({ speed: speeds[i], ...(i === 0 ? { instructions: 'Whisper.' } : {}) }),
			},
			{ items: inputs.map(() => ({ json: {} })), continueOnFail: true },
		);
		expect(output).toHaveLength(5);
		expect(output[0].json.error).toBe("The option 'Instructions' does not work with tts-1-hd");
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(output[1].json.error).toBe("The field 'Text' has 5,000 characters; OpenAI speaks at most 4,096 per request");
		expect(output[1].json.description).toContain('Item 2 (index 1).');
		expect(output[2].json.error).toBe("The field 'Speed' must be between 0.25 and 4 (got 4.5)");
		expect(output[2].json.description).toContain('Item 3 (index 2).');
		expect(output[3].json.error).toBe("The field 'Speed' must be between 0.25 and 4 (got 0.2)");
		expect(output[3].json.description).toContain('Item 4 (index 3).');
		expect(output[4].binary?.data.mimeType).toBe('audio/mpeg');
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(server.requests.map((r) => r.body.input)).toEqual(['Fifth.']);
	});

	test('an empty text is refused', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'audio', operation: 'generateSpeech', input: '' },
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Text' is empty");
		expect(error.description).toContain('Item 1 (index 0).');
	});

	test("OpenAI's error for a voice it does not know comes through", async () => {
		server.queueFault({ status: 400, body: { error: { message: "Invalid value: 'robot'.", type: 'invalid_request_error', param: 'voice', code: 'invalid_value' } } });
		const error = await runNodeExpectingError({
			parameters: { resource: 'audio', operation: 'generateSpeech', input: 'Hi', voice: 'robot' },
			credentials: credentials(),
		});
		expect(error.message).toBe("Invalid value: 'robot'.");
		expect(error.description).toContain('param: voice');
	});

	test.each([
		['abc', "The field 'Speed' must be a number (got 'abc')"],
		[NaN, "The field 'Speed' must be a number (got 'NaN')"],
		[Infinity, "The field 'Speed' must be a number (got 'Infinity')"],
		[-1, "The field 'Speed' must be between 0.25 and 4 (got -1)"],
		[1e9, "The field 'Speed' must be between 0.25 and 4 (got 1000000000)"],
	])('Speed %p is refused naming the field and the item, nothing sent', async (speed, message) => {
		const { output } = await speak(
			{ input: 'Hi', options: (i: number) => (i === 1 ? { speed } : { speed: '1.5' }) },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output[1].json.error).toBe(message);
		expect(output[1].json.description).toBe('Item 2 (index 1).');
		// A speed from an expression as text is sent as the number it is.
		expect(server.requests.map((r) => r.body.speed)).toEqual([1.5]);
	});
});
