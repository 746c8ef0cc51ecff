import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText, requireText, fieldError } from '../../helpers/checks';
import type { WaitFieldSpec } from '../../helpers/wait';

/* The fields the Video operations share, and their readers. */

/** OpenAI's limit for a prompt (the spec's maxLength). */
export const MAX_PROMPT_LENGTH = 32000;

/** Sizes the Videos API takes; sora-2 makes the first two only. */
export const VIDEO_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'] as const;
export const SORA_2_SIZES: readonly string[] = ['720x1280', '1280x720'];
/** Clip lengths of Generate (the spec's VideoSeconds). */
export const GENERATE_SECONDS = ['4', '8', '12'] as const;
/** Lengths of an extension segment (the spec's description of Extend). */
export const EXTEND_SECONDS = ['4', '8', '12', '16', '20'] as const;

export const videoIdField: INodeProperties = {
	displayName: 'Video ID',
	name: 'videoId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'video_123',
	description: 'The ID of the video, as Generate or List returns it',
};

export function getVideoId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, itemIndex, 'videoId', 'Video ID');
}

export function promptField(description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'A calico cat playing a piano on stage, warm spotlight',
		description,
	};
}

/** The prompt, refused before sending when empty or longer than OpenAI takes. */
export function getPrompt(context: IExecuteFunctions, itemIndex: number): string {
	const prompt = requireText(context, itemIndex, context.getNodeParameter('prompt', itemIndex, ''), 'Prompt');
	if (prompt.length > MAX_PROMPT_LENGTH) {
		throw fieldError(
			context,
			itemIndex,
			`The field 'Prompt' is ${prompt.length} characters long; OpenAI takes at most ${MAX_PROMPT_LENGTH}`,
		);
	}
	return prompt;
}

export const videoModelField: INodeProperties = {
	displayName: 'Model',
	name: 'videoModel',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: 'sora-2' },
	description: 'sora-2 is fast; sora-2-pro takes longer and gives higher quality and the two larger sizes',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVideoModels', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'sora-2' },
	],
};

export function secondsField(values: readonly string[], description: string): INodeProperties {
	return {
		displayName: 'Seconds',
		name: 'seconds',
		type: 'options',
		options: values.map((value) => ({ name: `${value} Seconds`, value })),
		default: '4',
		description,
	};
}

/** Reads an options field whose value an expression could set to anything: only the listed values are sent. */
export function readChoice(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	fieldName: string,
	allowed: readonly string[],
	fallback: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, fallback);
	const value = String(raw ?? '').trim();
	if (!allowed.includes(value)) {
		throw fieldError(
			context,
			itemIndex,
			`The field '${fieldName}' must be one of ${allowed.join(', ')} (got '${value}')`,
		);
	}
	return value;
}

export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait For Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until the video is ready and output it as a file. Off: output the job at once; get the file later with Download Content.',
	hint: 'A video takes from about a minute to several minutes; the execution stays open while it waits',
};

/** The wait fields of every operation that starts a video job. */
export const videoWaitSpec: WaitFieldSpec = {
	intervalName: 'waitPollInterval',
	timeoutName: 'waitTimeout',
	intervalDefault: 10,
	timeoutDefault: 30,
	// Named so that tests can poll faster (jest.replaceProperty); users poll at most once a second.
	intervalMin: 1,
	subject: 'the video',
	displayOptions: { show: { waitForCompletion: [true] } },
	timeoutNote: 'The video goes on rendering at OpenAI after a timeout.',
};

export function outputFieldField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary field of the output item that receives the file',
		...extra,
	};
}

export function getOutputField(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('binaryPropertyOutput', itemIndex, 'data') ?? '').trim() || 'data';
}

/** Edit and Extend take the source video by ID (one OpenAI made) or as a file from a binary field. */
export const sourceFields: INodeProperties[] = [
	{
		displayName: 'Source Video',
		name: 'videoSource',
		type: 'options',
		options: [
			{ name: 'Video ID', value: 'id', description: 'A completed video OpenAI made' },
			{ name: 'Binary File', value: 'binary', description: 'A video file from an input binary field' },
		],
		default: 'id',
		description: 'Where the video to start from comes from',
	},
	{ ...videoIdField, displayOptions: { show: { videoSource: ['id'] } } },
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		hint: 'The name of the input binary field holding the video',
		description: 'Name of the binary property of the input item that holds the video file (MP4, MOV or WebM)',
		displayOptions: { show: { videoSource: ['binary'] } },
	},
];
