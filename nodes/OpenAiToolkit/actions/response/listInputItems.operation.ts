import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputItemListParams } from 'openai/resources/responses/input-items';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { getResponseId, includeOption, orderOption, readInclude, readOrder, responseIdField } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('response', 'listInputItems', [
	{ ...responseIdField, description: 'The stored response whose input items to list' },
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeOption, orderOption],
	},
]);

/** GET /responses/{response_id}/input_items, following the cursor pages: one output item per input item. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getResponseId(this, itemIndex);
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// OpenAI pages at most 100 items.
	const query: InputItemListParams = { limit: Math.min(100, limit ?? 100) };
	const order = readOrder(this, itemIndex, options.order);
	if (order) query.order = order;
	const include = readInclude(options.include);
	if (include) query.include = include as InputItemListParams['include'];
	const items = await collect(client.responses.inputItems.list(id, query), limit);
	return toItems(items, itemIndex);
}
