import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';

export const moderation: ResourceModule = {
	option: {
		name: 'Moderation',
		value: 'moderation',
		description: "Check whether texts or images break OpenAI's usage policies",
	},
	description: [
		operationSelector(
			'moderation',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create a moderation',
					description: 'Classify text samples (and images, with omni models) as harmful or not',
				},
			],
			'create',
		),
		...create.description,
	],
	operations: { create },
};
