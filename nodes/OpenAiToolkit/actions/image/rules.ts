import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkNumber, fieldError, requireText } from '../../helpers/checks';
import { userOf } from '../../helpers/fields';
import { PROMPT_DISPLAY_NAME } from './fields';

/*
 * What each image model accepts, checked before sending: the prompt's length, Number of Images, Size, Output
 * Compression. Model IDs of other families (other servers' models) are sent without the per-model checks.
 */

export type ImageModelFamily = 'dall-e-2' | 'dall-e-3' | 'gpt-image' | 'other';

export function imageModelFamily(model: string): ImageModelFamily {
	const id = model.trim().toLowerCase();
	if (id.startsWith('dall-e-2')) return 'dall-e-2';
	if (id.startsWith('dall-e-3')) return 'dall-e-3';
	if (id.startsWith('gpt-image') || id.startsWith('chatgpt-image')) return 'gpt-image';
	return 'other';
}

/** The longest prompt each family accepts (dall-e-2's 1,000 is also the limit Fusion states). */
export const PROMPT_LIMITS: Record<Exclude<ImageModelFamily, 'other'>, number> = {
	'dall-e-2': 1000,
	'dall-e-3': 4000,
	'gpt-image': 32000,
};

const MEBIBYTE = 1024 * 1024;
export const DALL_E_2_MAX_BYTES = 4 * MEBIBYTE;
export const GPT_IMAGE_MAX_BYTES = 50 * MEBIBYTE;
export const GPT_IMAGE_MAX_IMAGES = 16;

const SIZES: Record<Exclude<ImageModelFamily, 'other'>, string[]> = {
	'dall-e-2': ['256x256', '512x512', '1024x1024'],
	'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
	'gpt-image': ['auto', '1024x1024', '1536x1024', '1024x1536'],
};

/** "1,000" rather than "1000" in messages. */
function formatCount(value: number): string {
	return value.toLocaleString('en-US');
}

/** Reads the prompt: required, and within the chosen model's limit. */
export function getPrompt(context: IExecuteFunctions, itemIndex: number, model: string): string {
	const prompt = requireText(context, itemIndex, context.getNodeParameter('prompt', itemIndex, ''), PROMPT_DISPLAY_NAME);
	const family = imageModelFamily(model);
	if (family !== 'other' && prompt.length > PROMPT_LIMITS[family]) {
		throw fieldError(
			context,
			itemIndex,
			`The field '${PROMPT_DISPLAY_NAME}' has ${formatCount(prompt.length)} characters; ${model} accepts at most ${formatCount(PROMPT_LIMITS[family])}`,
			`Shorten the description by ${formatCount(prompt.length - PROMPT_LIMITS[family])} characters, or choose a model with a higher limit (dall-e-3: 4,000, GPT image models: 32,000). Nothing was sent.`,
		);
	}
	return prompt;
}

/** Number of Images: a whole number from 1 to 10, and only 1 for dall-e-3; undefined when not set. */
export function readImageCount(context: IExecuteFunctions, itemIndex: number, model: string, value: unknown): number | undefined {
	const n = checkNumber(context, itemIndex, value, 'Number of Images', { min: 1, max: 10, integer: true });
	if (n !== undefined && n !== 1 && imageModelFamily(model) === 'dall-e-3') {
		throw fieldError(
			context,
			itemIndex,
			`The field 'Number of Images' must be 1 for dall-e-3 (got ${n})`,
			'dall-e-3 makes one image per request. Send several items to get several images.',
		);
	}
	return n;
}

/** Checks Size against the sizes the model accepts (gpt-image-2 also takes free sizes such as 1536x864). */
export function checkImageSize(context: IExecuteFunctions, itemIndex: number, model: string, size: string | undefined): void {
	const family = imageModelFamily(model);
	if (!size || family === 'other') return;
	if (family === 'gpt-image' && /^gpt-image-2/i.test(model) && /^\d+x\d+$/.test(size)) return;
	const accepted = SIZES[family];
	if (!accepted.includes(size)) {
		throw fieldError(
			context,
			itemIndex,
			`The field 'Size' is '${size}', which ${model} does not accept`,
			`${model} accepts: ${accepted.join(', ')}.`,
		);
	}
}

/**
 * The Options collection's fields every image operation has, checked and as request parameters (only those
 * set): n, size, response_format (not for GPT image models, which always answer base64), user.
 */
export function imageOptionParams(context: IExecuteFunctions, itemIndex: number, model: string, options: IDataObject): IDataObject {
	const params: IDataObject = {};
	const n = readImageCount(context, itemIndex, model, options.n);
	if (n !== undefined) params.n = n;
	const size = typeof options.size === 'string' ? options.size : undefined;
	checkImageSize(context, itemIndex, model, size);
	if (size) params.size = size;
	if (options.responseFormat && imageModelFamily(model) !== 'gpt-image') params.response_format = options.responseFormat;
	const user = userOf(options.user);
	if (user) params.user = user;
	return params;
}

/** The GPT image models' file options of Generate and Edit (quality, background, output format and compression). */
export function gptImageFileParams(context: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const params: IDataObject = {};
	if (options.quality) params.quality = options.quality;
	if (options.background) params.background = options.background;
	if (options.outputFormat) params.output_format = options.outputFormat;
	const compression = checkNumber(context, itemIndex, options.outputCompression, 'Output Compression', {
		min: 0,
		max: 100,
		integer: true,
	});
	if (compression !== undefined) params.output_compression = compression;
	return params;
}
