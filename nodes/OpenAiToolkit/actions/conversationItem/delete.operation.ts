import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId, getItemId, itemIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversationItem', 'delete', [
	conversationIdField,
	{ ...itemIdField, description: 'The item to remove from the conversation' },
]);

/** DELETE /conversations/{conversation_id}/items/{item_id}: OpenAI answers with the conversation. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const conversationId = getConversationId(this, itemIndex);
	const conversation = await client.conversations.items.delete(getItemId(this, itemIndex), { conversation_id: conversationId });
	return toItems(conversation, itemIndex);
}
