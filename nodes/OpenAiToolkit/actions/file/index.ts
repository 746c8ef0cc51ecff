import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as deleteOperation from './delete.operation';
import * as list from './list.operation';
import * as retrieve from './retrieve.operation';
import * as retrieveContent from './retrieveContent.operation';
import * as upload from './upload.operation';

export const file: ResourceModule = {
	option: {
		name: 'File',
		value: 'file',
		description: 'Upload, list, download and delete files stored with OpenAI',
	},
	description: [
		operationSelector(
			'file',
			[
				{ name: 'Delete', value: 'delete', action: 'Delete a file', description: 'Delete a file by its ID' },
				{ name: 'List', value: 'list', action: 'List files', description: 'List the files of the organization' },
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a file', description: "Get a file's metadata by its ID" },
				{
					name: 'Retrieve Content',
					value: 'retrieveContent',
					action: 'Retrieve the content of a file',
					description: "Download a file's content as binary data",
				},
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload a file',
					description: 'Upload binary data as a file (e.g. a JSONL for fine-tuning or a batch)',
				},
			],
			'upload',
		),
		...upload.description,
		...list.description,
		...retrieve.description,
		...retrieveContent.description,
		...deleteOperation.description,
	],
	operations: { upload, list, retrieve, retrieveContent, delete: deleteOperation },
};
