import { BINARY_ENCODING } from 'n8n-workflow';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { makeJpegStub, makePng } from '../../../support/media-files';
import { readPngInfo } from '../../../../nodes/OpenAiToolkit/actions/image/png';

const file = (content: Buffer, filename: string, type: string) => ({ filename, type, size: content.length, content });

describe('Image → Create Variation', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const variations = () => server.requests.filter((r) => r.path === '/v1/images/variations');

	test('a square PNG: the exact multipart fields, one binary item per variation', async () => {
		const image = makePng({ width: 12, height: 12, colorType: 2 });
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'createVariation',
				binaryPropertyName: 'source',
				options: { n: 2, size: '512x512', responseFormat: 'b64_json', user: 'user-9', binaryPropertyOutput: 'variation' },
			},
			items: [{ json: {}, binary: { source: binaryFrom(image, 'logo.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(variations()[0].body).toEqual({
			model: 'dall-e-2',
			n: '2',
			size: '512x512',
			response_format: 'b64_json',
			user: 'user-9',
			image: file(image, 'logo.png', 'image/png'),
		});
		expect(output).toHaveLength(2);
		expect(output[1].binary?.variation).toMatchObject({ fileName: 'variation-2.png', mimeType: 'image/png' });
		expect(readPngInfo(Buffer.from(output[0].binary!.variation.data, BINARY_ENCODING))).toMatchObject({ width: 512, height: 512 });
	});

	test('the default: only the model and the image; the URL answer is downloaded', async () => {
		const image = makePng({ width: 4, height: 4 });
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'createVariation' },
			items: [{ json: {}, binary: { data: binaryFrom(image, 'a.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(variations()[0].body).toEqual({ model: 'dall-e-2', image: file(image, 'a.png', 'image/png') });
		expect(output[0].json.url).toEqual(expect.stringContaining('/fake-cdn/images/img-1.png'));
		expect(output[0].binary?.data).toMatchObject({ fileName: 'variation-1.png', mimeType: 'image/png' });
		expect(readPngInfo(Buffer.from(output[0].binary!.data.data, BINARY_ENCODING))).toMatchObject({ width: 4, height: 4 });
	});

	test('a non-square image is refused before sending', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'createVariation' },
			items: [{ json: {}, binary: { data: binaryFrom(makePng({ width: 5, height: 3 }), 'a.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe(
			"The image in 'Input Binary Field' (binary property 'data') must be square for dall-e-2, but it is 5×3 pixels",
		);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('an image that is not a PNG is refused before sending', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'createVariation' },
			items: [{ json: {}, binary: { data: binaryFrom(makeJpegStub(), 'a.jpg', 'image/jpeg') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe(
			"The image in 'Input Binary Field' (binary property 'data') must be a PNG for dall-e-2, but it is a JPEG",
		);
		expect(error.description).toContain('Item 1 (index 0).');
	});

	test('a PNG of 4 MB or more is refused before sending', async () => {
		const big = makePng({ extraChunks: [{ type: 'zTXt', data: Buffer.alloc(4 * 1024 * 1024) }] });
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'createVariation' },
			items: [{ json: {}, binary: { data: binaryFrom(big, 'big.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe("The file in 'Input Binary Field' (binary property 'data') is 4 MB, over dall-e-2's limit of 4 MB");
		expect(server.requests).toHaveLength(0);
	});

	test('a size dall-e-2 does not make is refused', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'createVariation', options: { size: '1024x1536' } },
			items: [{ json: {}, binary: { data: binaryFrom(makePng(), 'a.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Size' is '1024x1536', which dall-e-2 does not accept");
		expect(error.description).toContain('Item 1 (index 0).');
	});

	test('a missing binary field is a clear error', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'createVariation', binaryPropertyName: 'picture' },
			items: [{ json: {} }],
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Input Binary Field' names the binary property 'picture', which the input item does not have");
	});

	test('under Continue On Fail, a refused image fails its item only', async () => {
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'createVariation', options: { keepUrlsOnly: true } },
			items: [
				{ json: {}, binary: { data: binaryFrom(makePng({ width: 6, height: 2 }), 'wide.png', 'image/png') } },
				{ json: {}, binary: { data: binaryFrom(makePng(), 'ok.png', 'image/png') } },
			],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(2);
		expect(output[0].json.error).toContain('must be square for dall-e-2, but it is 6×2 pixels');
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(output[1].json.url).toBeDefined();
		expect(variations()).toHaveLength(1);
	});

	test.each([
		['abc', "The field 'Number of Images' must be a number (got 'abc')"],
		[11, "The field 'Number of Images' must be between 1 and 10 (got 11)"],
		[-Infinity, "The field 'Number of Images' must be a number (got '-Infinity')"],
	])('Number of Images %p is refused before sending', async (n, message) => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'createVariation', options: { n } },
			items: [{ json: {}, binary: { data: binaryFrom(makePng({ width: 4, height: 4 }), 'a.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe(message);
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});
});
