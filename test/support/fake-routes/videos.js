// The Videos API: POST /videos (multipart or JSON), GET /videos (cursor paged: limit, order, after),
// GET /videos/{id}, DELETE /videos/{id}, GET /videos/{id}/content?variant=, POST /videos/{id}/remix,
// POST /videos/edits, POST /videos/extensions, POST /videos/characters, GET /videos/characters/{id}.
//
// A job moves one step on at every GET /videos/{id}: queued → in_progress (50%) → completed (100%). A job whose
// prompt contains "[fail]" ends failed instead, with an error of its own (as moderation blocks look). Content is
// served only for a completed job: a small MP4 (an 'ftyp' box and the video ID), a WebP thumbnail or a JPEG
// spritesheet, each with its content type. Tests may set state.videos.pageSizeCap (to prove paging) and
// state.videos.contentBytes (a bigger MP4, of that many bytes).
'use strict';

const NOW = 1700000000;
const MODELS = ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08'];
const SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];
const SORA_2_SIZES = ['720x1280', '1280x720'];
const SECONDS = ['4', '8', '12'];
const EXTEND_SECONDS = ['4', '8', '12', '16', '20'];
const FAILURE = { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' };

/** The bytes of each variant: enough of the real format for a reader to tell it. */
function contentOf(video, variant, bytes) {
	if (variant === 'thumbnail') return Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.from(video.id)]);
	if (variant === 'spritesheet') return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(video.id)]);
	const head = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42', 'latin1'), Buffer.from(video.id)]);
	if (!bytes || bytes <= head.length) return head;
	const out = Buffer.alloc(bytes, 0x2e);
	head.copy(out);
	return out;
}

function publicVideo(video) {
	const out = {};
	for (const [key, value] of Object.entries(video)) if (!key.startsWith('_')) out[key] = value;
	return out;
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.videos = { jobs: [], counter: 0, characters: [], characterCounter: 0, pageSizeCap: undefined, contentBytes: undefined };
	});
	const vs = () => server.state.videos;
	const find = (id) => vs().jobs.find((video) => video.id === id);
	const notFound = (id) => openAiError(404, `Video with id '${id}' not found.`, { param: 'video_id', code: 'video_not_found' });
	const invalid = (param, value, allowed) =>
		openAiError(400, `Invalid value: '${value}'. Supported values are: ${allowed.map((v) => `'${v}'`).join(', ')}.`, { param, code: 'invalid_value' });

	/** A new job; `extra` are fields of the job (remixed_from_video_id, seconds of an extension …). */
	const createJob = (fields) => {
		vs().counter += 1;
		const video = {
			id: `video_${String(vs().counter).padStart(4, '0')}`,
			object: 'video',
			model: fields.model ?? 'sora-2',
			status: 'queued',
			progress: 0,
			created_at: NOW + vs().counter,
			completed_at: null,
			expires_at: null,
			prompt: fields.prompt,
			size: fields.size ?? '720x1280',
			seconds: fields.seconds ?? '4',
			remixed_from_video_id: fields.remixed_from_video_id ?? null,
			error: null,
			_fails: String(fields.prompt).includes('[fail]'),
		};
		vs().jobs.push(video);
		return json(200, publicVideo(video));
	};

	const advance = (video) => {
		if (video.status === 'queued') {
			video.status = 'in_progress';
			video.progress = 50;
		} else if (video.status === 'in_progress') {
			video.progress = video._fails ? 60 : 100;
			video.status = video._fails ? 'failed' : 'completed';
			if (video._fails) video.error = { ...FAILURE };
			else {
				video.completed_at = NOW + 600;
				video.expires_at = NOW + 600 + 86400;
			}
		}
	};

	const checkPrompt = (prompt) => {
		if (typeof prompt !== 'string' || prompt.length === 0) return openAiError(400, "Missing required parameter: 'prompt'.", { param: 'prompt' });
		if (prompt.length > 32000) return openAiError(400, 'Prompt is too long.', { param: 'prompt', code: 'string_above_max_length' });
		return undefined;
	};

	/** The source video of an edit or an extension: `video[id]` (multipart), `video.id` (JSON) or an uploaded file. */
	const sourceOf = (body) => {
		const id = body['video[id]'] ?? (body.video && typeof body.video === 'object' && !body.video.content ? body.video.id : undefined);
		if (id !== undefined) {
			const source = find(id);
			if (!source) return { error: notFound(id) };
			if (source.status !== 'completed') return { error: openAiError(400, `Video '${id}' is not completed yet.`, { param: 'video' }) };
			return { source };
		}
		if (body.video && typeof body.video === 'object' && body.video.content) return { upload: body.video };
		return { error: openAiError(400, "Missing required parameter: 'video'.", { param: 'video' }) };
	};

	server.on('POST', '/v1/videos', (req) => {
		const body = req.body ?? {};
		const bad = checkPrompt(body.prompt);
		if (bad) return bad;
		const model = body.model ?? 'sora-2';
		if (!MODELS.includes(model)) return openAiError(404, `The model '${model}' does not exist`, { param: 'model', code: 'model_not_found' });
		const size = body.size ?? '720x1280';
		if (!SIZES.includes(size)) return invalid('size', size, SIZES);
		if (!model.startsWith('sora-2-pro') && !SORA_2_SIZES.includes(size)) return invalid('size', size, SORA_2_SIZES);
		const seconds = body.seconds ?? '4';
		if (!SECONDS.includes(seconds)) return invalid('seconds', seconds, SECONDS);
		const reference = body.input_reference;
		if (reference && typeof reference === 'object' && reference.content && !/^image\/(png|jpeg|webp)$/.test(reference.type)) {
			return openAiError(400, `Unsupported mimetype ('${reference.type}'). Supported mimetypes: image/jpeg, image/png, image/webp.`, { param: 'input_reference' });
		}
		return createJob({ prompt: body.prompt, model, size, seconds });
	});

	server.on('GET', '/v1/videos', (req) => {
		const order = req.query.order ?? 'desc';
		if (!['asc', 'desc'].includes(order)) return invalid('order', order, ['asc', 'desc']);
		const sorted = order === 'desc' ? [...vs().jobs].reverse() : [...vs().jobs];
		let limit = Number(req.query.limit ?? 20) || 20;
		if (limit > 100) return openAiError(400, 'limit must be at most 100', { param: 'limit' });
		if (vs().pageSizeCap) limit = Math.min(limit, vs().pageSizeCap);
		const start = req.query.after ? sorted.findIndex((video) => video.id === req.query.after) + 1 : 0;
		const data = sorted.slice(start, start + limit).map(publicVideo);
		return json(200, {
			object: 'list',
			data,
			first_id: data[0]?.id ?? null,
			last_id: data[data.length - 1]?.id ?? null,
			has_more: start + limit < sorted.length,
		});
	});

	server.on('GET', /^\/v1\/videos\/(?<id>[^/]+)$/, (req) => {
		const video = find(req.params.id);
		if (!video) return notFound(req.params.id);
		advance(video);
		return json(200, publicVideo(video));
	});

	server.on('DELETE', /^\/v1\/videos\/(?<id>[^/]+)$/, (req) => {
		const video = find(req.params.id);
		if (!video) return notFound(req.params.id);
		vs().jobs = vs().jobs.filter((entry) => entry !== video);
		return json(200, { object: 'video.deleted', deleted: true, id: video.id });
	});

	server.on('GET', /^\/v1\/videos\/(?<id>[^/]+)\/content$/, (req) => {
		const video = find(req.params.id);
		if (!video) return notFound(req.params.id);
		const variant = req.query.variant ?? 'video';
		if (!['video', 'thumbnail', 'spritesheet'].includes(variant)) return invalid('variant', variant, ['video', 'thumbnail', 'spritesheet']);
		if (video.status !== 'completed') return openAiError(400, `Video '${video.id}' is not ready yet (status: ${video.status}).`, { param: 'video_id' });
		const type = { video: 'video/mp4', thumbnail: 'image/webp', spritesheet: 'image/jpeg' }[variant];
		return { status: 200, body: contentOf(video, variant, vs().contentBytes), headers: { 'content-type': type } };
	});

	server.on('POST', /^\/v1\/videos\/(?<id>[^/]+)\/remix$/, (req) => {
		const source = find(req.params.id);
		if (!source) return notFound(req.params.id);
		const body = req.body ?? {};
		const bad = checkPrompt(body.prompt);
		if (bad) return bad;
		if (source.status !== 'completed') return openAiError(400, `Video '${source.id}' is not completed yet.`, { param: 'video_id' });
		return createJob({ prompt: body.prompt, model: source.model, size: source.size, seconds: source.seconds, remixed_from_video_id: source.id });
	});

	server.on('POST', '/v1/videos/edits', (req) => {
		const body = req.body ?? {};
		const bad = checkPrompt(body.prompt);
		if (bad) return bad;
		const { source, error } = sourceOf(body);
		if (error) return error;
		return createJob({ prompt: body.prompt, model: source?.model, size: source?.size, seconds: source?.seconds });
	});

	server.on('POST', '/v1/videos/extensions', (req) => {
		const body = req.body ?? {};
		const bad = checkPrompt(body.prompt);
		if (bad) return bad;
		if (!EXTEND_SECONDS.includes(body.seconds)) return invalid('seconds', body.seconds, EXTEND_SECONDS);
		const { source, error } = sourceOf(body);
		if (error) return error;
		const total = String(Number(source?.seconds ?? 4) + Number(body.seconds));
		return createJob({ prompt: body.prompt, model: source?.model, size: source?.size, seconds: total });
	});

	server.on('POST', '/v1/videos/characters', (req) => {
		const body = req.body ?? {};
		if (!body.video || typeof body.video !== 'object') return openAiError(400, "Missing required parameter: 'video'.", { param: 'video' });
		if (typeof body.name !== 'string' || body.name.length === 0) return openAiError(400, "Missing required parameter: 'name'.", { param: 'name' });
		vs().characterCounter += 1;
		const character = { id: `char_${String(vs().characterCounter).padStart(4, '0')}`, name: body.name, created_at: NOW + vs().characterCounter };
		vs().characters.push(character);
		return json(200, character);
	});

	server.on('GET', /^\/v1\/videos\/characters\/(?<id>[^/]+)$/, (req) => {
		const character = vs().characters.find((entry) => entry.id === req.params.id);
		if (!character) return openAiError(404, `Character with id '${req.params.id}' not found.`, { param: 'character_id' });
		return json(200, character);
	});
};
