import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';

/**
 * The Model ID field of a delete. Defined without display options so that Fine-Tuning Job → Delete Fine-Tuned
 * Model can show the same field and call the same `deleteModel` below.
 */
export const fineTunedModelIdField: INodeProperties = {
	displayName: 'Model ID',
	name: 'modelId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:abc123',
	description: 'The fine-tuned model to delete. Only models your organization owns can be deleted.',
};

export const description: INodeProperties[] = [
	{ ...fineTunedModelIdField, displayOptions: { show: { resource: ['model'], operation: ['delete'] } } },
];

/** DELETE /models/{model}; shared by Model → Delete and Fine-Tuning Job → Delete Fine-Tuned Model. */
export async function deleteModel(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const modelId = readRequiredText(this, itemIndex, 'modelId', 'Model ID');
	const deleted = await client.models.delete(modelId);
	return toItems(deleted, itemIndex);
}

export const execute = deleteModel;
