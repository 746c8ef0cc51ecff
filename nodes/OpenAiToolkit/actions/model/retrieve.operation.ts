import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { getModel, modelField } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';

export const description: INodeProperties[] = showOnlyFor('model', 'retrieve', [
	modelField({
		kind: 'any',
		defaultModel: 'gpt-4o-mini',
		displayName: 'Model ID',
		name: 'modelId',
		description: 'The model to look up',
	}),
]);

/** GET /models/{model}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const modelId = requireText(this, itemIndex, getModel(this, itemIndex, 'modelId'), 'Model ID');
	const model = await client.models.retrieve(modelId);
	return toItems(model, itemIndex);
}
