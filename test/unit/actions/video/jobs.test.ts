import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../../support/storedBinaries';
import { videoWaitSpec } from '../../../../nodes/OpenAiToolkit/actions/video/fields';
import { seedVideo } from './seed';

/** The start of an MP4 file: an 'ftyp' box. */
const mp4 = (extra = 'frames') => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.from(extra)]);

describe('Video → Remix, Edit, Extend', () => {
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
	const calls = () => server.requests.map((r) => `${r.method} ${r.path}`);

	test('Remix: POST /videos/{id}/remix with the prompt as JSON, then waits and downloads', async () => {
		const source = await seedVideo(server);
		const { output } = await runNode({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'remix', videoId: ` ${source} `, prompt: 'Make it snow', waitPollInterval: 0.001 },
			credentials: credentials(),
		});
		expect(calls()).toEqual([
			`POST /v1/videos/${source}/remix`,
			'GET /v1/videos/video_0002',
			'GET /v1/videos/video_0002',
			'GET /v1/videos/video_0002/content',
		]);
		expect(server.requests[0].body).toEqual({ prompt: 'Make it snow' });
		expect(output[0].json).toMatchObject({ id: 'video_0002', status: 'completed', remixed_from_video_id: source });
		expect(output[0].binary!.data).toMatchObject({ fileName: 'video_0002.mp4', mimeType: 'video/mp4' });
	});

	test('Remix of an unknown video: the 404 is the item error under Continue On Fail', async () => {
		const { output } = await runNode({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'remix', videoId: 'video_nope', prompt: 'x', waitForCompletion: false },
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json).toMatchObject({ error: "Video with id 'video_nope' not found.", status: 404 });
	});

	test('Edit by video ID: JSON with the prompt and video.id; without waiting the job is output', async () => {
		const source = await seedVideo(server);
		const { output } = await runNode({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'edit', videoId: source, prompt: 'Turn the sky purple', waitForCompletion: false },
			credentials: credentials(),
		});
		expect(calls()).toEqual(['POST /v1/videos/edits']);
		expect(server.requests[0].headers['content-type']).toMatch(/^application\/json/);
		expect(server.requests[0].body).toEqual({ prompt: 'Turn the sky purple', video: { id: source } });
		expect(output[0].json).toMatchObject({ id: 'video_0002', status: 'queued' });
	});

	test('Edit an uploaded video: the file streams from the binary store as the video part', async () => {
		const content = mp4('x'.repeat(5000));
		const { output, opened } = await runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'edit', videoSource: 'binary', prompt: 'Add rain', waitForCompletion: false },
			items: [{ json: {}, binary: { data: storedBinary('clip', { content, fileName: 'clip.mp4', mimeType: 'video/mp4' }) } }],
			files: { clip: { content, fileName: 'clip.mp4', mimeType: 'video/mp4' } },
			chunkSize: 1000,
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			prompt: 'Add rain',
			video: { filename: 'clip.mp4', type: 'video/mp4', size: content.length, content },
		});
		// Once for the format check (its first bytes only), once as it was sent.
		expect(opened).toEqual(['filesystem-v2:clip', 'filesystem-v2:clip']);
		expect(output[0].json.status).toBe('queued');
	});

	test('Extend: prompt, seconds and the source; the wait ends with the whole video as a file', async () => {
		const source = await seedVideo(server);
		const { output } = await runNode({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'extend', videoId: source, prompt: 'The ship sails away', seconds: '16', waitPollInterval: 0.001 },
			credentials: credentials(),
		});
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/videos/extensions' });
		expect(server.requests[0].body).toEqual({ prompt: 'The ship sails away', seconds: '16', video: { id: source } });
		expect(output[0].json).toMatchObject({ status: 'completed', seconds: '24' });
		expect(output[0].binary!.data.mimeType).toBe('video/mp4');
	});

	test('an upload is sent again when the server answers 500 (the stream is opened afresh)', async () => {
		server.queueFault({ status: 500, body: { error: { message: 'boom', type: 'server_error', param: null, code: null } }, path: '/v1/videos/extensions' });
		const content = mp4();
		const { output } = await runNode({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'extend', videoSource: 'binary', prompt: 'On and on', seconds: '4', waitForCompletion: false },
			items: [{ json: {}, binary: { data: binaryFrom(content, 'in.mp4', 'video/mp4') } }],
			credentials: credentials(),
		});
		expect(calls()).toEqual(['POST /v1/videos/extensions', 'POST /v1/videos/extensions']);
		expect(server.requests[1].body.video).toMatchObject({ filename: 'in.mp4', size: content.length });
		expect(output[0].json.status).toBe('queued');
	});

	const bad: Array<[string, Record<string, unknown>, Record<string, ReturnType<typeof binaryFrom>> | undefined, string]> = [
		['Edit without a video ID', { operation: 'edit', videoId: ' ', prompt: 'x' }, undefined, "The field 'Video ID' is empty"],
		['Remix without a prompt', { operation: 'remix', videoId: 'video_1', prompt: '' }, undefined, "The field 'Prompt' is empty"],
		['Extend with 30 seconds', { operation: 'extend', videoId: 'video_1', prompt: 'x', seconds: '30' }, undefined, "The field 'Seconds' must be one of 4, 8, 12, 16, 20 (got '30')"],
		[
			'Edit with a file that is no video',
			{ operation: 'edit', videoSource: 'binary', prompt: 'x' },
			{ data: binaryFrom('not a video', 'a.mp4', 'video/mp4') },
			"The file in 'Input Binary Field' (binary property 'data') is not a video OpenAI takes (MP4, MOV or WebM)",
		],
		[
			'Extend with an empty file',
			{ operation: 'extend', videoSource: 'binary', prompt: 'x' },
			{ data: binaryFrom(Buffer.alloc(0), 'a.mp4', 'video/mp4') },
			"The file in 'Input Binary Field' (binary property 'data') is empty (0 bytes)",
		],
		['Remix with a NaN poll interval', { operation: 'remix', videoId: 'video_1', prompt: 'x', waitPollInterval: NaN }, undefined, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
	];
	test.each(bad)('checked before sending: %s', async (_name, parameters, binary, message) => {
		const error = await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', ...parameters },
			items: [{ json: {}, ...(binary ? { binary } : {}) }],
			credentials: credentials(),
		});
		expect(error.message).toBe(message);
		expect(error.description).toMatch(/Item 1 \(index 0\)\.$/);
		expect(server.requests).toHaveLength(0);
	});
});
