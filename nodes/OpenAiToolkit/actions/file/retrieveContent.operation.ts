import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mimeTypeFromFileName } from '../../helpers/mimeTypes';
import { storeDownload } from '../../helpers/storeDownload';
import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('file', 'retrieveContent', [
	fileIdField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary field of the output item that receives the file content',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'results.jsonl',
				description: "The output file's name, instead of the name OpenAI stores it under",
			},
		],
	},
]);

/**
 * GET /files/{file_id} for the name, then GET /files/{file_id}/content: the bytes as binary data named like the
 * file, with a MIME type from its extension. The content streams into n8n's binary store.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const fileId = getFileId(this, itemIndex);
	const outputField = String(this.getNodeParameter('binaryPropertyOutput', itemIndex, 'data')).trim() || 'data';
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };

	const metadata = await client.files.retrieve(fileId);
	const fileName = options.fileName?.trim() || metadata.filename || fileId;
	// Any content type: the file's own bytes (the SDK's "application/binary" is not in the official spec).
	const response = await client.files.content(fileId, { headers: { Accept: '*/*' } });
	const binary = await storeDownload(this, response, { fileName, mimeType: mimeTypeFromFileName(fileName) });
	return [
		{
			json: metadata as unknown as IDataObject,
			binary: { [outputField]: binary },
			pairedItem: { item: itemIndex },
		},
	];
}
