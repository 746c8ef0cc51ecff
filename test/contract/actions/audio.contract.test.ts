import { binaryFrom, runNode } from '../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../support/storedBinaries';
import { makeWav } from '../../support/media-files';
import { expectAllConform, useContractProxy } from '../support';

const model = (value: string) => ({ __rl: true, mode: 'id', value });

describe('contract: Audio against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const wav = makeWav({ seconds: 0.2 });
	const wavItems = () => [{ json: {}, binary: { data: binaryFrom(wav, 'hello.wav', 'audio/wav') } }];

	test('Audio → Transcribe with every option (Verbose JSON, timestamps)', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'audio',
				operation: 'transcribe',
				model: model('whisper-1'),
				responseFormat: 'verbose_json',
				options: { language: 'sv', prompt: 'Hej.', temperature: 0.3, timestampGranularities: ['word', 'segment'] },
			},
			items: wavItems(),
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Audio → Transcribe streamed from the binary store (chunked multipart)', async () => {
		const { output } = await runNodeWithStore({
			parameters: { resource: 'audio', operation: 'transcribe', model: model('gpt-4o-transcribe'), responseFormat: 'json' },
			items: [{ json: {}, binary: { data: storedBinary('talk', { content: wav, fileName: 'talk.wav', mimeType: 'audio/wav' }) } }],
			files: { talk: { content: wav, fileName: 'talk.wav', mimeType: 'audio/wav' } },
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Audio → Translate', async () => {
		const { output } = await runNode({
			parameters: { resource: 'audio', operation: 'translate', responseFormat: 'json', options: { prompt: 'A talk.', temperature: 0.1 } },
			items: wavItems(),
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Audio → Generate Speech with every option', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'audio',
				operation: 'generateSpeech',
				model: model('gpt-4o-mini-tts'),
				input: 'Welcome to the show.',
				voice: 'coral',
				options: { responseFormat: 'wav', speed: 1.5, instructions: 'Speak warmly.' },
			},
			credentials: credentials(),
		});
		expect(output[0].binary?.data.mimeType).toBe('audio/wav');
		expectAllConform(proxy.records, 1);
	});

	test('Audio → Generate Speech with a custom voice', async () => {
		const { output } = await runNode({
			parameters: { resource: 'audio', operation: 'generateSpeech', input: 'Hi.', options: { customVoiceId: 'voice_1234' } },
			credentials: credentials(),
		});
		expect(output[0].binary?.data.mimeType).toBe('audio/mpeg');
		expectAllConform(proxy.records, 1);
	});
});
