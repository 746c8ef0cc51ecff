import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversation', 'delete', [
	{ ...conversationIdField, description: 'The conversation to delete. Its items stay: OpenAI does not delete them with it.' },
]);

/** DELETE /conversations/{conversation_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const deleted = await client.conversations.delete(getConversationId(this, itemIndex));
	return toItems(deleted, itemIndex);
}
