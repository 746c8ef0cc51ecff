// POST /images/generations (JSON), /images/edits and /images/variations (multipart), answered like OpenAI:
// dall-e-2/dall-e-3 return URLs (served by this server under /fake-cdn/images/…, on 127.0.0.1) or base64,
// GPT image models always base64 with their extra fields; the checks OpenAI makes (prompt length, n for
// dall-e-3, response_format for GPT image models, square PNG inputs for dall-e-2) answer 400 as it does.
'use strict';

const { makePng, makeJpegStub, makeWebpStub } = require('../media-files');

const PROMPT_LIMITS = { 'dall-e-2': 1000, 'dall-e-3': 4000, 'gpt-image': 32000 };

function family(model) {
	if (model.startsWith('dall-e-3')) return 'dall-e-3';
	if (model.startsWith('gpt-image') || model.startsWith('chatgpt-image')) return 'gpt-image';
	return 'dall-e-2';
}

/** Width and height of a PNG's IHDR, or undefined. */
function pngSize(buffer) {
	if (!buffer || buffer.length < 24 || buffer.readUInt32BE(0) !== 0x89504e47) return undefined;
	return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

const imageCache = new Map();

/** A real PNG of the requested size (cached: the same size is made once). */
function pngOfSize(size) {
	const [width, height] = /^\d+x\d+$/.test(size ?? '') ? size.split('x').map(Number) : [1024, 1024];
	const key = `${width}x${height}`;
	if (!imageCache.has(key)) imageCache.set(key, makePng({ width, height, colorType: 2, pixel: [0x20, 0x90, 0xd0] }));
	return imageCache.get(key);
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.imageFiles = new Map();
		state.imageCounter = 0;
	});

	/** The response of every image endpoint. `params` are strings when they came as multipart. */
	function answer(params, model, inputSize) {
		const kind = family(model);
		const n = Number(params.n ?? 1);
		if (!Number.isInteger(n) || n < 1 || n > 10) return openAiError(400, `${params.n} is greater than the maximum of 10 - 'n'`, { param: 'n' });
		if (kind === 'dall-e-3' && n !== 1) return openAiError(400, 'You must provide n=1 for this model.', { param: 'n' });
		if (kind === 'gpt-image' && params.response_format !== undefined) {
			return openAiError(400, "Unknown parameter: 'response_format'.", { param: 'response_format', code: 'unknown_parameter' });
		}
		const size = params.size && params.size !== 'auto' ? params.size : inputSize ?? '1024x1024';
		const outputFormat = params.output_format ?? 'png';
		const bytes = kind === 'gpt-image' && outputFormat === 'jpeg' ? makeJpegStub() : kind === 'gpt-image' && outputFormat === 'webp' ? makeWebpStub() : pngOfSize(size);
		const asUrl = kind !== 'gpt-image' && (params.response_format ?? 'url') === 'url';
		const created = 1700000000 + server.state.imageCounter;
		const data = Array.from({ length: n }, () => {
			server.state.imageCounter += 1;
			const id = `img-${server.state.imageCounter}`;
			const image = {};
			if (asUrl) {
				server.state.imageFiles.set(id, bytes);
				image.url = `${server.origin}/fake-cdn/images/${id}.png?se=2030-01-01&sig=fake`;
			} else {
				image.b64_json = bytes.toString('base64');
			}
			if (kind === 'dall-e-3') image.revised_prompt = `A detailed rendering of: ${params.prompt}`;
			return image;
		});
		const body = { created, data };
		if (kind === 'gpt-image') {
			Object.assign(body, {
				background: params.background === 'transparent' ? 'transparent' : 'opaque',
				output_format: outputFormat,
				quality: params.quality && params.quality !== 'auto' ? params.quality : 'medium',
				size,
				usage: { input_tokens: 50, input_tokens_details: { text_tokens: 40, image_tokens: 10 }, output_tokens: 1056 * n, total_tokens: 50 + 1056 * n },
			});
		}
		return json(200, body);
	}

	function checkPrompt(params, model) {
		if (typeof params.prompt !== 'string' || params.prompt === '') return openAiError(400, "Missing required parameter: 'prompt'.", { param: 'prompt' });
		const limit = PROMPT_LIMITS[family(model)];
		if (params.prompt.length > limit) {
			return openAiError(400, `Invalid 'prompt': string too long. Expected a string with maximum length ${limit}, but got a string with length ${params.prompt.length} instead.`, { param: 'prompt', code: 'string_above_max_length' });
		}
		return undefined;
	}

	/** dall-e-2's checks of an uploaded PNG. */
	function checkDallE2Png(file, param) {
		const size = pngSize(file?.content);
		if (!size) return openAiError(400, `Invalid input image - format must be in ['RGBA', 'LA', 'L'], got unknown.`, { param });
		if (size.width !== size.height) return openAiError(400, `Invalid input image - image must be square, got ${size.width}x${size.height}.`, { param });
		if (file.size >= 4 * 1024 * 1024) return openAiError(400, 'Invalid input image - image must be less than 4 MB.', { param });
		return undefined;
	}

	server.on('POST', '/v1/images/generations', (req) => {
		const params = req.body ?? {};
		const model = params.model ?? 'dall-e-2';
		return checkPrompt(params, model) ?? answer(params, model);
	});

	server.on('POST', '/v1/images/edits', (req) => {
		const params = req.body ?? {};
		const model = params.model ?? 'dall-e-2';
		const images = [].concat(params.image ?? params['image[]'] ?? []);
		if (images.length === 0) return openAiError(400, "Missing required parameter: 'image'.", { param: 'image' });
		const invalid = checkPrompt(params, model);
		if (invalid) return invalid;
		if (family(model) === 'dall-e-2') {
			const bad = checkDallE2Png(images[0], 'image');
			if (bad) return bad;
			const imageSize = pngSize(images[0].content);
			if (params.mask) {
				const maskSize = pngSize(params.mask.content);
				if (!maskSize || maskSize.width !== imageSize.width || maskSize.height !== imageSize.height) {
					return openAiError(400, 'Invalid mask image - mask and image must have the same size.', { param: 'mask' });
				}
			}
		}
		const first = pngSize(images[0].content);
		return answer(params, model, first ? `${first.width}x${first.height}` : undefined);
	});

	server.on('POST', '/v1/images/variations', (req) => {
		const params = req.body ?? {};
		const model = params.model ?? 'dall-e-2';
		if (!params.image) return openAiError(400, "Missing required parameter: 'image'.", { param: 'image' });
		const bad = checkDallE2Png(params.image, 'image');
		if (bad) return bad;
		const size = pngSize(params.image.content);
		return answer(params, model, `${size.width}x${size.height}`);
	});

	// Where image URLs point: a plain GET without auth, like OpenAI's signed storage links.
	server.on('GET', /^\/fake-cdn\/images\/(?<id>[^/.]+)\.png$/, (req) => {
		const bytes = server.state.imageFiles.get(req.params.id);
		if (!bytes) return { status: 403, body: 'AuthenticationFailed: the link has expired', headers: { 'content-type': 'text/plain' } };
		return { status: 200, body: bytes, headers: { 'content-type': 'image/png' } };
	});
};
