import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';
import { processingWaitSpec } from '../vectorStore/fields';

export const FILE_ID_LABEL = 'File ID';
export const ATTRIBUTES_LABEL = 'Attributes (JSON)';

/** The File ID of a file in a vector store (the ID File → Upload gave it). */
export const fileIdField: INodeProperties = {
	displayName: FILE_ID_LABEL,
	name: 'fileId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'file-abc123',
	description: 'The ID of the file, as File → Upload or Vector Store File → List outputs it',
};

/** Reads the File ID field, refusing an empty one before anything is sent. */
export function getFileId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, itemIndex, 'fileId', FILE_ID_LABEL);
}

/** Attributes stored with a file in the store, which Vector Store → Search can filter on. */
export const attributesOption: INodeProperties = {
	displayName: ATTRIBUTES_LABEL,
	name: 'attributes',
	type: 'json',
	default: '{}',
	placeholder: '{"region": "eu", "year": 2025, "public": true}',
	description:
		'Up to 16 key-value pairs (texts, numbers or booleans) stored with the file; Vector Store → Search can filter on them',
};

export const fileWaitSpec = processingWaitSpec('the file');
export const batchWaitSpec = processingWaitSpec('the files');
