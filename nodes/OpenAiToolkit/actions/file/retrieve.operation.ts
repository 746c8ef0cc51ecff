import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('file', 'retrieve', [fileIdField]);

/** GET /files/{file_id}: the file's metadata (name, size, purpose, status). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const file = await client.files.retrieve(getFileId(this, itemIndex));
	return toItems(file, itemIndex);
}
