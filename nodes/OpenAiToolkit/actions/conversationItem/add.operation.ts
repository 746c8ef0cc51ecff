import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ItemCreateParams } from 'openai/resources/conversations/items';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import { itemsFields, itemsModeField } from '../conversation/fields';
import { readConversationItems } from '../conversation/items';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId, getInclude, includeOnlyOptions } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversationItem', 'add', [
	conversationIdField,
	itemsModeField(false),
	...itemsFields,
	includeOnlyOptions,
]);

/** POST /conversations/{conversation_id}/items: adds up to 20 items; one output item per item added. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getConversationId(this, itemIndex);
	const items = readConversationItems(this, itemIndex, { required: true }) ?? [];
	const params = { items } as unknown as ItemCreateParams;
	const include = getInclude(this, itemIndex);
	if (include) params.include = include as ItemCreateParams['include'];
	const added = await client.conversations.items.create(id, params);
	return toItems(added.data, itemIndex);
}
