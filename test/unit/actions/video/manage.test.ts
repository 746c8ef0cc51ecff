import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { VIDEO_DOWNLOAD_LIMIT } from '../../../../nodes/OpenAiToolkit/actions/video/content';
import { seedVideo } from './seed';

const mp4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42', 'latin1'), Buffer.from('cat')]);

describe('Video → Retrieve, List, Delete, Download Content, Characters', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters: { resource: 'video', ...parameters }, credentials: credentials(), ...extra });

	test('Retrieve: GET /videos/{id}, the job as one item', async () => {
		const id = await seedVideo(server, { completed: false });
		const { output } = await run({ operation: 'retrieve', videoId: id });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/videos/${id}`]);
		expect(output).toEqual([{ json: expect.objectContaining({ id, status: 'in_progress', progress: 50 }), pairedItem: { item: 0 } }]);
	});

	test('List: Return All follows the cursor pages; one item per video, newest first', async () => {
		for (let i = 0; i < 5; i++) await seedVideo(server, { completed: false });
		server.state.videos.pageSizeCap = 2;
		const { output } = await run({ operation: 'list', returnAll: true });
		expect(output.map((item) => item.json.id)).toEqual(['video_0005', 'video_0004', 'video_0003', 'video_0002', 'video_0001']);
		expect(server.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', after: 'video_0004' },
			{ limit: '100', after: 'video_0002' },
		]);
	});

	test('List: a limit and the order are sent; no more is fetched than asked for', async () => {
		for (let i = 0; i < 4; i++) await seedVideo(server, { completed: false });
		const { output } = await run({ operation: 'list', returnAll: false, limit: 3, options: { order: 'asc' } });
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '3', order: 'asc' }]);
		expect(output.map((item) => item.json.id)).toEqual(['video_0001', 'video_0002', 'video_0003']);
	});

	test.each([
		[{ limit: 0 }, "The field 'Limit' must be at least 1 (got 0)"],
		[{ limit: 2.5 }, "The field 'Limit' must be a whole number (got 2.5)"],
		[{ limit: NaN }, "The field 'Limit' must be a number (got 'NaN')"],
		[{ options: { order: 'sideways' } }, "The field 'Order' must be one of asc, desc (got 'sideways')"],
	])('List refuses %j before sending', async (extra, message) => {
		const error = await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'list', returnAll: false, ...extra },
			credentials: credentials(),
		});
		expect(error.message).toBe(message);
		expect(server.requests).toHaveLength(0);
	});

	test('Delete: DELETE /videos/{id}', async () => {
		const id = await seedVideo(server);
		const { output } = await run({ operation: 'delete', videoId: id });
		expect(server.requests[0]).toMatchObject({ method: 'DELETE', path: `/v1/videos/${id}` });
		expect(output[0].json).toEqual({ object: 'video.deleted', deleted: true, id });
	});

	test.each([
		['video', 'video/mp4', 'mp4', ''],
		['thumbnail', 'image/webp', 'webp', '-thumbnail'],
		['spritesheet', 'image/jpeg', 'jpg', '-spritesheet'],
	])('Download Content %s: the right MIME type and a file name from the video ID', async (variant, mimeType, extension, suffix) => {
		const id = await seedVideo(server);
		const { output } = await run({ operation: 'downloadContent', videoId: id, variant, binaryPropertyOutput: 'file' });
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/v1/videos/${id}/content`, query: { variant } });
		expect(server.requests[0].headers.accept).toBe('*/*');
		expect(output[0].json).toEqual({ id, variant });
		expect(output[0].binary!.file).toMatchObject({ fileName: `${id}${suffix}.${extension}`, mimeType, fileExtension: extension });
	});

	test('Download Content: an answer without a usable type gets the variant type', async () => {
		server.on('GET', '/v1/videos/video_x/content', () => ({ status: 200, body: Buffer.from('bytes'), headers: { 'content-type': 'application/binary' } }));
		const { output } = await run({ operation: 'downloadContent', videoId: 'video_x', variant: 'thumbnail' });
		expect(output[0].binary!.data).toMatchObject({ fileName: 'video_x-thumbnail.webp', mimeType: 'image/webp' });
	});

	test('Download Content of a video that is not ready: OpenAI\'s 400 is the item error under Continue On Fail', async () => {
		const pending = await seedVideo(server, { completed: false });
		const ready = await seedVideo(server);
		const ids = [pending, ready];
		const { output } = await run(
			{ operation: 'downloadContent', videoId: (i: number) => ids[i] },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({ error: `Video '${pending}' is not ready yet (status: queued).`, status: 400 });
		expect(output[1].binary!.data.mimeType).toBe('video/mp4');
	});

	test('Download Content refuses a bad variant and an empty ID before sending', async () => {
		const variantError = await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'downloadContent', videoId: 'video_1', variant: 'gif' },
			credentials: credentials(),
		});
		expect(variantError.message).toBe("The field 'Variant' must be one of video, thumbnail, spritesheet (got 'gif')");
		const idError = await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'downloadContent', videoId: '' },
			credentials: credentials(),
		});
		expect(idError.message).toBe("The field 'Video ID' is empty");
		expect(server.requests).toHaveLength(0);
	});

	test('Create Character: multipart with the name and the video file; Retrieve Character reads it back', async () => {
		const video = mp4();
		const { output } = await run(
			{ operation: 'createCharacter', characterName: 'Captain Whiskers' },
			{ items: [{ json: {}, binary: { data: binaryFrom(video, 'whiskers.mp4', 'video/mp4') } }] },
		);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/videos/characters' });
		expect(server.requests[0].body).toEqual({
			name: 'Captain Whiskers',
			video: { filename: 'whiskers.mp4', type: 'video/mp4', size: video.length, content: video },
		});
		expect(output[0].json).toMatchObject({ id: 'char_0001', name: 'Captain Whiskers' });
		const { output: again } = await run({ operation: 'retrieveCharacter', characterId: 'char_0001' });
		expect(server.requests[1]).toMatchObject({ method: 'GET', path: '/v1/videos/characters/char_0001' });
		expect(again[0].json).toEqual(output[0].json);
	});

	test.each([
		[{ characterName: '' }, "The field 'Name' is empty"],
		[{ characterName: 'x'.repeat(81) }, "The field 'Name' is 81 characters long; OpenAI takes at most 80"],
		[{ characterName: 'Kit', binaryPropertyName: 'clip' }, "The field 'Input Binary Field' names the binary property 'clip', which the input item does not have"],
	])('Create Character refuses %j before sending', async (extra, message) => {
		const error = await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'createCharacter', ...extra },
			items: [{ json: {}, binary: { data: binaryFrom(mp4(), 'a.mp4', 'video/mp4') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe(message);
		expect(error.description).toMatch(/Item 1 \(index 0\)\.$/);
		expect(server.requests).toHaveLength(0);
	});

	test('Retrieve Character of an unknown ID: the 404 message comes through', async () => {
		const error = await runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'retrieveCharacter', characterId: 'char_nope' },
			credentials: credentials(),
		});
		expect(error.message).toMatch(/Character with id 'char_nope' not found/);
	});

	test('version 1 nodes have no Video resource', async () => {
		const error = await runNodeExpectingError({ parameters: { resource: 'video', operation: 'retrieve', videoId: 'v' }, credentials: credentials() });
		expect(error).toBeInstanceOf(Error);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Video → Download Content: the size cap', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		jest.replaceProperty(VIDEO_DOWNLOAD_LIMIT, 'maxBytes', 1000);
	});
	afterEach(() => jest.restoreAllMocks());
	const download = (videoId: string) =>
		runNodeExpectingError({
			typeVersion: 2,
			parameters: { resource: 'video', operation: 'downloadContent', videoId },
			credentials: { baseUrl: server.url },
		});

	test('a file over the limit by its Content-Length is refused before it is read', async () => {
		server.on('GET', '/v1/videos/video_big/content', () => ({
			status: 200,
			body: Buffer.alloc(1001),
			headers: { 'content-type': 'video/mp4', 'content-length': '1001' },
		}));
		const error = await download('video_big');
		expect(error.message).toBe('The video of video_big is larger than the download limit of 1000 bytes');
	});

	test('a file that passes the limit while streaming (no Content-Length) fails the item too', async () => {
		const id = await seedVideo(server);
		server.setFault((req) =>
			req.path === `/v1/videos/${id}/content` ? { status: 200, body: Buffer.alloc(5000), headers: { 'content-type': 'video/mp4', 'transfer-encoding': 'chunked' } } : undefined,
		);
		const error = await download(id);
		expect(error.message).toBe(`The video of ${id} is larger than the download limit of 1000 bytes`);
	});
});
