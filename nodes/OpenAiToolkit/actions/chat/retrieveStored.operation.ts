import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { completionIdField, getCompletionId } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('chat', 'retrieveStored', [completionIdField]);

/** GET /chat/completions/{id}: a completion created with Store on. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	return toItems(await client.chat.completions.retrieve(getCompletionId(this, itemIndex)), itemIndex);
}
