import { toFile, type Uploadable } from 'openai';
import type { ImagesResponse } from 'openai/resources/images';
import {
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getBinaryUpload } from '../../helpers/binary';
import { textOf } from '../../helpers/checks';
import type { OperationContext } from '../types';
import { detectImageFormat, IMAGE_EXTENSIONS, IMAGE_MIME_TYPES, readPngInfo, type ImageFormat, type PngInfo } from './png';

/** The model families whose rules differ. Other IDs (other servers' models) are sent without these checks. */
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

export const PROMPT_DISPLAY_NAME = 'Text Description of the Desired Image';

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

/** The item as n8n names it in its own messages. */
export function itemLabel(itemIndex: number): string {
	return `[item ${itemIndex}]`;
}

export function promptField(description: string): INodeProperties {
	return {
		displayName: PROMPT_DISPLAY_NAME,
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'A cute baby sea otter wearing a beret',
		hint: 'dall-e-2 takes at most 1,000 characters (dall-e-3 4,000, GPT image models 32,000); a longer text is refused before sending',
		description,
	};
}

/** Reads the prompt: required, and within the chosen model's limit. */
export function getPrompt(context: IExecuteFunctions, itemIndex: number, model: string): string {
	const prompt = textOf(context.getNodeParameter('prompt', itemIndex, ''));
	if (prompt.trim() === '') {
		throw new NodeOperationError(context.getNode(), `The field '${PROMPT_DISPLAY_NAME}' is empty ${itemLabel(itemIndex)}`, {
			itemIndex,
		});
	}
	const family = imageModelFamily(model);
	if (family !== 'other' && prompt.length > PROMPT_LIMITS[family]) {
		throw new NodeOperationError(
			context.getNode(),
			`The field '${PROMPT_DISPLAY_NAME}' has ${formatCount(prompt.length)} characters; ${model} accepts at most ${formatCount(PROMPT_LIMITS[family])} ${itemLabel(itemIndex)}`,
			{
				itemIndex,
				description: `Shorten the description by ${formatCount(prompt.length - PROMPT_LIMITS[family])} characters, or choose a model with a higher limit (dall-e-3: 4,000, GPT image models: 32,000). Nothing was sent.`,
			},
		);
	}
	return prompt;
}

/** Checks Number of Images: 1–10, and only 1 for dall-e-3. */
export function checkImageCount(context: IExecuteFunctions, itemIndex: number, model: string, n: number | undefined): void {
	if (n === undefined) return;
	if (!Number.isInteger(n) || n < 1 || n > 10) {
		throw new NodeOperationError(
			context.getNode(),
			`The field 'Number of Images' must be a whole number from 1 to 10, got ${n} ${itemLabel(itemIndex)}`,
			{ itemIndex },
		);
	}
	if (imageModelFamily(model) === 'dall-e-3' && n !== 1) {
		throw new NodeOperationError(
			context.getNode(),
			`The field 'Number of Images' must be 1 for dall-e-3, got ${n} ${itemLabel(itemIndex)}`,
			{ itemIndex, description: 'dall-e-3 makes one image per request. Send several items to get several images.' },
		);
	}
}

/** Checks Size against the sizes the model accepts (gpt-image-2 also takes free sizes such as 1536x864). */
export function checkImageSize(
	context: IExecuteFunctions,
	itemIndex: number,
	model: string,
	size: string | undefined,
	family = imageModelFamily(model),
): void {
	if (!size || family === 'other') return;
	if (family === 'gpt-image' && /^gpt-image-2/i.test(model) && /^\d+x\d+$/.test(size)) return;
	const accepted = SIZES[family];
	if (!accepted.includes(size)) {
		throw new NodeOperationError(
			context.getNode(),
			`The field 'Size' is '${size}', which ${model} does not accept ${itemLabel(itemIndex)}`,
			{ itemIndex, description: `${model} accepts: ${accepted.join(', ')}.` },
		);
	}
}

/** The Size field's options: every size some model accepts, with the models named. */
export const sizeOptions = [
	{ name: '256×256 (Dall-E-2)', value: '256x256' },
	{ name: '512×512 (Dall-E-2)', value: '512x512' },
	{ name: '1024×1024 (All Models)', value: '1024x1024' },
	{ name: '1024×1536 Portrait (GPT Image)', value: '1024x1536' },
	{ name: '1024×1792 Portrait (Dall-E-3)', value: '1024x1792' },
	{ name: '1536×1024 Landscape (GPT Image)', value: '1536x1024' },
	{ name: '1792×1024 Landscape (Dall-E-3)', value: '1792x1024' },
	{ name: 'Auto (GPT Image)', value: 'auto' },
];

/** Background: a GPT image model option shared by Generate and Edit. */
export const gptImageBackgroundOption: INodeProperties = {
	displayName: 'Background',
	name: 'background',
	type: 'options',
	options: [
		{ name: 'Auto', value: 'auto' },
		{ name: 'Opaque', value: 'opaque' },
		{ name: 'Transparent', value: 'transparent' },
	],
	default: 'auto',
	description: 'GPT image models only. Transparent needs Output Format PNG or WebP.',
};

/** Output Compression and Output Format: the GPT image models' file options, shared by Generate and Edit. */
export const gptImageFileFormatOptions: INodeProperties[] = [
	{
		displayName: 'Output Compression',
		name: 'outputCompression',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 100,
		description: 'GPT image models with Output Format JPEG or WebP: the compression level, 0–100 %',
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'JPEG', value: 'jpeg' },
			{ name: 'PNG', value: 'png' },
			{ name: 'WebP', value: 'webp' },
		],
		default: 'png',
		description: 'GPT image models only: the file format of the images',
	},
];

/** Options every image operation has: how the result comes back and where the image goes. */
export const imageOutputOptions: INodeProperties[] = [
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		options: [
			{ name: 'URL', value: 'url', description: 'OpenAI returns a link valid for 60 minutes; the node downloads it' },
			{ name: 'Base64', value: 'b64_json', description: 'OpenAI returns the image itself in the response' },
		],
		default: 'url',
		description:
			'How dall-e-2 and dall-e-3 return the images. Not sent for GPT image models, which always return base64. Either way the image comes out as binary data.',
	},
	{
		displayName: 'Keep URLs Only',
		name: 'keepUrlsOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to output only the image URLs, without downloading the images. Applies when OpenAI returns URLs (dall-e-2 and dall-e-3 with Response Format URL); base64 images always come out as binary data.',
	},
	{
		displayName: 'Put Output Image in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		default: 'data',
		description: 'The name of the output binary field that holds each image',
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		placeholder: 'user-1234',
		description: 'A unique identifier for your end user, which helps OpenAI detect abuse',
	},
];

export interface ImageOutputSettings {
	keepUrlsOnly: boolean;
	binaryPropertyOutput: string;
	/** What the file names start with, e.g. "image" gives image-1.png, image-2.png… */
	fileNamePrefix: string;
}

export function getImageOutputSettings(options: IDataObject, fileNamePrefix: string): ImageOutputSettings {
	return {
		keepUrlsOnly: options.keepUrlsOnly === true,
		binaryPropertyOutput: String(options.binaryPropertyOutput ?? 'data').trim() || 'data',
		fileNamePrefix,
	};
}

async function downloadImage(
	context: IExecuteFunctions,
	itemIndex: number,
	url: string,
	position: number,
	ctx: OperationContext,
): Promise<{ buffer: Buffer; contentType: string | null }> {
	const signals = [AbortSignal.timeout(ctx.client.timeout)];
	if (ctx.cancelSignal) signals.push(ctx.cancelSignal);
	let response: Response;
	try {
		// A plain GET: the URL is a signed link to OpenAI's storage and must not get the API key.
		response = await fetch(url, { signal: AbortSignal.any(signals) });
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Could not download image ${position} from the URL OpenAI returned ${itemLabel(itemIndex)}`, {
			itemIndex,
			description: `${(error as Error).message}. Turn on 'Keep URLs Only' to output the URL instead.`,
		});
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new NodeOperationError(
			context.getNode(),
			`Could not download image ${position} from the URL OpenAI returned: HTTP ${response.status} ${itemLabel(itemIndex)}`,
			{
				itemIndex,
				description: "OpenAI's image URLs are valid for 60 minutes. Turn on 'Keep URLs Only' to output the URL instead.",
			},
		);
	}
	return { buffer: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
}

function formatFromContentType(contentType: string | null | undefined): ImageFormat | undefined {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'image/png') return 'png';
	if (type === 'image/jpeg' || type === 'image/jpg') return 'jpeg';
	if (type === 'image/webp') return 'webp';
	return undefined;
}

/**
 * One output item per image: the image as binary data (decoded from base64, or downloaded from its URL unless
 * Keep URLs Only is on) and the URL / revised prompt and the response's details in JSON. The usage (billed
 * once per request) is on the first item only.
 */
export async function imagesToItems(
	context: IExecuteFunctions,
	itemIndex: number,
	response: ImagesResponse,
	settings: ImageOutputSettings,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const images = response.data ?? [];
	const items: INodeExecutionData[] = [];
	for (const [index, image] of images.entries()) {
		const json: IDataObject = { index, created: response.created };
		if (image.url) json.url = image.url;
		if (image.revised_prompt) json.revised_prompt = image.revised_prompt;
		for (const key of ['background', 'output_format', 'quality', 'size'] as const) {
			if (response[key] !== undefined) json[key] = response[key];
		}
		if (index === 0 && response.usage) json.usage = response.usage as unknown as IDataObject;

		let buffer: Buffer | undefined;
		let contentType: string | null | undefined;
		if (image.b64_json) {
			buffer = Buffer.from(image.b64_json, 'base64');
		} else if (image.url && !settings.keepUrlsOnly) {
			({ buffer, contentType } = await downloadImage(context, itemIndex, image.url, index + 1, ctx));
		}
		const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
		if (buffer) {
			const format =
				detectImageFormat(buffer) ??
				formatFromContentType(contentType) ??
				(response.output_format === 'jpeg' || response.output_format === 'webp' ? response.output_format : 'png');
			const fileName = `${settings.fileNamePrefix}-${index + 1}.${IMAGE_EXTENSIONS[format]}`;
			const binary: IBinaryKeyData = {
				[settings.binaryPropertyOutput]: await context.helpers.prepareBinaryData(buffer, fileName, IMAGE_MIME_TYPES[format]),
			};
			item.binary = binary;
		}
		items.push(item);
	}
	return items;
}

/** An input image read and checked, ready to upload. */
export interface ImageInput {
	propertyName: string;
	buffer: Buffer;
	format: ImageFormat | undefined;
	png: PngInfo | undefined;
	fileName: string;
	mimeType: string;
}

/**
 * Reads an image from a binary property, refusing one over `maxBytes` before reading it. The format comes from
 * the file's first bytes, not from the name or MIME type it carries.
 */
export async function readImageInput(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	fieldLabel: string,
	limit: { maxBytes: number; label: string; reason?: string } | undefined,
): Promise<ImageInput> {
	const upload = await getBinaryUpload(context, itemIndex, propertyName, {
		fieldDisplayName: fieldLabel,
		maxBytes: limit?.maxBytes,
		limitLabel: limit?.label,
		maxBytesReason: limit?.reason,
	});
	const chunks: Buffer[] = [];
	for await (const chunk of upload.chunks()) chunks.push(chunk);
	const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
	const format = detectImageFormat(buffer);
	const png = format === 'png' ? readPngInfo(buffer) : undefined;
	const mimeType = format ? IMAGE_MIME_TYPES[format] : upload.mimeType;
	let fileName = upload.fileName;
	if (format && !/\.[a-z0-9]+$/i.test(fileName)) fileName = `${fileName}.${IMAGE_EXTENSIONS[format]}`;
	return { propertyName, buffer, format, png, fileName, mimeType };
}

export function toImageUpload(image: ImageInput): Promise<Uploadable> {
	return toFile(image.buffer, image.fileName, { type: image.mimeType });
}

function describe(image: ImageInput, fieldLabel: string): string {
	return `The image in '${fieldLabel}' (binary property '${image.propertyName}')`;
}

const FORMAT_NAMES: Record<ImageFormat, string> = { png: 'a PNG', jpeg: 'a JPEG', webp: 'a WebP image' };

/** The dall-e-2 rules for a source image (edit and variation): a square PNG (the size is checked on reading). */
export function checkDallE2Image(
	context: IExecuteFunctions,
	itemIndex: number,
	image: ImageInput,
	fieldLabel: string,
): PngInfo {
	if (!image.png) {
		throw new NodeOperationError(
			context.getNode(),
			`${describe(image, fieldLabel)} must be a PNG for dall-e-2, but it is ${image.format ? FORMAT_NAMES[image.format] : 'not an image this node recognizes'} ${itemLabel(itemIndex)}`,
			{ itemIndex, description: 'dall-e-2 takes a square PNG under 4 MB. Convert the image first (e.g. with the Edit Image node).' },
		);
	}
	if (image.png.width !== image.png.height) {
		throw new NodeOperationError(
			context.getNode(),
			`${describe(image, fieldLabel)} must be square for dall-e-2, but it is ${image.png.width}×${image.png.height} pixels ${itemLabel(itemIndex)}`,
			{ itemIndex, description: 'Crop or pad the image to a square first (e.g. with the Edit Image node).' },
		);
	}
	return image.png;
}

/** The mask rules: a PNG the same size as the (first) image. */
export function checkMask(
	context: IExecuteFunctions,
	itemIndex: number,
	mask: ImageInput,
	image: ImageInput,
	fieldLabel: string,
): void {
	if (!mask.png) {
		throw new NodeOperationError(
			context.getNode(),
			`${describe(mask, fieldLabel)} must be a PNG, but it is ${mask.format ? FORMAT_NAMES[mask.format] : 'not an image this node recognizes'} ${itemLabel(itemIndex)}`,
			{ itemIndex, description: 'The mask is a PNG whose fully transparent areas show where the image should be edited.' },
		);
	}
	if (image.png && (mask.png.width !== image.png.width || mask.png.height !== image.png.height)) {
		throw new NodeOperationError(
			context.getNode(),
			`${describe(mask, fieldLabel)} is ${mask.png.width}×${mask.png.height} pixels, but the image is ${image.png.width}×${image.png.height}; they must be the same size ${itemLabel(itemIndex)}`,
			{ itemIndex },
		);
	}
}

/** The GPT image models' rule for source images: PNG, JPEG or WebP (the size is checked on reading). */
export function checkGptImage(context: IExecuteFunctions, itemIndex: number, image: ImageInput, fieldLabel: string): void {
	if (!image.format) {
		throw new NodeOperationError(
			context.getNode(),
			`${describe(image, fieldLabel)} must be a PNG, JPEG or WebP image, but it is none of these ${itemLabel(itemIndex)}`,
			{ itemIndex },
		);
	}
}

/** Reads the image Options collection's common fields into request parameters (only those set). */
export function imageOptionParams(options: IDataObject, family: ImageModelFamily): IDataObject {
	const params: IDataObject = {};
	if (options.n !== undefined) params.n = options.n;
	if (options.size) params.size = options.size;
	if (options.responseFormat && family !== 'gpt-image') params.response_format = options.responseFormat;
	if (typeof options.user === 'string' && options.user.trim()) params.user = options.user.trim();
	return params;
}
