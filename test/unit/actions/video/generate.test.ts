import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { makeJpegStub, makePng } from '../../../support/media-files';
import { videoWaitSpec } from '../../../../nodes/OpenAiToolkit/actions/video/fields';

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const MB = 1024 * 1024;

describe('Video → Generate', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		jest.replaceProperty(videoWaitSpec, 'intervalMin', 0.001);
	});
	afterEach(() => jest.restoreAllMocks());
	const credentials = () => ({ baseUrl: server.url });
	const generate = (extra: Record<string, unknown> = {}) => ({
		resource: 'video',
		operation: 'generate',
		prompt: 'A calico cat playing a piano on stage',
		waitPollInterval: 0.001,
		...extra,
	});
	const calls = () => server.requests.map((r) => `${r.method} ${r.path}${r.query.variant ? `?variant=${r.query.variant}` : ''}`);

	test('waits queued → in_progress → completed, then downloads the MP4 into the output binary field', async () => {
		const { output, written } = await runNode({ typeVersion: 2, parameters: generate(), credentials: credentials() });
		expect(calls()).toEqual([
			'POST /v1/videos',
			'GET /v1/videos/video_0001',
			'GET /v1/videos/video_0001',
			'GET /v1/videos/video_0001/content?variant=video',
		]);
		// Multipart, exactly the documented fields: the defaults are sent as they are chosen.
		expect(server.requests[0].headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(server.requests[0].body).toEqual({ prompt: 'A calico cat playing a piano on stage', model: 'sora-2', size: '720x1280', seconds: '4' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: 'video_0001', object: 'video', status: 'completed', progress: 100, error: null });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const binary = output[0].binary!.data;
		expect(binary).toMatchObject({ fileName: 'video_0001.mp4', mimeType: 'video/mp4', fileExtension: 'mp4' });
		expect(Buffer.from(binary.data, 'base64').subarray(4, 12).toString('latin1')).toBe('ftypmp42');
		expect(written).toHaveLength(1);
	});

	test('without Wait For Completion the output is the job as created, nothing is polled or downloaded', async () => {
		const { output } = await runNode({
			typeVersion: 2,
			parameters: generate({ waitForCompletion: false, videoModel: model('sora-2-pro'), size: '1792x1024', seconds: '12' }),
			credentials: credentials(),
		});
		expect(calls()).toEqual(['POST /v1/videos']);
		expect(server.requests[0].body).toEqual({ prompt: 'A calico cat playing a piano on stage', model: 'sora-2-pro', size: '1792x1024', seconds: '12' });
		expect(output[0].json).toMatchObject({ id: 'video_0001', status: 'queued', progress: 0, size: '1792x1024', seconds: '12' });
		expect(output[0].binary).toBeUndefined();
	});

	test('the output field can be chosen; Additional Body Fields are merged into the form', async () => {
		const { output } = await runNode({
			typeVersion: 2,
			parameters: generate({ binaryPropertyOutput: 'clip', options: { additionalBodyFields: '{"seconds": "8"}' } }),
			credentials: credentials(),
		});
		expect(server.requests[0].body.seconds).toBe('8');
		expect(Object.keys(output[0].binary!)).toEqual(['clip']);
	});

	test('a reference image from a binary field goes as the input_reference file of the multipart body', async () => {
		const image = makePng({ width: 720, height: 1280 });
		await runNode({
			typeVersion: 2,
			parameters: generate({ waitForCompletion: false, options: { inputReference: 'frame' } }),
			items: [{ json: {}, binary: { frame: binaryFrom(image, 'first-frame', 'application/octet-stream') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			prompt: 'A calico cat playing a piano on stage',
			model: 'sora-2',
			size: '720x1280',
			seconds: '4',
			input_reference: { filename: 'first-frame.png', type: 'image/png', size: image.length, content: image },
		});
	});

	test('a JPEG reference image is sent with its own type (its size cannot be read from the header)', async () => {
		const jpeg = makeJpegStub();
		await runNode({
			typeVersion: 2,
			parameters: generate({ waitForCompletion: false, options: { inputReference: 'data' } }),
			items: [{ json: {}, binary: { data: binaryFrom(jpeg, 'frame.jpg', 'image/jpeg') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.input_reference).toMatchObject({ filename: 'frame.jpg', type: 'image/jpeg', size: jpeg.length });
	});

	test("a failed job fails the item with OpenAI's error; under Continue On Fail the other items go on", async () => {
		const prompts = ['A storm [fail]', 'A sunny beach'];
		const { output } = await runNode({
			typeVersion: 2,
			parameters: generate({ prompt: (i: number) => prompts[i] }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(2);
		expect(output[0].json).toMatchObject({ error: 'Your request was blocked by our moderation system.' });
		expect(String(output[0].json.description)).toMatch(/^Video video_000\d failed, code: moderation_blocked/);
		expect(output[0].binary).toBeUndefined();
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json).toMatchObject({ status: 'completed', prompt: 'A sunny beach' });
		expect(output[1].binary!.data.mimeType).toBe('video/mp4');
		// The failed job's content was never asked for.
		const failedId = server.state.videos.jobs.find((v: { prompt: string }) => v.prompt.includes('[fail]')).id;
		expect(calls()).not.toContain(`GET /v1/videos/${failedId}/content?variant=video`);
	});

	test('a failed job without Continue On Fail stops the node with that error', async () => {
		const error = await runNodeExpectingError({ typeVersion: 2, parameters: generate({ prompt: 'x [fail]' }), credentials: credentials() });
		expect(error.message).toBe('Your request was blocked by our moderation system.');
	});

	test('a job that is not ready within the timeout fails the item and says it goes on', async () => {
		const error = await runNodeExpectingError({
			typeVersion: 2,
			parameters: generate({ waitPollInterval: 1, waitTimeout: 0.001 }),
			credentials: credentials(),
		});
		expect(error.message).toBe('The video video_0001 was not ready within 0.001 minutes (status: queued, 0% done)');
		expect(error.description).toMatch(/goes on rendering at OpenAI/);
	});

	test("OpenAI's 4xx comes through with its message; a 5xx is retried", async () => {
		const error = await runNodeExpectingError({
			typeVersion: 2,
			parameters: generate({ videoModel: model('sora-9') }),
			credentials: credentials(),
		});
		expect(error.message).toMatch(/The model 'sora-9' does not exist/);
		server.reset();
		server.queueFault({ status: 500, body: { error: { message: 'boom', type: 'server_error', param: null, code: null } }, path: '/v1/videos' });
		const { output } = await runNode({ typeVersion: 2, parameters: generate({ waitForCompletion: false }), credentials: credentials() });
		expect(calls()).toEqual(['POST /v1/videos', 'POST /v1/videos']);
		expect(output[0].json.status).toBe('queued');
	});

	describe('checks before sending, each naming its field and the item', () => {
		const png = (width: number, height: number) => binaryFrom(makePng({ width, height }), 'f.png', 'image/png');
		const cases: Array<[string, Record<string, unknown>, Record<string, ReturnType<typeof binaryFrom>> | undefined, string]> = [
			['empty prompt', { prompt: '  ' }, undefined, "The field 'Prompt' is empty"],
			['too long prompt', { prompt: 'a'.repeat(32001) }, undefined, "The field 'Prompt' is 32001 characters long; OpenAI takes at most 32000"],
			['empty model', { videoModel: model(' ') }, undefined, "The field 'Model' is empty"],
			['size from an expression', { size: '640x480' }, undefined, "The field 'Size' must be one of 720x1280, 1280x720, 1024x1792, 1792x1024 (got '640x480')"],
			['sora-2 and a pro size', { size: '1024x1792' }, undefined, "The field 'Size': sora-2 does not make 1024x1792 videos"],
			['seconds from an expression', { seconds: 5 }, undefined, "The field 'Seconds' must be one of 4, 8, 12 (got '5')"],
			['NaN poll interval', { waitPollInterval: NaN }, undefined, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
			['infinite timeout', { waitTimeout: Infinity }, undefined, "The field 'Timeout (Minutes)' must be a number (got 'Infinity')"],
			['negative timeout', { waitTimeout: -1 }, undefined, "The field 'Timeout (Minutes)' must be between 0.001 and 10080 (got -1)"],
			['text timeout', { waitTimeout: 'abc' }, undefined, "The field 'Timeout (Minutes)' must be a number (got 'abc')"],
			['bad additional fields', { options: { additionalBodyFields: '{"a": ' } }, undefined, "Invalid JSON in field 'Additional Body Fields (JSON)'"],
			['empty reference field', { options: { inputReference: ' ' } }, undefined, "The field 'Reference Image Field' is empty"],
			[
				'missing reference binary',
				{ options: { inputReference: 'frame' } },
				{ data: png(720, 1280) },
				"The field 'Reference Image Field' names the binary property 'frame', which the input item does not have",
			],
			[
				'reference not an image',
				{ options: { inputReference: 'data' } },
				{ data: binaryFrom('hello', 'a.txt', 'text/plain') },
				"The image in 'Reference Image Field' (binary property 'data') must be a PNG, JPEG or WebP image, but it is none of these",
			],
			[
				'reference of another size',
				{ options: { inputReference: 'data' } },
				{ data: png(1280, 720) },
				"The image in 'Reference Image Field' (binary property 'data') is 1280x720 pixels, but the video is 720x1280; they must be the same size",
			],
			[
				'reference too big',
				{ options: { inputReference: 'data' } },
				{ data: binaryFrom(Buffer.alloc(20 * MB + 1), 'big.png', 'image/png') },
				"The file in 'Reference Image Field' (binary property 'data') is 20 MB, over the limit for reference images of 20 MB",
			],
		];

		test.each(cases)('%s', async (_name, extra, binary, message) => {
			const error = await runNodeExpectingError({
				typeVersion: 2,
				parameters: generate(extra),
				items: [{ json: {}, ...(binary ? { binary } : {}) }],
				credentials: credentials(),
			});
			expect(error.message).toBe(message);
			expect(error.description).toMatch(/Item 1 \(index 0\)\.$/);
			expect(server.requests).toHaveLength(0);
		});

		test('under Continue On Fail a bad item is an error item and the good one is sent', async () => {
			const sizes = ['999x999', '1280x720'];
			const { output } = await runNode({
				typeVersion: 2,
				parameters: generate({ waitForCompletion: false, size: (i: number) => sizes[i] }),
				items: [{ json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output[0].json.error).toMatch(/^The field 'Size' must be one of/);
			expect(output[1].json).toMatchObject({ status: 'queued', size: '1280x720' });
			expect(server.requests).toHaveLength(1);
		});
	});
});
