import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getVectorStoreId, vectorStoreIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStore', 'delete', [
	{
		...vectorStoreIdField,
		description: 'The vector store to delete. Its files stay in File storage; delete them there with File → Delete.',
	},
]);

/** DELETE /vector_stores/{vector_store_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const deleted = await client.vectorStores.delete(getVectorStoreId(this, itemIndex));
	return toItems(deleted, itemIndex);
}
