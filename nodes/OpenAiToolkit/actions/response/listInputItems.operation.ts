import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputItemListParams } from 'openai/resources/responses/input-items';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import { collect } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { getResponseId, itemListFields, readItemListQuery, responseIdField } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('response', 'listInputItems', [
	{ ...responseIdField, description: 'The stored response whose input items to list' },
	...itemListFields,
]);

/** GET /responses/{response_id}/input_items, following the cursor pages: one output item per input item. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getResponseId(this, itemIndex);
	const { limit, query } = readItemListQuery(this, itemIndex);
	const items = await collect(client.responses.inputItems.list(id, query as InputItemListParams), limit);
	return toItems(items, itemIndex);
}
