import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { batchIdField, getBatchId } from './fields';

export const description: INodeProperties[] = showOnlyFor('batch', 'retrieve', [batchIdField]);

/** GET /batches/{batch_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const batch = await client.batches.retrieve(getBatchId(this, itemIndex));
	return toItems(batch, itemIndex);
}
