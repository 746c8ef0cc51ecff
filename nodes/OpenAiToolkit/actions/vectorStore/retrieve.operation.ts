import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getVectorStoreId, vectorStoreIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStore', 'retrieve', [vectorStoreIdField]);

/** GET /vector_stores/{vector_store_id}: status, file counts, size and expiry. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const store = await client.vectorStores.retrieve(getVectorStoreId(this, itemIndex));
	return toItems(store, itemIndex);
}
