import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ItemListParams } from 'openai/resources/conversations/items';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import { collect } from '../../helpers/paging';
import { itemListFields, readItemListQuery } from '../response/storedFields';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversationItem', 'list', [conversationIdField, ...itemListFields]);

/** GET /conversations/{conversation_id}/items, following the cursor pages: one output item per conversation item. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getConversationId(this, itemIndex);
	const { limit, query } = readItemListQuery(this, itemIndex);
	const items = await collect(client.conversations.items.list(id, query as ItemListParams), limit);
	return toItems(items, itemIndex);
}
