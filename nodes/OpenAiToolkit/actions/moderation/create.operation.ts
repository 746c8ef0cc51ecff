import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type {
	ModerationCreateParams,
	ModerationCreateResponse,
	ModerationMultiModalInput,
} from 'openai/resources/moderations';

import { fieldError, requireText } from '../../helpers/checks';
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
		description: 'The samples to classify: one entry per text sample (or image, for omni models)',
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
		displayName: 'Advanced Settings',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Setting',
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

/**
 * One item's moderation request. Text samples only → a list of strings (one result per sample); with an image
 * the samples become one multi-modal input (omni models classify it as a whole).
 */
export async function buildModerationBody(this: IExecuteFunctions, itemIndex: number): Promise<ModerationCreateParams> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const entries = this.getNodeParameter('moderationInput.values', itemIndex, []) as InputEntry[];
	const parts: ModerationMultiModalInput[] = [];
	for (const [index, entry] of entries.entries()) {
		const where = `Input ${index + 1}`;
		const type = entry.type ?? 'text';
		if (type === 'imageUrl') {
			const url = String(entry.imageUrl ?? '').trim();
			if (url === '') throw fieldError(this, itemIndex, `${where}: the field 'Image URL' is empty`);
			parts.push({ type: 'image_url', image_url: { url } });
		} else if (type === 'imageBinary') {
			const url = await binaryImageDataUrl(this, itemIndex, String(entry.binaryPropertyName ?? 'data'), where);
			parts.push({ type: 'image_url', image_url: { url } });
		} else {
			// An expression may give a list: each of its entries is a sample of its own.
			const texts = Array.isArray(entry.text) ? entry.text : [entry.text];
			for (const text of texts) {
				const value = text === undefined || text === null ? '' : typeof text === 'string' ? text : JSON.stringify(text);
				if (value.trim() === '') throw fieldError(this, itemIndex, `${where}: the field 'Text' is empty`);
				parts.push({ type: 'text', text: value });
			}
		}
	}
	if (parts.length === 0) {
		throw fieldError(this, itemIndex, "The field 'Input' is empty: add at least one item to classify");
	}
	const onlyText = parts.every((part) => part.type === 'text');
	const body: ModerationCreateParams = {
		model,
		input: onlyText ? parts.map((part) => (part as { text: string }).text) : parts,
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
}

/** The moderation as an output item: the response plus `flagged`, true when any result is flagged. */
export function moderationOutput(response: ModerationCreateResponse): IDataObject {
	const flagged = (response.results ?? []).some((result) => result.flagged === true);
	return { ...(response as unknown as IDataObject), flagged };
}

/** POST /moderations (Fusion: Create a moderation). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = await buildModerationBody.call(this, itemIndex);
	const response = await client.moderations.create(body);
	return [{ json: moderationOutput(response), pairedItem: { item: itemIndex } }];
}
