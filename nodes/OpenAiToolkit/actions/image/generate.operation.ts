import type { ImageGenerateParamsNonStreaming } from 'openai/resources/images';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import type { OperationContext } from '../types';
import { gptImageBackgroundOption, gptImageFileFormatOptions, imageCountOption, outputOption, promptField, sizeOptions } from './fields';
import { getImageOutputSettings, imagesToItems } from './output';
import { getPrompt, gptImageFileParams, imageOptionParams } from './rules';

export const description: INodeProperties[] = showOnlyFor('image', 'generate', [
	modelField({
		kind: 'image',
		defaultModel: 'dall-e-3',
		description:
			'The image model: dall-e-2, dall-e-3 or a GPT image model (gpt-image-1, gpt-image-1-mini, …). Pick one from the list or type its ID.',
	}),
	promptField('What the image should show. The longer and more specific, the closer the result.'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			gptImageBackgroundOption,
			outputOption('keepUrlsOnly'),
			{
				displayName: 'Moderation',
				name: 'moderation',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Low', value: 'low', description: 'Less restrictive filtering' },
				],
				default: 'auto',
				description: 'GPT image models only: how strictly the generated images are moderated',
			},
			imageCountOption('How many images to generate, 1 to 10 (dall-e-3: only 1). Each becomes an output item.'),
			...gptImageFileFormatOptions,
			outputOption('binaryPropertyOutput'),
			{
				displayName: 'Quality',
				name: 'quality',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: 'The best quality the model offers' },
					{ name: 'HD (Dall-E-3)', value: 'hd' },
					{ name: 'High (GPT Image)', value: 'high' },
					{ name: 'Low (GPT Image)', value: 'low' },
					{ name: 'Medium (GPT Image)', value: 'medium' },
					{ name: 'Standard (Dall-E-2, Dall-E-3)', value: 'standard' },
				],
				default: 'auto',
				description: 'The quality of the images; which values apply depends on the model',
			},
			outputOption('responseFormat'),
			{
				displayName: 'Size',
				name: 'size',
				type: 'options',
				options: sizeOptions,
				default: '1024x1024',
				description:
					'dall-e-2: 256×256, 512×512 or 1024×1024. dall-e-3: 1024×1024, 1792×1024 or 1024×1792. GPT image models: Auto, 1024×1024, 1536×1024 or 1024×1536 (gpt-image-2 also any WIDTHxHEIGHT by expression). Checked before sending.',
			},
			{
				displayName: 'Style',
				name: 'style',
				type: 'options',
				options: [
					{ name: 'Natural', value: 'natural', description: 'More natural, less hyper-real images' },
					{ name: 'Vivid', value: 'vivid', description: 'Hyper-real and dramatic images' },
				],
				default: 'vivid',
				description: 'Dall-e-3 only: the style of the images',
			},
			outputOption('user'),
		],
	},
]);

/** POST /images/generations (Fusion: Generate images): one output item per image, as binary data. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	const prompt = getPrompt(this, itemIndex, model);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const body: IDataObject = {
		model,
		prompt,
		...imageOptionParams(this, itemIndex, model, options),
		...gptImageFileParams(this, itemIndex, options),
	};
	if (options.style) body.style = options.style;
	if (options.moderation) body.moderation = options.moderation;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);

	const response = await ctx.client.images.generate(params as unknown as ImageGenerateParamsNonStreaming);
	return await imagesToItems(this, itemIndex, response, getImageOutputSettings(options, 'image'), ctx);
}
