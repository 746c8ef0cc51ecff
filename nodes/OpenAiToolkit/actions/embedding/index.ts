import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';

export const embedding: ResourceModule = {
	option: {
		name: 'Embedding',
		value: 'embedding',
		description: 'Turn texts into vectors for search, clustering and similarity',
	},
	description: [
		operationSelector(
			'embedding',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create an embedding',
					description: 'Get an embedding vector for each input text; many items share one request',
				},
			],
			'create',
		),
		...create.description,
	],
	operations: { create },
};
