import { BINARY_ENCODING, type IBinaryData } from 'n8n-workflow';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { TEST_API_KEY } from '../../../support/constants';
import { readPngInfo } from '../../../../nodes/OpenAiToolkit/actions/image/png';

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const bytesOf = (binary: IBinaryData | undefined) => Buffer.from(binary!.data, BINARY_ENCODING);

describe('Image → Generate', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const generations = () => server.requests.filter((r) => r.path === '/v1/images/generations');

	test('dall-e-3 by default: the URL is downloaded (without the API key) into a binary PNG, URL and revised prompt in JSON', async () => {
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'generate', prompt: 'A lighthouse at dawn' },
			credentials: credentials(),
		});
		expect(generations()[0].body).toEqual({ model: 'dall-e-3', prompt: 'A lighthouse at dawn' });
		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.json).toEqual({
			index: 0,
			created: 1700000000,
			url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/fake-cdn\/images\/img-1\.png\?se=/),
			revised_prompt: 'A detailed rendering of: A lighthouse at dawn',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ fileName: 'image-1.png', mimeType: 'image/png' });
		expect(readPngInfo(bytesOf(item.binary?.data))).toMatchObject({ width: 1024, height: 1024 });

		const download = server.requests.find((r) => r.method === 'GET');
		expect(download?.path).toBe('/fake-cdn/images/img-1.png');
		expect(download?.headers.authorization).toBeUndefined();
		expect(JSON.stringify(download?.headers)).not.toContain(TEST_API_KEY);
	});

	test('dall-e-2 with every option it takes: exact body, one item per image decoded from base64', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('dall-e-2'),
				prompt: 'A red fox',
				options: { n: 3, size: '256x256', responseFormat: 'b64_json', user: 'user-42', quality: 'standard' },
			},
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
		});
		expect(generations()).toHaveLength(2);
		expect(generations()[0].body).toEqual({
			model: 'dall-e-2',
			prompt: 'A red fox',
			n: 3,
			size: '256x256',
			response_format: 'b64_json',
			user: 'user-42',
			quality: 'standard',
		});
		expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
		expect(output).toHaveLength(6);
		expect(output.map((item) => item.json.index)).toEqual([0, 1, 2, 0, 1, 2]);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 1, 1, 1]);
		expect(output.map((item) => item.binary?.data.fileName)).toEqual(['image-1.png', 'image-2.png', 'image-3.png', 'image-1.png', 'image-2.png', 'image-3.png']);
		expect(readPngInfo(bytesOf(output[2].binary?.data))).toMatchObject({ width: 256, height: 256 });
		expect(output[0].json.url).toBeUndefined();
	});

	test('a GPT image model: its options are sent, Response Format is not (it always returns base64), usage on the first item', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('gpt-image-1'),
				prompt: 'A glass teapot',
				options: {
					n: 2,
					size: '1536x1024',
					quality: 'high',
					background: 'transparent',
					outputFormat: 'webp',
					outputCompression: 80,
					moderation: 'low',
					responseFormat: 'url',
					binaryPropertyOutput: 'picture',
				},
			},
			credentials: credentials(),
		});
		expect(generations()[0].body).toEqual({
			model: 'gpt-image-1',
			prompt: 'A glass teapot',
			n: 2,
			size: '1536x1024',
			quality: 'high',
			background: 'transparent',
			output_format: 'webp',
			output_compression: 80,
			moderation: 'low',
		});
		expect(output).toHaveLength(2);
		expect(output[0].binary?.picture).toMatchObject({ fileName: 'image-1.webp', mimeType: 'image/webp' });
		expect(output[0].json).toMatchObject({ background: 'transparent', output_format: 'webp', quality: 'high', size: '1536x1024' });
		expect(output[0].json.usage).toMatchObject({ total_tokens: 50 + 2 * 1056 });
		expect(output[1].json.usage).toBeUndefined();
	});

	test('Keep URLs Only outputs the URLs and downloads nothing', async () => {
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'generate', model: model('dall-e-2'), prompt: 'A cat', options: { n: 2, keepUrlsOnly: true } },
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(output.map((item) => item.binary)).toEqual([undefined, undefined]);
		expect(output.map((item) => item.json.url)).toEqual([
			expect.stringContaining('/fake-cdn/images/img-1.png'),
			expect.stringContaining('/fake-cdn/images/img-2.png'),
		]);
	});

	test('Additional Body Fields (JSON) are merged into the body', async () => {
		await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('gpt-image-1'),
				prompt: 'A boat',
				options: { additionalBodyFields: '{"partial_images": 0, "quality": "low"}' },
			},
			credentials: credentials(),
		});
		expect(generations()[0].body).toEqual({ model: 'gpt-image-1', prompt: 'A boat', partial_images: 0, quality: 'low' });
	});

	test.each([
		['dall-e-2', 1000],
		['dall-e-3', 4000],
		['gpt-image-1', 32000],
	])('a prompt over the %s limit (%i) is refused before sending, naming the field and the item', async (modelId, limit) => {
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'generate', model: model(modelId), prompt: 'x'.repeat(limit), options: { keepUrlsOnly: true } },
			credentials: credentials(),
		});
		expect(output).toHaveLength(1);
		server.reset();
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'generate', model: model(modelId), prompt: 'x'.repeat(limit + 1) },
			credentials: credentials(),
		});
		expect(error.message).toBe(
			`The field 'Prompt' has ${(limit + 1).toLocaleString('en-US')} characters; ${modelId} accepts at most ${limit.toLocaleString('en-US')}`,
		);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(error.context?.itemIndex).toBe(0);
		expect(server.requests).toHaveLength(0);
	});

	test('under Continue On Fail, a too-long prompt fails its item only and the others go on', async () => {
		const prompts = ['A short one', 'y'.repeat(1001), 'Another short one'];
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'generate', model: model('dall-e-2'), prompt: (i: number) => prompts[i], options: { responseFormat: 'b64_json' } },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(3);
		expect(output[0].binary?.data.mimeType).toBe('image/png');
		expect(output[1].json.error).toBe(
			"The field 'Prompt' has 1,001 characters; dall-e-2 accepts at most 1,000",
		);
		expect(output[1].json.description).toContain('Item 2 (index 1).');
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].binary?.data.mimeType).toBe('image/png');
		expect(generations().map((r) => r.body.prompt)).toEqual(['A short one', 'Another short one']);
	});

	test('a model this node does not know (another server) gets any prompt length', async () => {
		server.on('POST', '/v1/images/generations', () => ({ status: 200, body: { created: 1, data: [{ b64_json: Buffer.from('img').toString('base64') }] } }));
		const { output } = await runNode({
			parameters: { resource: 'image', operation: 'generate', model: model('stable-diffusion-xl'), prompt: 'z'.repeat(40000) },
			credentials: credentials(),
		});
		expect(server.requests[0].body.prompt).toHaveLength(40000);
		expect(output[0].binary?.data).toMatchObject({ fileName: 'image-1.png', mimeType: 'image/png' });
	});

	test('an empty description is refused', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'generate', prompt: '   ' },
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Prompt' is empty");
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('dall-e-3 takes one image per request: Number of Images 2 is refused; under Continue On Fail the others go on', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('dall-e-3'),
				prompt: 'A tree',
				options: (i: number) => ({ n: i === 0 ? 2 : 1, keepUrlsOnly: true }),
			},
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe("The field 'Number of Images' must be 1 for dall-e-3 (got 2)");
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(output[1].json.url).toEqual(expect.stringContaining('/fake-cdn/images/'));
		expect(generations()).toHaveLength(1);
	});

	test('Number of Images outside 1–10 is refused', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'generate', model: model('dall-e-2'), prompt: 'A tree', options: { n: 11 } },
			credentials: credentials(),
		});
		expect(error.message).toBe("The field 'Number of Images' must be between 1 and 10 (got 11)");
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('a size the model does not accept is refused with the sizes it does; under Continue On Fail the others go on', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('dall-e-2'),
				prompt: 'A tree',
				options: (i: number) => ({ size: i === 0 ? '1792x1024' : '512x512', keepUrlsOnly: true }),
			},
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe("The field 'Size' is '1792x1024', which dall-e-2 does not accept");
		expect(output[0].json.description).toContain('Item 1 (index 0).');
		expect(output[0].json.description).toBe('dall-e-2 accepts: 256x256, 512x512, 1024x1024. Item 1 (index 0).');
		expect(output[1].json.url).toBeDefined();
		expect(generations()).toHaveLength(1);
	});

	test('gpt-image-2 also takes a free WIDTHxHEIGHT size', async () => {
		await runNode({
			parameters: { resource: 'image', operation: 'generate', model: model('gpt-image-2'), prompt: 'A tree', options: { size: '1536x864' } },
			credentials: credentials(),
		});
		expect(generations()[0].body.size).toBe('1536x864');
	});

	test('an image URL that cannot be downloaded is a clear error that suggests Keep URLs Only', async () => {
		server.queueFault({ path: /^\/fake-cdn\//, status: 403, body: 'AuthenticationFailed', headers: { 'content-type': 'text/plain' } });
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'generate', prompt: 'A tree' },
			credentials: credentials(),
		});
		expect(error.message).toBe('Could not download image 1 from the URL OpenAI returned: HTTP 403');
		expect(error.description).toContain('Item 1 (index 0).');
		expect(error.description).toContain("Turn on 'Keep URLs Only'");
	});

	test("OpenAI's own error comes through with status, param and code", async () => {
		const error = await runNodeExpectingError({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('gpt-image-1'),
				prompt: 'A tree',
				options: { additionalBodyFields: '{"response_format": "url"}' },
			},
			credentials: credentials(),
		});
		expect(error.message).toBe("Unknown parameter: 'response_format'.");
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('param: response_format');
		expect(error.description).toContain('code: unknown_parameter');
	});

	test.each([
		['n', NaN, "The field 'Number of Images' must be a number (got 'NaN')"],
		['n', 'abc', "The field 'Number of Images' must be a number (got 'abc')"],
		['n', Infinity, "The field 'Number of Images' must be a number (got 'Infinity')"],
		['n', 0, "The field 'Number of Images' must be between 1 and 10 (got 0)"],
		['n', 2.5, "The field 'Number of Images' must be a whole number (got 2.5)"],
		['outputCompression', -1, "The field 'Output Compression' must be between 0 and 100 (got -1)"],
		['outputCompression', 101, "The field 'Output Compression' must be between 0 and 100 (got 101)"],
		['outputCompression', 'abc', "The field 'Output Compression' must be a number (got 'abc')"],
		['outputCompression', 50.5, "The field 'Output Compression' must be a whole number (got 50.5)"],
	])('%s = %p is refused naming the field and the item, nothing sent', async (option, value, message) => {
		const { output } = await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('gpt-image-1'),
				prompt: 'A tree',
				options: (i: number) => (i === 1 ? { [option]: value } : {}),
			},
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[1].json.error).toBe(message);
		expect(output[1].json.description).toBe('Item 2 (index 1).');
		expect(generations()).toHaveLength(1);
	});

	test('Output Compression and a trimmed User ID are sent as numbers and text; a blank User ID is not sent', async () => {
		await runNode({
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: model('gpt-image-1'),
				prompt: 'A tree',
				options: (i: number) => (i === 0 ? { outputCompression: '40', outputFormat: 'jpeg', user: '  user-7 ' } : { user: '  ' }),
			},
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
		});
		expect(generations()[0].body).toMatchObject({ output_compression: 40, output_format: 'jpeg', user: 'user-7' });
		expect(generations()[1].body.user).toBeUndefined();
	});

	test('an image URL that is not http(s) is refused without a download', async () => {
		server.on('POST', '/v1/images/generations', () => ({ status: 200, body: { created: 1, data: [{ url: 'file:///etc/passwd' }] } }));
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'generate', prompt: 'A tree' },
			credentials: credentials(),
		});
		expect(error.message).toBe('Could not download image 1 from the URL OpenAI returned: only http and https URLs are downloaded, not file');
		expect(error.description).toBe("Turn on 'Keep URLs Only' to output the URL instead. Item 1 (index 0).");
		expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
	});

	test('a cancelled execution ends an image download at once', async () => {
		server.on('GET', /^\/fake-cdn\/images\//, () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: 'late' }), 5000)));
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 100);
		const error = await runNodeExpectingError({
			parameters: { resource: 'image', operation: 'generate', prompt: 'A tree' },
			credentials: credentials(),
			cancelSignal: controller.signal,
		});
		expect(error.message).toMatch(/aborted|cancel/i);
		expect(Date.now() - started).toBeLessThan(3000);
	});
});
