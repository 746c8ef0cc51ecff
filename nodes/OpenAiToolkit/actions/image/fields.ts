import type { INodeProperties } from 'n8n-workflow';

import { userField } from '../../helpers/fields';

/* The fields the image operations share; each operation picks those it has (see its description). */

export const PROMPT_DISPLAY_NAME = 'Prompt';

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

/** Number of Images (1–10); the description says what the operation makes. */
export function imageCountOption(description: string): INodeProperties {
	return {
		displayName: 'Number of Images',
		name: 'n',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 1,
		description,
	};
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
			'Whether to output only the image URLs, without downloading the images. Applies when OpenAI returns URLs (dall-e-2 and dall-e-3 with Response Format URL); base64 images always come out as binary data. A download is at most 64 MB.',
	},
	{
		displayName: 'Put Output Image in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		default: 'data',
		description: 'The name of the output binary field that holds each image',
	},
	userField,
];

/** One of imageOutputOptions by name. */
export function outputOption(name: 'responseFormat' | 'keepUrlsOnly' | 'binaryPropertyOutput' | 'user'): INodeProperties {
	return imageOutputOptions.find((option) => option.name === name)!;
}
