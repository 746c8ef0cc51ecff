import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as getResults from './getResults.operation';
import * as list from './list.operation';
import * as retrieve from './retrieve.operation';

export const batch: ResourceModule = {
	option: {
		name: 'Batch',
		value: 'batch',
		description: 'Run many requests at half price within 24 hours',
	},
	description: [
		operationSelector(
			'batch',
			[
				{ name: 'Cancel', value: 'cancel', action: 'Cancel a batch', description: 'Stop a batch that is still running' },
				{
					name: 'Create',
					value: 'create',
					action: 'Create a batch',
					description: 'Turn all input items into one batch of requests, and optionally wait for the results',
				},
				{
					name: 'Get Results',
					value: 'getResults',
					action: 'Get the results of a batch',
					description: 'Download the output and error files of a finished batch, one item per request',
				},
				{ name: 'List', value: 'list', action: 'List batches', description: 'List the batches of the organization, newest first' },
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a batch', description: 'Get the status of one batch' },
			],
			'create',
		),
		...create.description,
		...retrieve.description,
		...list.description,
		...cancel.description,
		...getResults.description,
	],
	operations: { create, retrieve, list, cancel, getResults },
};
