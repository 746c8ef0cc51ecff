import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { collect } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { getVectorStoreId, vectorStoreIdField } from '../vectorStore/fields';
import { fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'retrieveParsedContent', [
	vectorStoreIdField,
	fileIdField,
]);

/**
 * GET /vector_stores/{vector_store_id}/files/{file_id}/content: the text OpenAI read from the file (e.g. a PDF's
 * text), as one item: all parts joined in `text`, and the parts themselves in `content`.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const fileId = getFileId(this, itemIndex);
	const parts = await collect(client.vectorStores.files.content(fileId, { vector_store_id: vectorStoreId }), undefined);
	const text = parts.map((part) => part.text ?? '').join('\n\n');
	return [
		{
			json: { file_id: fileId, vector_store_id: vectorStoreId, text, content: parts as unknown as IDataObject[] },
			pairedItem: { item: itemIndex },
		},
	];
}
