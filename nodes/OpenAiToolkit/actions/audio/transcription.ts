import type { Uploadable } from 'openai';
import type { RequestOptions } from 'openai/internal/request-options';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkNumber, fieldError, readNumber } from '../../helpers/checks';
import { getBinaryUpload } from '../../helpers/uploads';
import { sendUpload } from '../../transport/uploadRetry';
import type { OperationContext } from '../types';
import { BINARY_FIELD, LIMIT_FIELD, TEMPERATURE_FIELD } from './fields';

/* Transcribe and Translate: the audio upload, the checks made before it, and the answer as items. */

/** OpenAI refuses audio uploads over 25 MB (26,214,400 bytes, as its error message says). */
export const AUDIO_MAX_BYTES = 25 * 1024 * 1024;

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

/** Temperature: 0 to 1; undefined when not set. */
export function readTemperature(context: IExecuteFunctions, itemIndex: number, value: unknown): number | undefined {
	return checkNumber(context, itemIndex, value, TEMPERATURE_FIELD, { min: 0, max: 1 });
}

/** gpt-4o(-mini)-transcribe answer in JSON or Text only. */
export function checkResponseFormatForModel(
	context: IExecuteFunctions,
	itemIndex: number,
	model: string,
	responseFormat: AudioResponseFormat,
): void {
	if (/^gpt-4o(-mini)?-transcribe/i.test(model) && !['json', 'text'].includes(responseFormat)) {
		throw fieldError(
			context,
			itemIndex,
			`The field 'Response Format' is '${responseFormat}', but ${model} returns only JSON or Text`,
			'Choose JSON or Text, or use whisper-1 for subtitles and timed segments.',
		);
	}
}

/** How the answer becomes items: whole, or one item per segment (at most `limit`). Read before sending. */
export interface SegmentSplit {
	split: boolean;
	limit: number;
}

export function readSegmentSplit(context: IExecuteFunctions, itemIndex: number, responseFormat: AudioResponseFormat): SegmentSplit {
	const split = responseFormat === 'verbose_json' && context.getNodeParameter('splitSegments', itemIndex, false) === true;
	if (!split) return { split, limit: Infinity };
	return { split, limit: readNumber(context, itemIndex, 'limit', 50, LIMIT_FIELD, { min: 1, integer: true }) };
}

/** The output items of a transcription or translation: the text and the full response, or one per segment. */
export function audioTextToItems(itemIndex: number, result: unknown, { split, limit }: SegmentSplit): INodeExecutionData[] {
	if (typeof result === 'string') return [{ json: { text: result }, pairedItem: { item: itemIndex } }];
	const json = (result ?? {}) as IDataObject;
	const segments = json.segments;
	if (split && Array.isArray(segments) && segments.length > 0) {
		return (segments as IDataObject[]).slice(0, limit).map((segment) => ({
			json: { ...segment, language: json.language },
			pairedItem: { item: itemIndex },
		}));
	}
	return [{ json, pairedItem: { item: itemIndex } }];
}

/**
 * Reads the audio file (refusing a missing or empty one, or one over 25 MB, before uploading) and sends it
 * with `send`. A file in n8n's binary store is streamed, and re-opened if the request has to be retried.
 */
export async function sendAudio<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
	send: (file: Uploadable, requestOptions: RequestOptions) => Promise<T>,
): Promise<T> {
	const propertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const binary = context.getInputData()[itemIndex]?.binary?.[propertyName.trim()];
	const upload = await getBinaryUpload(context, itemIndex, propertyName, {
		fieldDisplayName: BINARY_FIELD,
		maxBytes: AUDIO_MAX_BYTES,
		limitLabel: "OpenAI's limit for audio files",
		maxBytesReason: 'Split the recording, or compress it (e.g. to a lower-bitrate MP3)',
		fileName: binary ? audioFileName(binary.fileName, binary.mimeType, binary.fileExtension) : undefined,
	});
	return await sendUpload(ctx, upload, send);
}
