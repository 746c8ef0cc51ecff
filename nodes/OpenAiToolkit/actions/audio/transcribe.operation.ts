import type { TranscriptionCreateParamsNonStreaming } from 'openai/resources/audio/transcriptions';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';

import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import type { OperationContext } from '../types';
import { audioBinaryField, promptOption, responseFormatField, segmentFields, temperatureOption } from './fields';
import {
	audioTextToItems,
	checkResponseFormatForModel,
	readSegmentSplit,
	readTemperature,
	sendAudio,
	type AudioResponseFormat,
} from './transcription';

export const description: INodeProperties[] = showOnlyFor('audio', 'transcribe', [
	modelField({
		kind: 'transcription',
		defaultModel: 'whisper-1',
		description: 'The speech-to-text model: whisper-1, gpt-4o-transcribe, gpt-4o-mini-transcribe, or an ID',
	}),
	audioBinaryField('Name of the input binary field holding the audio to transcribe'),
	responseFormatField('transcribe'),
	...segmentFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'sv',
				description:
					'The language spoken in the audio as an ISO-639-1 code (e.g. en, sv, de). Giving it improves accuracy and speed.',
			},
			promptOption,
			temperatureOption,
			{
				displayName: 'Timestamp Granularities',
				name: 'timestampGranularities',
				type: 'multiOptions',
				options: [
					{ name: 'Segment', value: 'segment' },
					{ name: 'Word', value: 'word', description: 'Word timestamps; they take longer to make' },
				],
				default: [],
				description: 'Which timestamps Verbose JSON carries. Needs Response Format Verbose JSON.',
			},
		],
	},
]);

/** POST /audio/transcriptions (Fusion: Manage audio, into the input language). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	const responseFormat = this.getNodeParameter('responseFormat', itemIndex, 'json') as AudioResponseFormat;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	checkResponseFormatForModel(this, itemIndex, model, responseFormat);
	const temperature = readTemperature(this, itemIndex, options.temperature);
	const granularities = (options.timestampGranularities as string[] | undefined) ?? [];
	if (granularities.length > 0 && responseFormat !== 'verbose_json') {
		throw fieldError(
			this,
			itemIndex,
			`The option 'Timestamp Granularities' needs Response Format 'Verbose JSON', not '${responseFormat}'`,
		);
	}
	const segments = readSegmentSplit(this, itemIndex, responseFormat);

	const body: IDataObject = { model, response_format: responseFormat };
	if (typeof options.language === 'string' && options.language.trim()) body.language = options.language.trim();
	if (typeof options.prompt === 'string' && options.prompt !== '') body.prompt = options.prompt;
	if (temperature !== undefined) body.temperature = temperature;
	if (granularities.length > 0) body.timestamp_granularities = granularities;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);

	const result = await sendAudio(this, itemIndex, ctx, async (file, requestOptions) =>
		await ctx.client.audio.transcriptions.create(
			{ ...params, file } as unknown as TranscriptionCreateParamsNonStreaming,
			requestOptions,
		),
	);
	return audioTextToItems(itemIndex, result, segments);
}
