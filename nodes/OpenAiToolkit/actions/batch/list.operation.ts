import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';

export const description: INodeProperties[] = showOnlyFor('batch', 'list', returnAllOrLimitFields(50));

/** GET /batches, newest first, following the cursor pages: one output item per batch. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const pageSize = Math.min(100, Math.max(1, limit ?? 100));
	const batches = await collect(client.batches.list({ limit: pageSize }), limit);
	return toItems(batches, itemIndex);
}
