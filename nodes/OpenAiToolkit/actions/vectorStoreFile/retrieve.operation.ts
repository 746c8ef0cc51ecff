import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getVectorStoreId, vectorStoreIdField } from '../vectorStore/fields';
import { fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'retrieve', [vectorStoreIdField, fileIdField]);

/** GET /vector_stores/{vector_store_id}/files/{file_id}: processing status, attributes and chunking. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const file = await client.vectorStores.files.retrieve(getFileId(this, itemIndex), { vector_store_id: vectorStoreId });
	return toItems(file, itemIndex);
}
