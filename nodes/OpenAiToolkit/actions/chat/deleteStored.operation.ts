import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { completionIdField, getCompletionId } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('chat', 'deleteStored', [completionIdField]);

/** DELETE /chat/completions/{id}: outputs OpenAI's confirmation (id, deleted). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	return toItems(await client.chat.completions.delete(getCompletionId(this, itemIndex)), itemIndex);
}
