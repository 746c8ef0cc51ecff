import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type {
	ModerationCreateParams,
	ModerationCreateResponse,
	ModerationMultiModalInput,
} from 'openai/resources/moderations';

import { fieldError, requireText, textOf } from '../../helpers/checks';
import { binaryImageDataUrl } from '../../helpers/dataUrl';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import type { OperationContext } from '../types';

/** Every field of Moderation → Create, without resource/operation display options (Batch → Create reuses them). */
export const moderationFields: INodeProperties[] = [
	modelField({
		kind: 'moderation',
		defaultModel: 'omni-moderation-latest',
		description:
			'The moderation model: omni-moderation-latest (text and images) or text-moderation-latest (text only), or any model ID',
	}),
	{
		displayName: 'Input',
		name: 'moderationInput',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Item',
		default: { values: [{ type: 'text', text: '' }] },
		description: 'The samples to classify: one entry per text sample (or image, for omni models); each gets a result of its own',
		hint: 'Each text entry is one sample; an expression that returns a list adds one sample per entry of the list',
		options: [
			{
				displayName: 'Item',
				name: 'values',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Text', value: 'text', description: 'A text sample' },
							{ name: 'Image URL', value: 'imageUrl', description: 'An image by URL (omni models only)' },
							{
								name: 'Image From Binary Field',
								value: 'imageBinary',
								description: 'An image in a binary field of the input item, sent as a data URL (omni models only)',
							},
						],
						default: 'text',
						description: 'What this sample is',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						placeholder: 'e.g. I want to hug everyone',
						description: 'The whole text sample to classify',
						displayOptions: { show: { type: ['text'] } },
					},
					{
						displayName: 'Image URL',
						name: 'imageUrl',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/image.jpg',
						description: 'The URL of the image to classify',
						displayOptions: { show: { type: ['imageUrl'] } },
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						placeholder: 'data',
						description: 'Name of the binary property of the input item that holds the image',
						displayOptions: { show: { type: ['imageBinary'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [additionalBodyFieldsOption],
	},
];

export const description: INodeProperties[] = showOnlyFor('moderation', 'create', moderationFields);

interface InputEntry {
	type?: 'text' | 'imageUrl' | 'imageBinary';
	text?: unknown;
	imageUrl?: unknown;
	binaryPropertyName?: unknown;
}

/** One sample to classify: a text, or an image by URL (a data URL for a binary field). */
type Sample = { text: string } | { imageUrl: string };

/** One request of an item's moderation and the positions of its samples in the Input list. */
interface ModerationRequest {
	body: ModerationCreateParams;
	samples: number[];
}

/** The samples of an item, in the order of the Input list (a text mapped to a list adds one per entry). */
async function readSamples(context: IExecuteFunctions, itemIndex: number): Promise<Sample[]> {
	const entries = context.getNodeParameter('moderationInput.values', itemIndex, []) as InputEntry[];
	const samples: Sample[] = [];
	for (const [index, entry] of entries.entries()) {
		const where = `Input ${index + 1}`;
		const type = entry.type ?? 'text';
		if (type === 'imageUrl') {
			const url = textOf(entry.imageUrl).trim();
			if (url === '') throw fieldError(context, itemIndex, `${where}: the field 'Image URL' is empty`);
			samples.push({ imageUrl: url });
		} else if (type === 'imageBinary') {
			const name = textOf(entry.binaryPropertyName ?? 'data');
			samples.push({ imageUrl: await binaryImageDataUrl(context, itemIndex, name, where) });
		} else {
			// An expression may give a list: each of its entries is a sample of its own.
			for (const text of Array.isArray(entry.text) ? entry.text : [entry.text]) {
				const value = textOf(text);
				if (value.trim() === '') throw fieldError(context, itemIndex, `${where}: the field 'Text' is empty`);
				samples.push({ text: value });
			}
		}
	}
	if (samples.length === 0) {
		throw fieldError(context, itemIndex, "The field 'Input' is empty: add at least one item to classify");
	}
	return samples;
}

/**
 * One item's requests, so that every sample gets a result of its own: all text samples in one request (a list
 * of strings, one result each), and every image in a request of its own (OpenAI classifies a multi-modal
 * input as a whole, with one result).
 */
async function buildModerationRequests(context: IExecuteFunctions, itemIndex: number): Promise<ModerationRequest[]> {
	const model = requireText(context, itemIndex, getModel(context, itemIndex), 'Model');
	const samples = await readSamples(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const texts = samples.flatMap((sample, index) => ('text' in sample ? [{ text: sample.text, index }] : []));
	const requests: ModerationRequest[] = [];
	if (texts.length) requests.push({ body: { model, input: texts.map(({ text }) => text) }, samples: texts.map(({ index }) => index) });
	samples.forEach((sample, index) => {
		if ('imageUrl' in sample) {
			const input: ModerationMultiModalInput[] = [{ type: 'image_url', image_url: { url: sample.imageUrl } }];
			requests.push({ body: { model, input }, samples: [index] });
		}
	});
	return requests.map((request) => ({
		...request,
		body: withAdditionalBodyFields(context, request.body, options.additionalBodyFields, itemIndex),
	}));
}

/**
 * One item's moderation request, for Batch → Create (one request per item there): the text samples, or a
 * single image. An item with an image and other samples would need several requests to get one result per
 * sample, which a batch line cannot do.
 */
export async function buildModerationBody(this: IExecuteFunctions, itemIndex: number): Promise<ModerationCreateParams> {
	const requests = await buildModerationRequests(this, itemIndex);
	if (requests.length > 1) {
		throw fieldError(
			this,
			itemIndex,
			"The field 'Input': in a batch, an item with an image can have only that one sample",
			'OpenAI gives a multi-modal input one result as a whole; Moderation → Create sends each image on its own.',
		);
	}
	return requests[0].body;
}

/** The moderation as an output item: the response plus `flagged`, true when any result is flagged. */
export function moderationOutput(response: ModerationCreateResponse): IDataObject {
	const flagged = (response.results ?? []).some((result) => result.flagged === true);
	return { ...(response as unknown as IDataObject), flagged };
}

/** The responses of one item's requests as one response: its results in the order of the samples. */
function mergeResponses(requests: ModerationRequest[], responses: ModerationCreateResponse[]): ModerationCreateResponse {
	if (responses.length === 1) return responses[0];
	const results: ModerationCreateResponse['results'] = [];
	requests.forEach((request, position) => {
		request.samples.forEach((sample, index) => {
			const result = responses[position].results?.[index];
			if (result) results[sample] = result;
		});
	});
	return { ...responses[0], results: results.filter(Boolean) };
}

/** POST /moderations (Fusion: Create a moderation): one output item, one result per sample. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const requests = await buildModerationRequests(this, itemIndex);
	const responses = await Promise.all(requests.map(async ({ body }) => await client.moderations.create(body)));
	return [{ json: moderationOutput(mergeResponses(requests, responses)), pairedItem: { item: itemIndex } }];
}
