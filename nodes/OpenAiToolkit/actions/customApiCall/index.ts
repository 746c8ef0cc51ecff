import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as makeRequest from './makeRequest.operation';

export const customApiCall: ResourceModule = {
	option: {
		name: 'Custom API Call',
		value: 'customApiCall',
		description: 'Call any OpenAI endpoint with the credential (Fusion: Make a custom API call)',
	},
	description: [
		operationSelector(
			'customApiCall',
			[
				{
					name: 'Make Request',
					value: 'makeRequest',
					action: 'Make a custom API call',
					description: "Send a request to any path under the credential's Base URL",
				},
			],
			'makeRequest',
		),
		...makeRequest.description,
	],
	operations: { makeRequest },
};
