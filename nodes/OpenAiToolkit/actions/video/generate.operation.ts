import type { VideoCreateParams } from 'openai/resources/videos';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError, textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, withAdditionalBodyFields } from '../../helpers/fields';
import { waitFields } from '../../helpers/wait';
import type { OperationContext } from '../types';
import {
	GENERATE_SECONDS,
	getPrompt,
	outputFieldField,
	promptField,
	readChoice,
	secondsField,
	SORA_2_SIZES,
	VIDEO_SIZES,
	videoModelField,
	videoWaitSpec,
	waitForCompletionField,
} from './fields';
import { readReferenceImage, REFERENCE_FIELD } from './inputs';
import { jobOutput } from './jobs';

export const description: INodeProperties[] = showOnlyFor('video', 'generate', [
	promptField('What the video shows: subject, setting, camera, lighting, action. Up to 32,000 characters.'),
	videoModelField,
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		options: [
			{ name: '720x1280 (Portrait)', value: '720x1280' },
			{ name: '1280x720 (Landscape)', value: '1280x720' },
			{ name: '1024x1792 (Portrait, Sora-2-Pro)', value: '1024x1792' },
			{ name: '1792x1024 (Landscape, Sora-2-Pro)', value: '1792x1024' },
		],
		default: '720x1280',
		description: 'Width x height of the video. sora-2 makes the first two only.',
	},
	secondsField(GENERATE_SECONDS, 'How long the clip is'),
	waitForCompletionField,
	...waitFields(videoWaitSpec),
	outputFieldField({ displayOptions: { show: { waitForCompletion: [true] } } }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: REFERENCE_FIELD,
				name: 'inputReference',
				type: 'string',
				default: 'data',
				placeholder: 'data',
				description:
					'The input binary field holding an image (PNG, JPEG or WebP, up to 20 MB) the video starts from. It must have the size of the video.',
			},
		],
	},
]);

/** sora-2 (and its snapshots) renders only the two 720p sizes. */
function isSora2(model: string): boolean {
	return /^sora-2(-\d{4}-\d{2}-\d{2})?$/.test(model);
}

/** POST /videos (multipart), optionally waiting for the video and downloading it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const prompt = getPrompt(this, itemIndex);
	const model = getModel(this, itemIndex, 'videoModel');
	if (!model) throw fieldError(this, itemIndex, "The field 'Model' is empty");
	const size = readChoice(this, itemIndex, 'size', 'Size', VIDEO_SIZES, '720x1280');
	const seconds = readChoice(this, itemIndex, 'seconds', 'Seconds', GENERATE_SECONDS, '4');
	if (isSora2(model) && !SORA_2_SIZES.includes(size)) {
		throw fieldError(
			this,
			itemIndex,
			`The field 'Size': ${model} does not make ${size} videos`,
			`${model} makes ${SORA_2_SIZES.join(' and ')}; choose one of them or the model sora-2-pro.`,
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = withAdditionalBodyFields(this, { prompt, model, size, seconds } as IDataObject, options.additionalBodyFields, itemIndex);
	const referenceField = textOf(options.inputReference).trim();
	if (options.inputReference !== undefined && referenceField === '') {
		throw fieldError(this, itemIndex, `The field '${REFERENCE_FIELD}' is empty`, 'Remove the option to send no reference image.');
	}
	if (referenceField) body.input_reference = (await readReferenceImage(this, itemIndex, referenceField, size)) as never;

	return await jobOutput(this, itemIndex, ctx, async () => await ctx.client.videos.create(body as unknown as VideoCreateParams));
}
