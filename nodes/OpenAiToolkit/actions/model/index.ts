import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as deleteOperation from './delete.operation';
import * as list from './list.operation';
import * as retrieve from './retrieve.operation';

export const model: ResourceModule = {
	option: { name: 'Model', value: 'model', description: 'List, look up and delete models' },
	description: [
		operationSelector(
			'model',
			[
				{ name: 'Delete', value: 'delete', action: 'Delete a fine-tuned model', description: 'Delete a fine-tuned model your organization owns' },
				{ name: 'List', value: 'list', action: 'List models', description: 'List the models available to the API key' },
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a model', description: 'Get one model by its ID' },
			],
			'list',
		),
		...list.description,
		...retrieve.description,
		...deleteOperation.description,
	],
	operations: { list, retrieve, delete: deleteOperation },
};
