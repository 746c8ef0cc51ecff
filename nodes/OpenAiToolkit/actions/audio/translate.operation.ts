import type { TranslationCreateParams } from 'openai/resources/audio/translations';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import type { OperationContext } from '../types';
import { audioBinaryField, promptOption, responseFormatField, segmentFields, temperatureOption } from './fields';
import { audioTextToItems, readSegmentSplit, readTemperature, sendAudio, type AudioResponseFormat } from './transcription';

export const description: INodeProperties[] = showOnlyFor('audio', 'translate', [
	modelField({
		kind: 'translation',
		defaultModel: 'whisper-1',
		description: 'The model that translates speech into English. OpenAI offers whisper-1.',
	}),
	audioBinaryField('Name of the input binary field holding the audio to translate into English'),
	responseFormatField('translate'),
	...segmentFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [additionalBodyFieldsOption, { ...promptOption, description: 'Text in English to guide the style or continue a previous audio segment' }, temperatureOption],
	},
]);

/** POST /audio/translations (Fusion: Manage audio, into English). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	const responseFormat = this.getNodeParameter('responseFormat', itemIndex, 'json') as AudioResponseFormat;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const temperature = readTemperature(this, itemIndex, options.temperature);
	const segments = readSegmentSplit(this, itemIndex, responseFormat);

	const body: IDataObject = { model, response_format: responseFormat };
	if (typeof options.prompt === 'string' && options.prompt !== '') body.prompt = options.prompt;
	if (temperature !== undefined) body.temperature = temperature;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);

	const result = await sendAudio(this, itemIndex, ctx, async (file, requestOptions) =>
		await ctx.client.audio.translations.create({ ...params, file } as unknown as TranslationCreateParams, requestOptions),
	);
	return audioTextToItems(itemIndex, result, segments);
}
