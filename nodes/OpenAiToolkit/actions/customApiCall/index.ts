import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as makeRequest from './makeRequest.operation';

export const customApiCall: ResourceModule = {
	option: {
		name: 'API Call (Any Endpoint)',
		value: 'customApiCall',
		description: 'Send your own request to any OpenAI API path, with the credential (for endpoints without an operation here)',
	},
	description: [
		operationSelector(
			'customApiCall',
			[
				{
					name: 'Make an API Call',
					value: 'makeRequest',
					action: 'Make an API call to any OpenAI endpoint',
					description: "Send a request to any path under the credential's Base URL",
				},
			],
			'makeRequest',
		),
		...makeRequest.description,
	],
	operations: { makeRequest },
};
