import type { INodeProperties } from 'n8n-workflow';

import { binaryPropertyField } from '../../helpers/fields';

/* The fields Transcribe and Translate share. */

export const BINARY_FIELD = 'Input Binary Field';
export const TEMPERATURE_FIELD = 'Temperature';
export const LIMIT_FIELD = 'Limit';

export function responseFormatField(operation: 'transcribe' | 'translate'): INodeProperties {
	return {
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json', description: 'The text, as JSON' },
			{ name: 'SRT Subtitles', value: 'srt', description: 'SubRip subtitles, output as text' },
			{ name: 'Text', value: 'text', description: 'Plain text' },
			{
				name: 'Verbose JSON (With Segments)',
				value: 'verbose_json',
				description: 'The text with its language, duration and timed segments (and words, when asked for)',
			},
			{ name: 'WebVTT Subtitles', value: 'vtt', description: 'WebVTT subtitles, output as text' },
		],
		default: 'json',
		hint:
			operation === 'transcribe'
				? 'gpt-4o-transcribe and gpt-4o-mini-transcribe return JSON or Text only'
				: undefined,
		description: 'The format OpenAI returns. Text, SRT and WebVTT come out as a "text" field.',
	};
}

/** Split Segments Into Items and its Limit (Fusion's Limit field), shown for Verbose JSON. */
export const segmentFields: INodeProperties[] = [
	{
		displayName: 'Split Segments Into Items',
		name: 'splitSegments',
		type: 'boolean',
		default: false,
		displayOptions: { show: { responseFormat: ['verbose_json'] } },
		description: 'Whether to output one item per timed segment instead of one item with the whole response',
	},
	{
		displayName: LIMIT_FIELD,
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { responseFormat: ['verbose_json'], splitSegments: [true] } },
		description: 'Max number of segments to output per input item',
	},
];

export function audioBinaryField(description: string): INodeProperties {
	return {
		...binaryPropertyField({ displayName: BINARY_FIELD, description }),
		hint: 'flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm, at most 25 MB (checked before uploading)',
	};
}

export const promptOption: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	default: '',
	typeOptions: { rows: 2 },
	description:
		'Text to guide the style or continue a previous audio segment; it should be in the language of the output',
};

export const temperatureOption: INodeProperties = {
	displayName: TEMPERATURE_FIELD,
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 0,
	description: 'Sampling temperature between 0 and 1; higher is more random. 0 lets the model choose.',
};
