import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as list from './list.operation';
import * as retrieve from './retrieve.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export const vectorStore: ResourceModule = {
	option: {
		name: 'Vector Store',
		value: 'vectorStore',
		description: 'Store files for search (RAG) and search them',
	},
	description: [
		operationSelector(
			'vectorStore',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create a vector store',
					description: 'Create a vector store, optionally with files, and wait until they are processed',
				},
				{ name: 'Delete', value: 'delete', action: 'Delete a vector store', description: 'Delete a vector store' },
				{ name: 'List', value: 'list', action: 'List vector stores', description: 'List the vector stores of the project' },
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a vector store', description: 'Get the status and file counts of a vector store' },
				{
					name: 'Search',
					value: 'search',
					action: 'Search a vector store',
					description: 'Find the chunks of the stored files that best match a query, one item per hit',
				},
				{ name: 'Update', value: 'update', action: 'Update a vector store', description: 'Change the name, expiry or metadata' },
			],
			'create',
		),
		...create.description,
		...list.description,
		...retrieve.description,
		...update.description,
		...deleteOperation.description,
		...search.description,
	],
	operations: { create, list, retrieve, update, delete: deleteOperation, search },
};
