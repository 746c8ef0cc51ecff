import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as create from './create.operation';

export const response: ResourceModule = {
	option: {
		name: 'Response',
		value: 'response',
		description: "OpenAI's Responses API: built-in tools, structured output, background mode (beyond Fusion)",
	},
	description: [
		operationSelector(
			'response',
			[
				{
					name: 'Create',
					value: 'create',
					action: 'Create a model response',
					description: 'Generate a response with the Responses API, optionally with tools and in the background',
				},
			],
			'create',
		),
		...create.description,
	],
	operations: { create },
};
