import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('file', 'delete', [
	{ ...fileIdField, description: 'The ID of the file to delete. It is also removed from every vector store.' },
]);

/** DELETE /files/{file_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const deleted = await client.files.delete(getFileId(this, itemIndex));
	return toItems(deleted, itemIndex);
}
