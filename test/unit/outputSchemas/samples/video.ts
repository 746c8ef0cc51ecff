import { binaryFrom } from '../../../support/executeContext';
import type { Sample } from '../samples';

/** Makes a video job on the fake server (the first after a reset: video_0001) and, unless told, completes it. */
async function seedVideo(url: string, completed = true): Promise<void> {
	await fetch(`${url}/videos`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ prompt: 'A lighthouse at dusk' }),
	});
	// Every GET moves a job one step on: two make it completed.
	if (completed) for (let step = 0; step < 2; step++) await fetch(`${url}/videos/video_0001`);
}

const mp4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42', 'latin1'), Buffer.from('frames')]);
const videoItem = () => [{ json: {}, binary: { data: binaryFrom(mp4(), 'clip.mp4', 'video/mp4') } }];
// Wait For Completion is on by default; the shortest poll interval keeps the samples quick.
const waiting = { waitPollInterval: 1 };

// The seeded IDs are not needed: every video sample brings its own video.
export function samples(): Record<string, Sample> {
	return {
		'video.generate': { parameters: { prompt: 'A calico cat playing a piano', ...waiting } },
		'video.remix': { parameters: { videoId: 'video_0001', prompt: 'Make it snow', ...waiting }, prepare: (url) => seedVideo(url) },
		'video.edit': { parameters: { videoId: 'video_0001', prompt: 'Turn the sky purple', ...waiting }, prepare: (url) => seedVideo(url) },
		'video.extend': { parameters: { videoId: 'video_0001', prompt: 'The ship sails away', ...waiting }, prepare: (url) => seedVideo(url) },
		'video.retrieve': { parameters: { videoId: 'video_0001' }, prepare: (url) => seedVideo(url, false) },
		'video.list': { parameters: {}, prepare: (url) => seedVideo(url, false) },
		'video.delete': { parameters: { videoId: 'video_0001' }, prepare: (url) => seedVideo(url) },
		'video.downloadContent': { parameters: { videoId: 'video_0001' }, prepare: (url) => seedVideo(url) },
		'video.createCharacter': { parameters: { characterName: 'Captain Whiskers' }, items: videoItem() },
		'video.retrieveCharacter': {
			parameters: { characterId: 'char_0001' },
			prepare: async (url) => {
				const form = new FormData();
				form.append('name', 'Captain Whiskers');
				form.append('video', new Blob([mp4()], { type: 'video/mp4' }), 'clip.mp4');
				await fetch(`${url}/videos/characters`, { method: 'POST', body: form });
			},
		},
	};
}
