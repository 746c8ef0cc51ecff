import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as add from './add.operation';
import * as addMany from './addMany.operation';
import * as deleteOperation from './delete.operation';
import * as list from './list.operation';
import * as retrieve from './retrieve.operation';
import * as retrieveParsedContent from './retrieveParsedContent.operation';
import * as updateAttributes from './updateAttributes.operation';

export const vectorStoreFile: ResourceModule = {
	option: {
		name: 'Vector Store File',
		value: 'vectorStoreFile',
		description: 'Add files to a vector store, follow their processing and read what OpenAI parsed',
	},
	description: [
		operationSelector(
			'vectorStoreFile',
			[
				{
					name: 'Add',
					value: 'add',
					action: 'Add a file to a vector store',
					description: 'Add an uploaded file, or upload and add a binary file, and optionally wait until it is processed',
				},
				{
					name: 'Add Many',
					value: 'addMany',
					action: 'Add many files to a vector store',
					description: 'Add the files of all input items in one file batch; each item gets its own status',
				},
				{
					name: 'Delete',
					value: 'delete',
					action: 'Remove a file from a vector store',
					description: 'Remove a file from a vector store (the file itself is kept)',
				},
				{ name: 'List', value: 'list', action: 'List the files of a vector store', description: 'List the files of a vector store' },
				{
					name: 'Retrieve',
					value: 'retrieve',
					action: 'Retrieve a vector store file',
					description: 'Get the processing status and attributes of a file in a vector store',
				},
				{
					name: 'Retrieve Parsed Content',
					value: 'retrieveParsedContent',
					action: 'Retrieve the parsed content of a vector store file',
					description: 'Get the text OpenAI read from a file',
				},
				{
					name: 'Update Attributes',
					value: 'updateAttributes',
					action: 'Update the attributes of a vector store file',
					description: 'Replace the attributes search can filter on',
				},
			],
			'add',
		),
		...add.description,
		...addMany.description,
		...list.description,
		...retrieve.description,
		...updateAttributes.description,
		...deleteOperation.description,
		...retrieveParsedContent.description,
	],
	operations: { add, addMany, list, retrieve, updateAttributes, delete: deleteOperation, retrieveParsedContent },
};
