import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as cancel from './cancel.operation';
import * as compact from './compact.operation';
import * as countInputTokens from './countInputTokens.operation';
import * as create from './create.operation';
import * as deleteResponse from './delete.operation';
import * as listInputItems from './listInputItems.operation';
import * as retrieve from './retrieve.operation';

const createOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a model response',
	description: 'Generate a response with the Responses API, optionally with tools and in the background',
};

/** Version 1: Create only, exactly as saved workflows have it. */
export const response: ResourceModule = {
	option: {
		name: 'Response',
		value: 'response',
		description: "Ask a model with built-in tools (web search, file search, code), structured output or in the background",
	},
	description: [operationSelector('response', [createOption], 'create'), ...create.description],
	operations: { create },
};

/** Version 2 adds the life cycle of stored and background responses (see actions/resources.ts). */
export const responseVersion2: ResourceModule = {
	option: response.option,
	description: [
		operationSelector(
			'response',
			[
				{ name: 'Cancel', value: 'cancel', action: 'Cancel a background response', description: 'Stop a response running in the background' },
				{
					name: 'Compact',
					value: 'compact',
					action: 'Compact a conversation',
					description: 'Shrink a long conversation into fewer items to send on in the next request',
				},
				{
					name: 'Count Input Tokens',
					value: 'countInputTokens',
					action: 'Count the input tokens of a request',
					description: 'Find out how many input tokens a request would use, without running the model',
				},
				createOption,
				{ name: 'Delete', value: 'delete', action: 'Delete a response', description: 'Delete a stored response' },
				{
					name: 'List Input Items',
					value: 'listInputItems',
					action: 'List the input items of a response',
					description: 'List what a stored response was given as input, one item each',
				},
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a response', description: 'Get a stored response, e.g. to check on a background one' },
			],
			'create',
		),
		...create.description,
		...retrieve.description,
		...cancel.description,
		...deleteResponse.description,
		...listInputItems.description,
		...countInputTokens.description,
		...compact.description,
	],
	operations: { create, retrieve, cancel, delete: deleteResponse, listInputItems, countInputTokens, compact },
};
