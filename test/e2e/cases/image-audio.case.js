// Images and audio inside real n8n: generated images come out as binary items, an edit sends an image and a
// mask made by a Code node, a WAV made by a Code node is transcribed, and speech comes out as binary audio
// (and is transcribed again from n8n's binary store, streamed).
'use strict';

const crypto = require('node:crypto');

const { assert, chain, codeNode, toolkitNode } = require('../support');

/** n8n 2.x keeps binary data in its store (an `id`); n8n 1.x keeps it in the item by default (`data`). */
function storesBinariesOnDisk(n8nVersion) {
	return Number(String(n8nVersion).split('.')[0]) >= 2;
}

function assertStored(binary, n8nVersion) {
	if (storesBinariesOnDisk(n8nVersion)) assert.ok(binary.id, 'the file is kept in n8n’s binary store');
	else assert.ok(binary.data, 'the file is kept in the item');
}
const { makePng, makeWav } = require('../../support/media-files');

const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');

/** A Code node whose one item carries the given files as binary data (base64, as a Code node returns it). */
function binaryCodeNode(name, files) {
	const binary = Object.fromEntries(
		Object.entries(files).map(([property, file]) => [
			property,
			{ data: file.content.toString('base64'), mimeType: file.mimeType, fileName: file.fileName },
		]),
	);
	return codeNode(name, `return [{ json: { made: 'by a Code node' }, binary: ${JSON.stringify(binary)} }];`);
}

const garden = makePng({ width: 32, height: 32, colorType: 2, pixel: [0x30, 0xa0, 0x30] });
const mask = makePng({ width: 32, height: 32, colorType: 6, pixel: [0, 0, 0, 0] });
const hello = makeWav({ seconds: 0.5, sampleRate: 16000 });

module.exports = [
	{
		name: 'Image → Generate: two images come out as two binary PNG items',
		compat: true,
		workflow: chain(
			toolkitNode('Generate images', {
				resource: 'image',
				operation: 'generate',
				model: { __rl: true, mode: 'id', value: 'dall-e-2' },
				prompt: 'A lighthouse at dawn, watercolour',
				options: { n: 2, size: '256x256' },
			}),
		),
		check({ output, fake, n8nVersion }) {
			const items = output('Generate images');
			assert.equal(items.length, 2);
			items.forEach((item, index) => {
				assert.equal(item.json.index, index);
				assert.match(item.json.url, /\/fake-cdn\/images\/img-\d+\.png/);
				assert.equal(item.binary.data.mimeType, 'image/png');
				assert.equal(item.binary.data.fileName, `image-${index + 1}.png`);
				assertStored(item.binary.data, n8nVersion);
			});
			const generation = fake.requests.find((r) => r.path === '/v1/images/generations');
			assert.deepEqual(generation.body, { model: 'dall-e-2', prompt: 'A lighthouse at dawn, watercolour', n: 2, size: '256x256' });
			const downloads = fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/fake-cdn/'));
			assert.equal(downloads.length, 2);
			assert.ok(downloads.every((r) => r.headers.authorization === undefined), 'the API key is not sent to the image URL');
		},
	},
	{
		name: 'Image → Edit with a mask from a Code node',
		workflow: chain(
			binaryCodeNode('Make image and mask', {
				image: { content: garden, mimeType: 'image/png', fileName: 'garden.png' },
				mask: { content: mask, mimeType: 'image/png', fileName: 'mask.png' },
			}),
			toolkitNode('Edit image', {
				resource: 'image',
				operation: 'edit',
				model: { __rl: true, mode: 'id', value: 'dall-e-2' },
				binaryPropertyName: 'image',
				prompt: 'A swimming pool in the middle of the garden',
				maskBinaryPropertyName: 'mask',
				options: { size: '512x512', responseFormat: 'b64_json' },
			}),
		),
		check({ output, fake }) {
			const edit = fake.requests.find((r) => r.path === '/v1/images/edits');
			assert.equal(edit.body.model, 'dall-e-2');
			assert.equal(edit.body.prompt, 'A swimming pool in the middle of the garden');
			assert.equal(edit.body.size, '512x512');
			assert.equal(edit.body.image.filename, 'garden.png');
			assert.equal(edit.body.image.type, 'image/png');
			assert.equal(sha256(edit.body.image.content), sha256(garden));
			assert.equal(edit.body.mask.filename, 'mask.png');
			assert.equal(sha256(edit.body.mask.content), sha256(mask));
			const [item] = output('Edit image');
			assert.equal(item.binary.data.mimeType, 'image/png');
			assert.equal(item.binary.data.fileName, 'edited-image-1.png');
			assert.deepEqual(item.pairedItem, { item: 0 });
		},
	},
	{
		name: 'Audio → Transcribe a WAV made by a Code node (Verbose JSON split into segments)',
		compat: true,
		workflow: chain(
			binaryCodeNode('Make WAV', { data: { content: hello, mimeType: 'audio/wav', fileName: 'hello.wav' } }),
			toolkitNode('Transcribe', {
				resource: 'audio',
				operation: 'transcribe',
				responseFormat: 'verbose_json',
				splitSegments: true,
				limit: 2,
				options: { language: 'en' },
			}),
		),
		check({ json, fake }) {
			const request = fake.requests.find((r) => r.path === '/v1/audio/transcriptions');
			assert.equal(request.body.model, 'whisper-1');
			assert.equal(request.body.response_format, 'verbose_json');
			assert.equal(request.body.language, 'en');
			assert.equal(request.body.file.filename, 'hello.wav');
			assert.equal(request.body.file.type, 'audio/wav');
			assert.equal(sha256(request.body.file.content), sha256(hello));
			const segments = json('Transcribe');
			assert.equal(segments.length, 2);
			assert.equal(segments[0].text, ' Hello from hello.wav.');
			assert.equal(segments[0].language, 'en');
		},
	},
	{
		name: 'Audio → Generate Speech gives binary audio, which Transcribe streams back from the binary store',
		compat: true,
		workflow: chain(
			toolkitNode('Speak', {
				resource: 'audio',
				operation: 'generateSpeech',
				model: { __rl: true, mode: 'id', value: 'gpt-4o-mini-tts' },
				input: 'Your order has shipped and arrives on Friday.',
				voice: 'coral',
				options: { responseFormat: 'wav', instructions: 'Cheerful.', speed: 1.1 },
			}),
			toolkitNode('Transcribe speech', { resource: 'audio', operation: 'transcribe', responseFormat: 'text' }),
		),
		check({ output, fake, n8nVersion }) {
			const [spoken] = output('Speak');
			assert.equal(spoken.binary.data.mimeType, 'audio/wav');
			assert.equal(spoken.binary.data.fileName, 'speech.wav');
			assertStored(spoken.binary.data, n8nVersion);
			assert.equal(spoken.json.format, 'wav');
			const speech = fake.requests.find((r) => r.path === '/v1/audio/speech');
			assert.deepEqual(speech.body, {
				model: 'gpt-4o-mini-tts',
				input: 'Your order has shipped and arrives on Friday.',
				voice: 'coral',
				response_format: 'wav',
				speed: 1.1,
				instructions: 'Cheerful.',
			});
			const transcription = fake.requests.find((r) => r.path === '/v1/audio/transcriptions');
			if (storesBinariesOnDisk(n8nVersion)) {
				assert.equal(transcription.headers['transfer-encoding'], 'chunked', 'the stored audio is streamed, not buffered');
			}
			assert.equal(transcription.body.file.filename, 'speech.wav');
			assert.equal(transcription.body.file.size, spoken.json.bytes);
			assert.equal(transcription.body.file.content.toString('ascii', 0, 4), 'RIFF');
			const [text] = output('Transcribe speech');
			assert.equal(text.json.text, `Hello from speech.wav. ${spoken.json.bytes} bytes of audio. Goodbye.\n`);
		},
	},
];
