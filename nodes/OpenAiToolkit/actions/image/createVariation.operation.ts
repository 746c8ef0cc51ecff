import type { ImageCreateVariationParams } from 'openai/resources/images';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import {
	additionalBodyFieldsOption,
	binaryPropertyField,
	getModel,
	modelField,
	withAdditionalBodyFields,
} from '../../helpers/fields';
import type { OperationContext } from '../types';
import { imageCountOption, outputOption, sizeOptions } from './fields';
import { checkDallE2Image, readImageInput, toImageUpload } from './inputs';
import { getImageOutputSettings, imagesToItems } from './output';
import { DALL_E_2_MAX_BYTES, imageModelFamily, imageOptionParams } from './rules';

const IMAGE_FIELD = 'Input Binary Field';

export const description: INodeProperties[] = showOnlyFor('image', 'createVariation', [
	modelField({
		kind: 'imageVariation',
		defaultModel: 'dall-e-2',
		description: 'The image model. OpenAI makes variations with dall-e-2 only.',
	}),
	{
		...binaryPropertyField({
			displayName: IMAGE_FIELD,
			description: 'Name of the input binary field holding the image to make variations of',
		}),
		hint: 'dall-e-2 takes a square PNG under 4 MB (checked before sending)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			outputOption('keepUrlsOnly'),
			imageCountOption('How many variations to make, 1 to 10. Each becomes an output item.'),
			outputOption('binaryPropertyOutput'),
			outputOption('responseFormat'),
			{
				displayName: 'Size',
				name: 'size',
				type: 'options',
				options: sizeOptions.filter((option) => ['256x256', '512x512', '1024x1024'].includes(option.value)),
				default: '1024x1024',
				description: 'The size of the variations: 256×256, 512×512 or 1024×1024',
			},
			outputOption('user'),
		],
	},
]);

/** POST /images/variations (Fusion: Edit image, as variations): variations of an image from a binary field. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	const family = imageModelFamily(model);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const optionParams = imageOptionParams(this, itemIndex, model, options);

	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const limit = family === 'dall-e-2' ? { maxBytes: DALL_E_2_MAX_BYTES - 1, label: "dall-e-2's limit", reason: 'dall-e-2 takes PNGs under 4 MB' } : undefined;
	const image = await readImageInput(this, itemIndex, propertyName, IMAGE_FIELD, limit);
	if (family === 'dall-e-2') checkDallE2Image(this, itemIndex, image, IMAGE_FIELD);

	const body: IDataObject = { model, ...optionParams };
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	const request = { ...params, image: await toImageUpload(image) } as unknown as ImageCreateVariationParams;
	const response = await ctx.client.images.createVariation(request);
	return await imagesToItems(this, itemIndex, response, getImageOutputSettings(options, 'variation'), ctx);
}
