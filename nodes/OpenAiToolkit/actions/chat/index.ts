import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as createCompletion from './createCompletion.operation';

export const chat: ResourceModule = {
	option: {
		name: 'Chat',
		value: 'chat',
		description: 'Have a model answer a conversation',
	},
	description: [
		operationSelector(
			'chat',
			[
				{
					name: 'Create Completion',
					value: 'createCompletion',
					action: 'Create a chat completion',
					description: 'Send a list of messages and get the next message of the conversation',
				},
			],
			'createCompletion',
		),
		...createCompletion.description,
	],
	operations: { createCompletion },
};
