import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ItemRetrieveParams } from 'openai/resources/conversations/items';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId, getInclude, getItemId, includeOnlyOptions, itemIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversationItem', 'retrieve', [
	conversationIdField,
	itemIdField,
	includeOnlyOptions,
]);

/** GET /conversations/{conversation_id}/items/{item_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const params: ItemRetrieveParams = { conversation_id: getConversationId(this, itemIndex) };
	const itemId = getItemId(this, itemIndex);
	const include = getInclude(this, itemIndex);
	if (include) params.include = include as ItemRetrieveParams['include'];
	const item = await client.conversations.items.retrieve(itemId, params);
	return toItems(item, itemIndex);
}
