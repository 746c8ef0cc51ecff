import type { INodeProperties } from 'n8n-workflow';

/**
 * Shows each property only for the given resource and operation(s), keeping any display conditions the
 * property already has. Operations declare their fields without repeating this in every field.
 */
export function showOnlyFor(
	resource: string,
	operation: string | string[],
	properties: INodeProperties[],
): INodeProperties[] {
	const operations = Array.isArray(operation) ? operation : [operation];
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: {
				...property.displayOptions?.show,
				resource: [resource],
				operation: operations,
			},
		},
	}));
}

/** The Operation dropdown of one resource. */
export function operationSelector(
	resource: string,
	options: Array<{ name: string; value: string; action: string; description: string }>,
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}
