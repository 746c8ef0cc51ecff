// Videos inside real n8n: Generate waits for the job (queued → in_progress → completed) and puts the MP4 into
// n8n's binary store; Generate without waiting, then Retrieve until completed and Download Content of the
// thumbnail; a job that fails is the item's error under Continue On Fail while the other item gets its video.
'use strict';

const { assert, chain, codeNode, toolkitNode } = require('../support');

const v2 = { typeVersion: 2 };

/** n8n 2.x keeps binary data in its store (an `id`); n8n 1.x keeps it in the item by default (`data`). */
function assertStored(binary, n8nVersion) {
	if (Number(String(n8nVersion).split('.')[0]) >= 2) assert.ok(binary.id, 'the file is kept in n8n’s binary store');
	else assert.ok(binary.data, 'the file is kept in the item');
}

module.exports = [
	{
		name: 'Video → Generate with Wait For Completion: one MP4 binary item',
		workflow: chain(
			codeNode('Prompt', "return [{ json: { prompt: 'A calico cat playing a piano on stage' } }];"),
			toolkitNode(
				'Generate video',
				{ resource: 'video', operation: 'generate', prompt: '={{ $json.prompt }}', seconds: '8', waitForCompletion: true, waitPollInterval: 1 },
				v2,
			),
		),
		check({ output, fake, n8nVersion }) {
			const items = output('Generate video');
			assert.equal(items.length, 1);
			assert.deepEqual(items[0].pairedItem, { item: 0 });
			assert.equal(items[0].json.status, 'completed');
			assert.equal(items[0].json.id, 'video_0001');
			const binary = items[0].binary.data;
			assert.equal(binary.mimeType, 'video/mp4');
			assert.equal(binary.fileName, 'video_0001.mp4');
			assertStored(binary, n8nVersion);
			const calls = fake.requests.map((r) => `${r.method} ${r.path}`);
			assert.deepEqual(calls, ['POST /v1/videos', 'GET /v1/videos/video_0001', 'GET /v1/videos/video_0001', 'GET /v1/videos/video_0001/content']);
			assert.deepEqual(fake.requests[0].body, { prompt: 'A calico cat playing a piano on stage', model: 'sora-2', size: '720x1280', seconds: '8' });
			assert.equal(fake.requests[3].query.variant, 'video');
		},
	},
	{
		name: 'Video → Generate without waiting, Retrieve until completed, Download Content thumbnail',
		workflow: chain(
			toolkitNode('Start video', { resource: 'video', operation: 'generate', prompt: 'A lighthouse at dusk', size: '1280x720', waitForCompletion: false }, v2),
			toolkitNode('Check 1', { resource: 'video', operation: 'retrieve', videoId: '={{ $json.id }}' }, v2),
			toolkitNode('Check 2', { resource: 'video', operation: 'retrieve', videoId: '={{ $json.id }}' }, v2),
			toolkitNode('Thumbnail', { resource: 'video', operation: 'downloadContent', videoId: '={{ $json.id }}', variant: 'thumbnail', binaryPropertyOutput: 'thumbnail' }, v2),
		),
		check({ output, json, fake, n8nVersion }) {
			assert.equal(json('Start video')[0].status, 'queued');
			assert.equal(output('Start video')[0].binary, undefined);
			assert.equal(json('Check 1')[0].status, 'in_progress');
			assert.equal(json('Check 2')[0].status, 'completed');
			const [item] = output('Thumbnail');
			assert.deepEqual(item.json, { id: 'video_0001', variant: 'thumbnail' });
			assert.equal(item.binary.thumbnail.mimeType, 'image/webp');
			assert.equal(item.binary.thumbnail.fileName, 'video_0001-thumbnail.webp');
			assertStored(item.binary.thumbnail, n8nVersion);
			const download = fake.requests.find((r) => r.path === '/v1/videos/video_0001/content');
			assert.equal(download.query.variant, 'thumbnail');
		},
	},
	{
		name: 'Video → Generate under Continue On Fail: a failed job is the error item, the other item its MP4',
		workflow: chain(
			codeNode('Two prompts', "return [{ json: { prompt: 'A storm at sea [fail]' } }, { json: { prompt: 'A calm sea at dawn' } }];"),
			{
				...toolkitNode(
					'Generate both',
					{ resource: 'video', operation: 'generate', prompt: '={{ $json.prompt }}', waitForCompletion: true, waitPollInterval: 1 },
					v2,
				),
				onError: 'continueRegularOutput',
			},
		),
		check({ output, fake }) {
			const items = output('Generate both');
			assert.equal(items.length, 2);
			assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
			assert.equal(items[0].json.error, 'Your request was blocked by our moderation system.');
			assert.equal(items[0].binary, undefined);
			assert.equal(items[1].json.status, 'completed');
			assert.equal(items[1].json.prompt, 'A calm sea at dawn');
			assert.equal(items[1].binary.data.mimeType, 'video/mp4');
			const failed = fake.state.videos.jobs.find((video) => video.prompt.includes('[fail]'));
			assert.equal(failed.status, 'failed');
			assert.ok(!fake.requests.some((r) => r.path === `/v1/videos/${failed.id}/content`), 'no download of the failed video');
		},
	},
];
