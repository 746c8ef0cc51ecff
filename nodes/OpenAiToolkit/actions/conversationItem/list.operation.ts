import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ItemListParams } from 'openai/resources/conversations/items';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import { includeOption, orderOption, readInclude, readOrder } from '../response/storedFields';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversationItem', 'list', [
	conversationIdField,
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

/** GET /conversations/{conversation_id}/items, following the cursor pages: one output item per conversation item. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getConversationId(this, itemIndex);
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// OpenAI pages at most 100 items.
	const query: ItemListParams = { limit: Math.min(100, limit ?? 100) };
	const order = readOrder(this, itemIndex, options.order);
	if (order) query.order = order;
	const include = readInclude(options.include);
	if (include) query.include = include as ItemListParams['include'];
	const items = await collect(client.conversations.items.list(id, query), limit);
	return toItems(items, itemIndex);
}
