import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RenamedParameter } from './parameters';
import { HIDDEN_OPERATIONS, MODEL_PARAMETER, MOVED_INTO_OPTIONS, SIMPLIFIED_OPERATIONS } from './changes';

/** Whether a top-level property is shown for this resource and operation. */
function isFor(property: INodeProperties, resource: string, operation?: string): boolean {
	const show = property.displayOptions?.show;
	const resources = show?.resource as string[] | undefined;
	const operations = show?.operation as string[] | undefined;
	return Boolean(resources?.includes(resource)) && (operation === undefined || Boolean(operations?.includes(operation)));
}

function modelKindOf(property: INodeProperties): keyof typeof MODEL_PARAMETER | undefined {
	if (property.type !== 'resourceLocator' || property.name !== 'model') return undefined;
	const method = property.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;
	const kind = method?.replace(/^searchModels_/, '');
	return kind && kind in MODEL_PARAMETER ? (kind as keyof typeof MODEL_PARAMETER) : undefined;
}

const simplifyField = (resource: string, operation: string): INodeProperties => ({
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to output only the answer (text first, then finish reason, tool calls, model and token usage) instead of the full response',
	displayOptions: { show: { resource: [resource], operation: [operation] } },
});

/** Version 2's parameters from version 1's, and how to read each one version 2 renamed or moved. */
export function toVersion2(version1: INodeProperties[]): { properties: INodeProperties[]; renames: RenamedParameter[] } {
	const renames: RenamedParameter[] = [];
	let properties = version1.map((property): INodeProperties => {
		const kind = modelKindOf(property);
		if (kind) {
			const to = MODEL_PARAMETER[kind];
			renames.push({ from: property.name, to, show: property.displayOptions?.show, fallback: property.default });
			return { ...property, name: to };
		}
		// Fusion lists everything; a new node does too unless told otherwise.
		if (property.name === 'returnAll' && property.type === 'boolean') return { ...property, default: true };
		if (property.name === 'operation' && property.type === 'options') {
			const hidden = HIDDEN_OPERATIONS.filter((entry) => isFor(property, entry.resource)).map((entry) => entry.operation);
			if (hidden.length === 0) return property;
			const options = (property.options as INodePropertyOptions[]).filter((option) => !hidden.includes(String(option.value)));
			return { ...property, options };
		}
		return property;
	});

	for (const { resource, operation, fields, into } of MOVED_INTO_OPTIONS) {
		const moved = properties.filter((property) => fields.includes(property.name) && isFor(property, resource, operation));
		properties = properties
			.filter((property) => !moved.includes(property))
			.map((property) => {
				if (property.name !== into || property.type !== 'collection' || !isFor(property, resource, operation)) return property;
				// Inside the collection a field is shown where the collection is, and optional.
				const added = moved.map((field) => {
					const inCollection = { ...field };
					delete inCollection.displayOptions;
					delete inCollection.required;
					return inCollection;
				});
				const options = [...(property.options as INodeProperties[]), ...added].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				);
				return { ...property, options };
			});
		for (const field of moved) {
			renames.push({ from: field.name, to: `${into}.${field.name}`, show: field.displayOptions?.show, fallback: field.default });
		}
	}

	for (const { resource, operation } of SIMPLIFIED_OPERATIONS) {
		const own = properties.filter((property) => isFor(property, resource, operation));
		const before = own.filter((property) => property.type === 'collection').pop() ?? own[own.length - 1];
		properties.splice(properties.indexOf(before) + (before.type === 'collection' ? 0 : 1), 0, simplifyField(resource, operation));
	}
	return { properties, renames };
}
