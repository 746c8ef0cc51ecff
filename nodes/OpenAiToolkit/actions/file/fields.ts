import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';

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
	return readRequiredText(context, itemIndex, 'fileId', 'File ID');
}
