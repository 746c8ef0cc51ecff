import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { batchIdField, getBatchId } from './fields';

export const description: INodeProperties[] = showOnlyFor('batch', 'cancel', [
	{ ...batchIdField, description: 'The batch to cancel. It turns "cancelling", then "cancelled" with the results it has so far.' },
]);

/** POST /batches/{batch_id}/cancel. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const batch = await client.batches.cancel(getBatchId(this, itemIndex));
	return toItems(batch, itemIndex);
}
