import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';

export const edit: ResourceModule = {
	option: {
		name: 'Edit',
		value: 'edit',
		description: 'Rewrite a text by an instruction (done with a chat model)',
	},
	description: [
		operationSelector(
			'edit',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create an edit',
					description: 'Return an edited version of a text, following an instruction such as "Fix the spelling mistakes"',
				},
			],
			'create',
		),
		...create.description,
	],
	operations: { create },
};
