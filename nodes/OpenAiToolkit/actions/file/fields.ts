import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The File ID field of Retrieve, Retrieve Content and Delete (Fusion: "File ID"). */
export const fileIdField: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'file-abc123',
	description: 'The ID of the file, as File → Upload or File → List returns it',
};

/** Reads the File ID field, refusing an empty one before anything is sent. */
export function getFileId(context: IExecuteFunctions, itemIndex: number): string {
	const fileId = String(context.getNodeParameter('fileId', itemIndex, '') ?? '').trim();
	if (!fileId) throw new NodeOperationError(context.getNode(), "The field 'File ID' is empty", { itemIndex });
	return fileId;
}
