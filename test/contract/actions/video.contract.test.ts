import { binaryFrom, runNode } from '../../support/executeContext';
import { makePng } from '../../support/media-files';
import { expectAllConform, useContractProxy } from '../support';

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const mp4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42', 'latin1'), Buffer.from('frames')]);

// Prism answers every job with its example (never completed), so Wait For Completion is off here; the download
// that waiting ends with is Download Content's request.
describe('contract: Video against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const run = (parameters: Record<string, unknown>, items?: Parameters<typeof runNode>[0]['items']) =>
		runNode({ typeVersion: 2, parameters: { resource: 'video', ...parameters }, items, credentials: credentials() });

	test('Video → Generate with model, size and seconds', async () => {
		const { output } = await run({
			operation: 'generate',
			prompt: 'A calico cat playing a piano on stage',
			videoModel: model('sora-2-pro'),
			size: '1792x1024',
			seconds: '8',
			waitForCompletion: false,
		});
		expect(output[0].json).toHaveProperty('id');
		expectAllConform(proxy.records, 1);
	});

	test('Video → Generate with a reference image (multipart file)', async () => {
		await run(
			{ operation: 'generate', prompt: 'The cat starts to play', waitForCompletion: false, options: { inputReference: 'data' } },
			[{ json: {}, binary: { data: binaryFrom(makePng({ width: 720, height: 1280 }), 'frame.png', 'image/png') } }],
		);
		expectAllConform(proxy.records, 1);
	});

	test('Video → Remix', async () => {
		await run({ operation: 'remix', videoId: 'video_123', prompt: 'Make it snow', waitForCompletion: false });
		expectAllConform(proxy.records, 1);
	});

	test('Video → Edit by video ID', async () => {
		await run({ operation: 'edit', videoId: 'video_123', prompt: 'Turn the sky purple', waitForCompletion: false });
		expectAllConform(proxy.records, 1);
	});

	test('Video → Edit an uploaded video', async () => {
		await run(
			{ operation: 'edit', videoSource: 'binary', prompt: 'Add rain', waitForCompletion: false },
			[{ json: {}, binary: { data: binaryFrom(mp4(), 'clip.mp4', 'video/mp4') } }],
		);
		expectAllConform(proxy.records, 1);
	});

	test('Video → Extend by video ID', async () => {
		await run({ operation: 'extend', videoId: 'video_123', prompt: 'The ship sails away', seconds: '8', waitForCompletion: false });
		expectAllConform(proxy.records, 1);
	});

	test('Video → Retrieve', async () => {
		await run({ operation: 'retrieve', videoId: 'video_123' });
		expectAllConform(proxy.records, 1);
	});

	test('Video → List with a limit and the order', async () => {
		await run({ operation: 'list', returnAll: false, limit: 5, options: { order: 'asc' } });
		expect(proxy.records.length).toBeGreaterThan(0);
		expectAllConform(proxy.records);
	});

	test('Video → Delete', async () => {
		await run({ operation: 'delete', videoId: 'video_123' });
		expectAllConform(proxy.records, 1);
	});

	test.each(['video', 'thumbnail', 'spritesheet'])('Video → Download Content, variant %s', async (variant) => {
		const { output } = await run({ operation: 'downloadContent', videoId: 'video_123', variant });
		expect(output[0].binary?.data).toBeDefined();
		expectAllConform(proxy.records, 1);
	});

	test('Video → Create Character and Retrieve Character', async () => {
		await run({ operation: 'createCharacter', characterName: 'Captain Whiskers' }, [
			{ json: {}, binary: { data: binaryFrom(mp4(), 'whiskers.mp4', 'video/mp4') } },
		]);
		await run({ operation: 'retrieveCharacter', characterId: 'char_123' });
		expectAllConform(proxy.records, 2);
	});
});
