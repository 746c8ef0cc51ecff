import type { ImageEditParamsNonStreaming } from 'openai/resources/images';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import { fieldError } from '../../helpers/checks';
import type { OperationContext } from '../types';
import { gptImageBackgroundOption, gptImageFileFormatOptions, imageCountOption, outputOption, promptField, sizeOptions } from './fields';
import { checkDallE2Image, checkGptImage, checkMask, readImageInput, toImageUpload, type ImageInput } from './inputs';
import { getImageOutputSettings, imagesToItems } from './output';
import {
	DALL_E_2_MAX_BYTES,
	getPrompt,
	GPT_IMAGE_MAX_BYTES,
	GPT_IMAGE_MAX_IMAGES,
	gptImageFileParams,
	imageModelFamily,
	imageOptionParams,
} from './rules';

const IMAGE_FIELD = 'Image Binary Field(s)';
const MASK_FIELD = 'Mask Binary Field';

export const description: INodeProperties[] = showOnlyFor('image', 'edit', [
	modelField({
		kind: 'imageEdit',
		defaultModel: 'dall-e-2',
		description: 'The image model: dall-e-2 or a GPT image model (gpt-image-1, …). Pick one from the list or type its ID.',
	}),
	{
		displayName: IMAGE_FIELD,
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		hint: 'dall-e-2: one square PNG under 4 MB. GPT image models: up to 16 PNG, JPEG or WebP images under 50 MB each, field names separated by commas.',
		description: 'Name of the input binary field holding the image to edit (several, comma-separated, for GPT image models)',
	},
	promptField('What the edited image should show'),
	{
		displayName: MASK_FIELD,
		name: 'maskBinaryPropertyName',
		type: 'string',
		default: '',
		placeholder: 'mask',
		hint: 'Optional. Without a mask, dall-e-2 edits the transparent areas of the image, so the image must have an alpha channel.',
		description:
			'Name of the input binary field holding the mask: a PNG the same size as the image whose fully transparent areas show where to edit',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			gptImageBackgroundOption,
			{
				displayName: 'Input Fidelity',
				name: 'inputFidelity',
				type: 'options',
				options: [
					{ name: 'High', value: 'high' },
					{ name: 'Low', value: 'low' },
				],
				default: 'low',
				description: 'GPT image models only: how closely the result keeps the style and features (faces) of the input images',
			},
			outputOption('keepUrlsOnly'),
			imageCountOption('How many images to make, 1 to 10. Each becomes an output item.'),
			...gptImageFileFormatOptions,
			outputOption('binaryPropertyOutput'),
			{
				displayName: 'Quality',
				name: 'quality',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'High (GPT Image)', value: 'high' },
					{ name: 'Low (GPT Image)', value: 'low' },
					{ name: 'Medium (GPT Image)', value: 'medium' },
					{ name: 'Standard (Dall-E-2)', value: 'standard' },
				],
				default: 'auto',
				description: 'The quality of the images; which values apply depends on the model',
			},
			outputOption('responseFormat'),
			{
				displayName: 'Size',
				name: 'size',
				type: 'options',
				options: sizeOptions.filter((option) => !['1792x1024', '1024x1792'].includes(option.value)),
				default: '1024x1024',
				description:
					'dall-e-2: 256×256, 512×512 or 1024×1024. GPT image models: Auto, 1024×1024, 1536×1024 or 1024×1536. Checked before sending.',
			},
			outputOption('user'),
		],
	},
]);

function propertyNames(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
}

/** POST /images/edits (Fusion: Edit image): the source image(s) and an optional mask from binary fields. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	const family = imageModelFamily(model);
	const prompt = getPrompt(this, itemIndex, model);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const optionParams = imageOptionParams(this, itemIndex, model, options);
	const fileParams = gptImageFileParams(this, itemIndex, options);

	const names = propertyNames(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	if (names.length === 0) throw fieldError(this, itemIndex, `The field '${IMAGE_FIELD}' is empty`);
	if (family === 'dall-e-2' && names.length > 1) {
		throw fieldError(
			this,
			itemIndex,
			`The field '${IMAGE_FIELD}' names ${names.length} images, but dall-e-2 edits one`,
			'Give one binary field name, or choose a GPT image model (up to 16 images).',
		);
	}
	if (family === 'gpt-image' && names.length > GPT_IMAGE_MAX_IMAGES) {
		throw fieldError(
			this,
			itemIndex,
			`The field '${IMAGE_FIELD}' names ${names.length} images; ${model} takes at most ${GPT_IMAGE_MAX_IMAGES}`,
		);
	}

	const imageLimit =
		family === 'dall-e-2'
			? { maxBytes: DALL_E_2_MAX_BYTES - 1, label: "dall-e-2's limit", reason: 'dall-e-2 takes PNGs under 4 MB' }
			: family === 'gpt-image'
				? { maxBytes: GPT_IMAGE_MAX_BYTES - 1, label: `${model}'s limit`, reason: 'GPT image models take images under 50 MB' }
				: undefined;
	const images: ImageInput[] = [];
	for (const name of names) {
		const image = await readImageInput(this, itemIndex, name, IMAGE_FIELD, imageLimit);
		if (family === 'dall-e-2') checkDallE2Image(this, itemIndex, image, IMAGE_FIELD);
		if (family === 'gpt-image') checkGptImage(this, itemIndex, image, IMAGE_FIELD);
		images.push(image);
	}

	const maskName = String(this.getNodeParameter('maskBinaryPropertyName', itemIndex, '')).trim();
	let mask: ImageInput | undefined;
	if (maskName) {
		const maskLimit = family === 'other' ? undefined : { maxBytes: DALL_E_2_MAX_BYTES - 1, label: 'the limit for masks', reason: 'A mask is a PNG under 4 MB' };
		mask = await readImageInput(this, itemIndex, maskName, MASK_FIELD, maskLimit);
		if (family !== 'other') checkMask(this, itemIndex, mask, images[0], MASK_FIELD);
	} else if (family === 'dall-e-2' && images[0].png && !images[0].png.hasAlpha) {
		throw fieldError(
			this,
			itemIndex,
			`The image in '${IMAGE_FIELD}' (binary property '${images[0].propertyName}') has no transparency, and no mask is given`,
			"Without a mask, dall-e-2 edits the image's transparent areas. Set 'Mask Binary Field', or use a PNG with an alpha channel whose transparent areas mark what to edit.",
		);
	}

	const uploads = await Promise.all(images.map(toImageUpload));
	const body: IDataObject = { model, prompt, ...optionParams, ...fileParams };
	if (options.inputFidelity) body.input_fidelity = options.inputFidelity;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	const request = {
		...params,
		image: uploads.length === 1 ? uploads[0] : uploads,
		...(mask ? { mask: await toImageUpload(mask) } : {}),
	} as unknown as ImageEditParamsNonStreaming;

	const response = await ctx.client.images.edit(request);
	return await imagesToItems(this, itemIndex, response, getImageOutputSettings(options, 'edited-image'), ctx);
}
