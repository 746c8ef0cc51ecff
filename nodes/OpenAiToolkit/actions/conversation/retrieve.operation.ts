import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversation', 'retrieve', [conversationIdField]);

/** GET /conversations/{conversation_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const conversation = await client.conversations.retrieve(getConversationId(this, itemIndex));
	return toItems(conversation, itemIndex);
}
