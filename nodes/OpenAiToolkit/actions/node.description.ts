import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsField } from '../helpers/requestOptions';
import { resources } from './resources';

const resourceModules = Object.values(resources);

/** Every parameter of the node: the Resource dropdown, each resource's operations and fields, then options. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceModules.map((resource) => resource.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'chat' in resources ? 'chat' : 'model',
	},
	...resourceModules.flatMap((resource) => resource.description),
	requestOptionsField,
];
