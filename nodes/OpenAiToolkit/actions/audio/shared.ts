import type { Uploadable } from 'openai';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getBinaryUpload, sendUpload } from '../../helpers/binary';
import { binaryPropertyField } from '../../helpers/fields';
import type { OperationContext } from '../types';

/** OpenAI refuses audio uploads over 25 MB (26,214,400 bytes, as its error message says). */
export const AUDIO_MAX_BYTES = 25 * 1024 * 1024;

export const BINARY_FIELD = 'Input Binary Field';

export type AudioResponseFormat = 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt';

const AUDIO_EXTENSIONS: Record<string, string> = {
	'audio/wav': 'wav',
	'audio/wave': 'wav',
	'audio/x-wav': 'wav',
	'audio/vnd.wave': 'wav',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/mpga': 'mpga',
	'audio/mp4': 'm4a',
	'audio/m4a': 'm4a',
	'audio/x-m4a': 'm4a',
	'audio/ogg': 'ogg',
	'audio/opus': 'ogg',
	'audio/webm': 'webm',
	'audio/flac': 'flac',
	'audio/x-flac': 'flac',
	'video/mp4': 'mp4',
	'video/mpeg': 'mpeg',
	'video/webm': 'webm',
};

/**
 * The file name sent with the audio. OpenAI tells the audio format by the name's extension, so a name without
 * one (e.g. a binary made by a Code node) gets the extension of its MIME type.
 */
export function audioFileName(fileName: string | undefined, mimeType: string | undefined, fileExtension?: string): string {
	const name = fileName?.trim() || 'audio';
	if (/\.[a-z0-9]{2,5}$/i.test(name)) return name;
	const extension = AUDIO_EXTENSIONS[(mimeType ?? '').split(';')[0].trim().toLowerCase()] ?? fileExtension;
	return extension ? `${name}.${extension}` : name;
}

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
		displayName: 'Limit',
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
	displayName: 'Temperature',
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 0,
	description: 'Sampling temperature between 0 and 1; higher is more random. 0 lets the model choose.',
};

export function checkTemperature(context: IExecuteFunctions, itemIndex: number, temperature: unknown): void {
	if (temperature === undefined) return;
	const value = Number(temperature);
	if (!Number.isFinite(value) || value < 0 || value > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`The field 'Temperature' must be between 0 and 1, got ${String(temperature)} [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
}

/** gpt-4o(-mini)-transcribe answer in JSON or Text only. */
export function checkResponseFormatForModel(
	context: IExecuteFunctions,
	itemIndex: number,
	model: string,
	responseFormat: AudioResponseFormat,
): void {
	if (/^gpt-4o(-mini)?-transcribe/i.test(model) && !['json', 'text'].includes(responseFormat)) {
		throw new NodeOperationError(
			context.getNode(),
			`The field 'Response Format' is '${responseFormat}', but ${model} returns only JSON or Text [item ${itemIndex}]`,
			{ itemIndex, description: 'Choose JSON or Text, or use whisper-1 for subtitles and timed segments.' },
		);
	}
}

/** The output items of a transcription or translation: the text and the full response, or one per segment. */
export function audioTextToItems(
	context: IExecuteFunctions,
	itemIndex: number,
	result: unknown,
	responseFormat: AudioResponseFormat,
): INodeExecutionData[] {
	if (typeof result === 'string') return [{ json: { text: result }, pairedItem: { item: itemIndex } }];
	const json = (result ?? {}) as IDataObject;
	const split = responseFormat === 'verbose_json' && context.getNodeParameter('splitSegments', itemIndex, false) === true;
	const segments = json.segments;
	if (split && Array.isArray(segments) && segments.length > 0) {
		const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
		return (segments as IDataObject[]).slice(0, limit).map((segment) => ({
			json: { ...segment, language: json.language },
			pairedItem: { item: itemIndex },
		}));
	}
	return [{ json, pairedItem: { item: itemIndex } }];
}

/**
 * Reads the audio file (refusing one over 25 MB before uploading) and sends it with `send`. A file in n8n's
 * binary store is streamed, and re-opened if the request has to be retried.
 */
export async function sendAudio<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
	send: (file: Uploadable) => Promise<T>,
): Promise<T> {
	const propertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!propertyName) {
		throw new NodeOperationError(context.getNode(), `The field '${BINARY_FIELD}' is empty [item ${itemIndex}]`, { itemIndex });
	}
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const upload = await getBinaryUpload(context, itemIndex, propertyName, {
		fieldLabel: BINARY_FIELD,
		maxBytes: AUDIO_MAX_BYTES,
		limitLabel: "OpenAI's limit for audio files",
		maxBytesReason: 'Split the recording, or compress it (e.g. to a lower-bitrate MP3)',
		fileName: audioFileName(binary.fileName, binary.mimeType, binary.fileExtension),
	});
	return await sendUpload(upload, ctx.client.maxRetries, send, ctx.cancelSignal);
}
