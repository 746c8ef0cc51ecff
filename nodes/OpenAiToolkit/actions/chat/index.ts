import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as createCompletion from './createCompletion.operation';
import * as deleteStored from './deleteStored.operation';
import * as listStored from './listStored.operation';
import * as listStoredMessages from './listStoredMessages.operation';
import * as retrieveStored from './retrieveStored.operation';
import * as updateStored from './updateStored.operation';

const createCompletionOption = {
	name: 'Create Completion',
	value: 'createCompletion',
	action: 'Create a chat completion',
	description: 'Send a list of messages and get the next message of the conversation',
};

/** Version 1: Create Completion only, exactly as saved workflows have it. */
export const chat: ResourceModule = {
	option: {
		name: 'Chat',
		value: 'chat',
		description: 'Have a model answer a conversation',
	},
	description: [operationSelector('chat', [createCompletionOption], 'createCompletion'), ...createCompletion.description],
	operations: { createCompletion },
};

/** Version 2 adds the completions OpenAI keeps (created with Store on); see actions/resources.ts. */
export const chatVersion2: ResourceModule = {
	option: chat.option,
	description: [
		operationSelector(
			'chat',
			[
				createCompletionOption,
				{ name: 'Delete Stored', value: 'deleteStored', action: 'Delete a stored chat completion', description: 'Delete a completion created with Store on' },
				{
					name: 'List Stored',
					value: 'listStored',
					action: 'List stored chat completions',
					description: 'List the completions created with Store on, filtered by metadata or model',
				},
				{
					name: 'List Stored Messages',
					value: 'listStoredMessages',
					action: 'List the messages of a stored chat completion',
					description: 'List the messages a stored completion was sent, one item each',
				},
				{ name: 'Retrieve Stored', value: 'retrieveStored', action: 'Retrieve a stored chat completion', description: 'Get a completion created with Store on' },
				{
					name: 'Update Metadata',
					value: 'updateStored',
					action: 'Update the metadata of a stored chat completion',
					description: 'Replace the metadata of a completion created with Store on',
				},
			],
			'createCompletion',
		),
		...createCompletion.description,
		...listStored.description,
		...retrieveStored.description,
		...updateStored.description,
		...deleteStored.description,
		...listStoredMessages.description,
	],
	operations: { createCompletion, listStored, retrieveStored, updateStored, deleteStored, listStoredMessages },
};
