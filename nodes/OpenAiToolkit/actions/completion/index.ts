import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';

export const completion: ResourceModule = {
	option: {
		name: 'Completion',
		value: 'completion',
		description: 'Complete a prompt (legacy instruct models) or a chat',
	},
	description: [
		operationSelector(
			'completion',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create a completion',
					description: 'Complete a text prompt (/completions) or a list of chat messages (/chat/completions)',
				},
			],
			'create',
		),
		...create.description,
	],
	operations: { create },
};
