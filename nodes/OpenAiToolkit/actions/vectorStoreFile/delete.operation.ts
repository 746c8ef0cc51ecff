import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getVectorStoreId, vectorStoreIdField } from '../vectorStore/fields';
import { fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'delete', [
	vectorStoreIdField,
	{
		...fileIdField,
		description: 'The file to remove from the vector store. The file itself stays in File storage (File → Delete deletes it).',
	},
]);

/** DELETE /vector_stores/{vector_store_id}/files/{file_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const deleted = await client.vectorStores.files.delete(getFileId(this, itemIndex), { vector_store_id: vectorStoreId });
	return toItems(deleted, itemIndex);
}
