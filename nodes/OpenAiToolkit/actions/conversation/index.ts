import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';
import * as deleteConversation from './delete.operation';
import * as retrieve from './retrieve.operation';
import * as update from './update.operation';

export const conversation: ResourceModule = {
	option: {
		name: 'Conversation',
		value: 'conversation',
		description: 'Keep the state of a multi-turn chat at OpenAI, for Response → Create to continue',
	},
	description: [
		operationSelector(
			'conversation',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create a conversation',
					description: 'Start a conversation, optionally with its first messages and metadata',
				},
				{ name: 'Delete', value: 'delete', action: 'Delete a conversation', description: 'Delete a conversation (its items stay)' },
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a conversation', description: 'Get a conversation and its metadata' },
				{ name: 'Update', value: 'update', action: 'Update a conversation', description: "Replace a conversation's metadata" },
			],
			'create',
		),
		...create.description,
		...retrieve.description,
		...update.description,
		...deleteConversation.description,
	],
	operations: { create, retrieve, update, delete: deleteConversation },
};
