import { binaryFrom, runNode } from '../../support/executeContext';
import { makeJpegStub, makePng } from '../../support/media-files';
import { expectAllConform, useContractProxy } from '../support';

const model = (value: string) => ({ __rl: true, mode: 'id', value });

describe('contract: Image against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('Image → Generate with dall-e-3 and its options', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('dall-e-3'),
				prompt: 'A lighthouse at dawn',
				options: { size: '1792x1024', quality: 'hd', style: 'natural', responseFormat: 'url', user: 'user-1', keepUrlsOnly: true },
			},
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Image → Generate with a GPT image model and its options', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('gpt-image-1'),
				prompt: 'A glass teapot',
				options: { n: 2, size: '1024x1536', quality: 'high', background: 'transparent', outputFormat: 'webp', outputCompression: 80, moderation: 'low', keepUrlsOnly: true },
			},
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Image → Edit with dall-e-2, an image and a mask', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'edit',
				model: model('dall-e-2'),
				prompt: 'A pool in the garden',
				maskBinaryPropertyName: 'mask',
				options: { n: 2, size: '512x512', responseFormat: 'b64_json', user: 'user-1' },
			},
			items: [
				{
					json: {},
					binary: {
						data: binaryFrom(makePng({ width: 8, height: 8, colorType: 2 }), 'garden.png', 'image/png'),
						mask: binaryFrom(makePng({ width: 8, height: 8, colorType: 6 }), 'mask.png', 'image/png'),
					},
				},
			],
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Image → Edit with a GPT image model and several images', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'edit',
				model: model('gpt-image-1'),
				prompt: 'A gift basket with these items',
				binaryPropertyName: 'a,b',
				options: { quality: 'medium', background: 'opaque', outputFormat: 'jpeg', outputCompression: 70, inputFidelity: 'high', size: '1024x1024' },
			},
			items: [
				{
					json: {},
					binary: {
						a: binaryFrom(makePng({ width: 4, height: 4 }), 'soap.png', 'image/png'),
						b: binaryFrom(makeJpegStub(), 'candle.jpg', 'image/jpeg'),
					},
				},
			],
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});

	test('Image → Create Variation', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'createVariation',
				options: { n: 3, size: '256x256', responseFormat: 'b64_json', user: 'user-1' },
			},
			items: [{ json: {}, binary: { data: binaryFrom(makePng({ width: 6, height: 6 }), 'logo.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records, 1);
	});
});
