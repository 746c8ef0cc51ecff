import { BINARY_ENCODING, type IBinaryKeyData } from 'n8n-workflow';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { runNodeWithStore, runNodeWithStoreExpectingError, storedBinary } from '../../../support/storedBinaries';
import { makeJpegStub, makePng, makeWebpStub } from '../../../support/media-files';
import { readPngInfo } from '../../../../nodes/OpenAiToolkit/actions/image/png';

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const png = (options: Parameters<typeof makePng>[0] = {}) => makePng(options);
const file = (content: Buffer, filename: string, type: string) => ({ filename, type, size: content.length, content });
const MB = 1024 * 1024;

describe('Image → Edit', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const edits = () => server.requests.filter((r) => r.path === '/v1/images/edits');
	const run = (parameters: Record<string, unknown>, binary: IBinaryKeyData, extra: { continueOnFail?: boolean } = {}) =>
		runNode({ parameters: { resource: 'image', operation: 'edit', ...parameters }, items: [{ json: {}, binary }], credentials: credentials(), ...extra });
	const runError = (parameters: Record<string, unknown>, binary: IBinaryKeyData) =>
		runNodeExpectingError({ parameters: { resource: 'image', operation: 'edit', ...parameters }, items: [{ json: {}, binary }], credentials: credentials() });

	test('dall-e-2, an RGBA PNG without a mask: the exact multipart fields, the edited image as binary data', async () => {
		const image = png({ width: 8, height: 8, colorType: 6 });
		const { output } = await run(
			{ prompt: 'Add a hat', options: { n: 2, size: '256x256', responseFormat: 'b64_json', user: 'user-7' } },
			{ data: binaryFrom(image, 'photo.png', 'image/png') },
		);
		expect(edits()).toHaveLength(1);
		expect(edits()[0].body).toEqual({
			model: 'dall-e-2',
			prompt: 'Add a hat',
			n: '2',
			size: '256x256',
			response_format: 'b64_json',
			user: 'user-7',
			image: file(image, 'photo.png', 'image/png'),
		});
		expect(output).toHaveLength(2);
		expect(output[1].binary?.data).toMatchObject({ fileName: 'edited-image-2.png', mimeType: 'image/png' });
		const result = Buffer.from(output[0].binary!.data.data, BINARY_ENCODING);
		expect(readPngInfo(result)).toMatchObject({ width: 256, height: 256 });
	});

	test('dall-e-2 with a mask: an opaque image is fine, the mask goes along as a PNG file', async () => {
		const image = png({ width: 16, height: 16, colorType: 2 });
		const mask = png({ width: 16, height: 16, colorType: 6, pixel: [0, 0, 0, 0] });
		const { output } = await run(
			{ prompt: 'A pool in the garden', maskBinaryPropertyName: 'mask', options: { keepUrlsOnly: true } },
			{ data: binaryFrom(image, 'garden.png', 'image/png'), mask: binaryFrom(mask, 'mask.png', 'image/png') },
		);
		expect(edits()[0].body).toEqual({
			model: 'dall-e-2',
			prompt: 'A pool in the garden',
			image: file(image, 'garden.png', 'image/png'),
			mask: file(mask, 'mask.png', 'image/png'),
		});
		expect(output[0].json.url).toEqual(expect.stringContaining('/fake-cdn/images/'));
	});

	test('the format comes from the bytes: a PNG named without extension and typed octet-stream goes as image/png', async () => {
		const image = png({ colorType: 4 });
		const binary = binaryFrom(image, 'upload', 'application/octet-stream');
		await run({ prompt: 'Brighter', options: { keepUrlsOnly: true } }, { data: binary });
		expect(edits()[0].body.image).toEqual(file(image, 'upload.png', 'image/png'));
	});

	test('a palette PNG with a tRNS chunk counts as transparent for dall-e-2', async () => {
		await run({ prompt: 'Brighter', options: { keepUrlsOnly: true } }, { data: binaryFrom(png({ colorType: 3, trns: true }), 'p.png', 'image/png') });
		expect(edits()).toHaveLength(1);
	});

	test('a GPT image model with several images (PNG, JPEG, WebP) and its options: every image sent as image[]', async () => {
		const first = png({ width: 4, height: 6, colorType: 2 });
		const second = makeJpegStub();
		const third = makeWebpStub();
		const { output } = await run(
			{
				model: model('gpt-image-1'),
				prompt: 'A gift basket with these items',
				binaryPropertyName: 'first, second ,third',
				options: { quality: 'high', background: 'opaque', outputFormat: 'jpeg', outputCompression: 60, inputFidelity: 'high', responseFormat: 'url' },
			},
			{
				first: binaryFrom(first, 'soap.png', 'image/png'),
				second: binaryFrom(second, 'candle.jpg', 'image/jpeg'),
				third: binaryFrom(third, 'towel.webp', 'image/webp'),
			},
		);
		expect(edits()[0].body).toEqual({
			model: 'gpt-image-1',
			prompt: 'A gift basket with these items',
			quality: 'high',
			background: 'opaque',
			output_format: 'jpeg',
			output_compression: '60',
			input_fidelity: 'high',
			'image[]': [file(first, 'soap.png', 'image/png'), file(second, 'candle.jpg', 'image/jpeg'), file(third, 'towel.webp', 'image/webp')],
		});
		expect(output[0].binary?.data).toMatchObject({ fileName: 'edited-image-1.jpg', mimeType: 'image/jpeg' });
		expect(output[0].json.usage).toBeDefined();
	});

	test('an image from the binary store (filesystem mode) is read from its stream', async () => {
		const image = png({ width: 8, height: 8 });
		const { output, opened } = await runNodeWithStore({
			parameters: { resource: 'image', operation: 'edit', prompt: 'Sunset colours', options: { responseFormat: 'b64_json' } },
			items: [{ json: {}, binary: { data: storedBinary('photo', { content: image, fileName: 'photo.png', mimeType: 'image/png' }) } }],
			files: { photo: { content: image, fileName: 'photo.png', mimeType: 'image/png' } },
			credentials: credentials(),
		});
		expect(opened).toEqual(['filesystem-v2:photo']);
		expect(edits()[0].body.image).toEqual(file(image, 'photo.png', 'image/png'));
		expect(output[0].binary?.data.mimeType).toBe('image/png');
	});

	describe('checks before sending (dall-e-2 rules from the PNG header, GPT image limits)', () => {
		test('dall-e-2 needs a PNG: a JPEG is refused', async () => {
			const error = await runError({ prompt: 'x' }, { data: binaryFrom(makeJpegStub(), 'photo.jpg', 'image/jpeg') });
			expect(error.message).toBe(
				"The image in 'Image Binary Field(s)' (binary property 'data') must be a PNG for dall-e-2, but it is a JPEG",
			);
			expect(error.description).toContain('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('dall-e-2 needs a square image', async () => {
			const error = await runError({ prompt: 'x' }, { data: binaryFrom(png({ width: 8, height: 4 }), 'wide.png', 'image/png') });
			expect(error.message).toBe(
				"The image in 'Image Binary Field(s)' (binary property 'data') must be square for dall-e-2, but it is 8×4 pixels",
			);
			expect(error.description).toContain('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('dall-e-2 needs an image under 4 MB; a stored one is refused without being read', async () => {
			const big = { content: Buffer.alloc(0), reportedBytes: 4 * MB, fileName: 'big.png', mimeType: 'image/png' };
			const error = await runNodeWithStoreExpectingError({
				parameters: { resource: 'image', operation: 'edit', prompt: 'x' },
				items: [{ json: {}, binary: { data: storedBinary('big', big) } }],
				files: { big },
				credentials: credentials(),
			});
			expect(error.message).toBe(
				"The file in 'Image Binary Field(s)' (binary property 'data') is 4 MB, over dall-e-2's limit of 4 MB",
			);
			expect(error.description).toBe("dall-e-2 takes PNGs under 4 MB. 'big.png' was not sent. Item 1 (index 0).");
			expect(server.requests).toHaveLength(0);
		});

		test('a real PNG of 4 MB and more, held in memory, is refused too', async () => {
			const big = png({ width: 4, height: 4, extraChunks: [{ type: 'zTXt', data: Buffer.alloc(4 * MB) }] });
			const error = await runError({ prompt: 'x' }, { data: binaryFrom(big, 'big.png', 'image/png') });
			expect(error.message).toMatch(/^The file in 'Image Binary Field\(s\)' \(binary property 'data'\) is 4 MB, over dall-e-2's limit of 4 MB/);
			expect(server.requests).toHaveLength(0);
		});

		test('without a mask, dall-e-2 needs transparency: an RGB PNG without tRNS is refused', async () => {
			const error = await runError({ prompt: 'x' }, { data: binaryFrom(png({ colorType: 2 }), 'opaque.png', 'image/png') });
			expect(error.message).toBe(
				"The image in 'Image Binary Field(s)' (binary property 'data') has no transparency, and no mask is given",
			);
			expect(error.description).toContain('Item 1 (index 0).');
			expect(error.description).toContain("Set 'Mask Binary Field'");
			expect(server.requests).toHaveLength(0);
		});

		test('the mask must be the same size as the image', async () => {
			const error = await runError(
				{ prompt: 'x', maskBinaryPropertyName: 'mask' },
				{ data: binaryFrom(png({ width: 4, height: 4 }), 'a.png', 'image/png'), mask: binaryFrom(png({ width: 8, height: 8 }), 'm.png', 'image/png') },
			);
			expect(error.message).toBe(
				"The image in 'Mask Binary Field' (binary property 'mask') is 8×8 pixels, but the image is 4×4; they must be the same size",
			);
			expect(error.description).toContain('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('the mask must be a PNG', async () => {
			const error = await runError(
				{ prompt: 'x', maskBinaryPropertyName: 'mask' },
				{ data: binaryFrom(png(), 'a.png', 'image/png'), mask: binaryFrom(makeWebpStub(), 'm.webp', 'image/webp') },
			);
			expect(error.message).toBe("The image in 'Mask Binary Field' (binary property 'mask') must be a PNG, but it is a WebP image");
			expect(error.description).toContain('Item 1 (index 0).');
		});

		test('a missing mask field names the field, the property and those the item has', async () => {
			const error = await runError({ prompt: 'x', maskBinaryPropertyName: 'mask' }, { data: binaryFrom(png(), 'a.png', 'image/png') });
			expect(error.message).toBe("The field 'Mask Binary Field' names the binary property 'mask', which the input item does not have");
			expect(error.description).toBe('Binary properties on this item: data. Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('dall-e-2 edits one image: two field names are refused', async () => {
			const error = await runError(
				{ prompt: 'x', binaryPropertyName: 'a,b' },
				{ a: binaryFrom(png(), 'a.png', 'image/png'), b: binaryFrom(png(), 'b.png', 'image/png') },
			);
			expect(error.message).toBe("The field 'Image Binary Field(s)' names 2 images, but dall-e-2 edits one");
			expect(error.description).toContain('Item 1 (index 0).');
		});

		test('GPT image models take at most 16 images', async () => {
			const names = Array.from({ length: 17 }, (_, i) => `img${i}`);
			const binary = Object.fromEntries(names.map((name) => [name, binaryFrom(png(), `${name}.png`, 'image/png')]));
			const error = await runError({ model: model('gpt-image-1'), prompt: 'x', binaryPropertyName: names.join(',') }, binary);
			expect(error.message).toBe("The field 'Image Binary Field(s)' names 17 images; gpt-image-1 takes at most 16");
			expect(error.description).toContain('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('GPT image models take PNG, JPEG or WebP only', async () => {
			const error = await runError({ model: model('gpt-image-1'), prompt: 'x' }, { data: binaryFrom(Buffer.from('GIF89a-not-taken'), 'a.gif', 'image/gif') });
			expect(error.message).toBe(
				"The image in 'Image Binary Field(s)' (binary property 'data') must be a PNG, JPEG or WebP image, but it is none of these",
			);
			expect(error.description).toContain('Item 1 (index 0).');
		});

		test('GPT image models take images under 50 MB', async () => {
			const huge = { content: Buffer.alloc(0), reportedBytes: 50 * MB, fileName: 'huge.jpg', mimeType: 'image/jpeg' };
			const error = await runNodeWithStoreExpectingError({
				parameters: { resource: 'image', operation: 'edit', model: model('gpt-image-1'), prompt: 'x' },
				items: [{ json: {}, binary: { data: storedBinary('huge', huge) } }],
				files: { huge },
				credentials: credentials(),
			});
			expect(error.message).toBe("The file in 'Image Binary Field(s)' (binary property 'data') is 50 MB, over gpt-image-1's limit of 50 MB");
			expect(server.requests).toHaveLength(0);
		});

		test('the prompt limit applies to edits too (dall-e-2: 1,000 characters)', async () => {
			const error = await runError({ prompt: 'p'.repeat(1001) }, { data: binaryFrom(png(), 'a.png', 'image/png') });
			expect(error.message).toBe("The field 'Prompt' has 1,001 characters; dall-e-2 accepts at most 1,000");
			expect(error.description).toContain('Item 1 (index 0).');
		});

		test('under Continue On Fail, each refused item becomes an error item and the good ones are edited', async () => {
			const inputs = [
				binaryFrom(png({ width: 8, height: 8 }), 'good-1.png', 'image/png'),
				binaryFrom(png({ width: 8, height: 4 }), 'not-square.png', 'image/png'),
				binaryFrom(makeJpegStub(), 'photo.jpg', 'image/jpeg'),
				binaryFrom(png({ colorType: 2 }), 'opaque.png', 'image/png'),
				binaryFrom(png({ width: 4, height: 4 }), 'good-2.png', 'image/png'),
			];
			const { output } = await runNode({
				parameters: { resource: 'image', operation: 'edit', prompt: 'Add snow', options: { keepUrlsOnly: true } },
				items: inputs.map((data) => ({ json: {}, binary: { data } })),
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output).toHaveLength(5);
			expect(output[0].json.url).toBeDefined();
			expect(output[1].json.error).toContain('must be square for dall-e-2, but it is 8×4 pixels');
			expect(output[1].json.description).toContain('Item 2 (index 1).');
			expect(output[2].json.error).toContain('must be a PNG for dall-e-2, but it is a JPEG');
			expect(output[2].json.description).toContain('Item 3 (index 2).');
			expect(output[3].json.error).toContain('has no transparency, and no mask is given');
			expect(output[3].json.description).toContain('Item 4 (index 3).');
			expect(output[4].json.url).toBeDefined();
			expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
			expect(edits().map((r) => r.body.image.filename)).toEqual(['good-1.png', 'good-2.png']);
		});
	});

	test('an empty image file (0 bytes) is refused before sending, naming the field, the property and the item', async () => {
		const error = await runError({ model: model('gpt-image-1'), prompt: 'x', binaryPropertyName: 'data, blank' }, {
			data: binaryFrom(png(), 'a.png', 'image/png'),
			blank: binaryFrom(Buffer.alloc(0), 'blank.png', 'image/png'),
		});
		expect(error.message).toBe("The file in 'Image Binary Field(s)' (binary property 'blank') is empty (0 bytes)");
		expect(error.description).toBe("'blank.png' was not sent. Item 1 (index 0).");
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		[{ n: 'abc' }, "The field 'Number of Images' must be a number (got 'abc')"],
		[{ outputCompression: 200 }, "The field 'Output Compression' must be between 0 and 100 (got 200)"],
		[{ outputCompression: NaN }, "The field 'Output Compression' must be a number (got 'NaN')"],
	])('options %p are refused before anything is read or sent', async (options, message) => {
		const error = await runError({ model: model('gpt-image-1'), prompt: 'x', options }, { data: binaryFrom(png(), 'a.png', 'image/png') });
		expect(error.message).toBe(message);
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});
});
