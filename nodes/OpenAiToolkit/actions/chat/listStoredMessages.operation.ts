import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { completionIdField, getCompletionId, pageSize, storedOrderOption } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('chat', 'listStoredMessages', [
	completionIdField,
	...returnAllOrLimitFields(50),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [storedOrderOption] },
]);

/** GET /chat/completions/{id}/messages: the messages a stored completion was sent, one item each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getCompletionId(this, itemIndex);
	const limit = readResultLimit(this, itemIndex);
	const { order } = this.getNodeParameter('options', itemIndex, {}) as { order?: unknown };
	const query: { limit: number; order?: 'asc' | 'desc' } = { limit: pageSize(limit) };
	if (order === 'asc' || order === 'desc') query.order = order;
	return toItems(await collect(client.chat.completions.messages.list(id, query), limit), itemIndex);
}
