import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RenamedParameter } from './parameters';
import {
	ENTRY_OPTIONS,
	HIDDEN_OPERATIONS,
	MODEL_PARAMETER,
	MOVED_INTO_OPTIONS,
	PICKERS,
	SIMPLIFIED_OPERATIONS,
} from './changes';
import { VERSION_2_ADDITIONS, type Addition } from './additions';

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

/** A picker field in place of a text field holding an ID. */
export function pickerOf(field: INodeProperties, searchListMethod: string, placeholder: string): INodeProperties {
	return {
		...field,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
		],
	};
}

/** A collection's options in the order n8n lists them: by display name. */
const sortedByName = (options: INodeProperties[]): INodeProperties[] =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

const simplifyField = (resource: string, operation: string): INodeProperties => ({
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to output only the answer (text first, then finish reason, tool calls, model and token usage) instead of the full response',
	displayOptions: { show: { resource: [resource], operation: [operation] } },
});

/** The entries of a list with the tucked-away fields back at the top of each entry (the version 1 shape). */
function untuck(into: string) {
	return (entries: unknown): unknown =>
		Array.isArray(entries)
			? entries.map((entry: Record<string, unknown>) => {
					if (entry === null || typeof entry !== 'object') return entry;
					const { [into]: tucked, ...rest } = entry;
					return { ...rest, ...(tucked !== null && typeof tucked === 'object' ? tucked : {}) };
				})
			: entries;
}

/** A fixed collection whose entries keep the named fields in a collection of their own. */
function tuckEntryFields(property: INodeProperties, renames: RenamedParameter[]): INodeProperties {
	const change = ENTRY_OPTIONS.find((entry) => entry.list === property.name && property.type === 'fixedCollection');
	if (!change) return property;
	const groups = (property.options as Array<{ name: string; displayName: string; values: INodeProperties[] }>).map((group) => {
		if (group.name !== change.group) return group;
		const tucked = group.values.filter((field) => change.fields.includes(field.name));
		if (tucked.length === 0) return group;
		const kept = group.values
			.filter((field) => !tucked.includes(field))
			.map((field) => (change.shownWhen[field.name] ? { ...field, displayOptions: { show: change.shownWhen[field.name] } } : field));
		return { ...group, values: [...kept, { ...change.into, options: tucked }] };
	});
	renames.push({
		from: `${property.name}.${change.group}`,
		to: `${property.name}.${change.group}`,
		show: property.displayOptions?.show,
		fallback: [],
		toVersion1: untuck(change.into.name),
	});
	return { ...property, options: groups };
}

/** The operation's last collection (its options), where version 2's additions and switches go before or in. */
function optionsOf(properties: INodeProperties[], resource: string, operation: string): INodeProperties | undefined {
	return properties.filter((property) => property.type === 'collection' && isFor(property, resource, operation)).pop();
}

/** One addition applied: fields into the named collection, or top-level fields just before the options. */
function withAddition(properties: INodeProperties[], { resource, operation, fields, into }: Addition): INodeProperties[] {
	if (into) {
		return properties.map((property) =>
			property.name === into && property.type === 'collection' && isFor(property, resource, operation)
				? { ...property, options: sortedByName([...(property.options as INodeProperties[]), ...fields]) }
				: property,
		);
	}
	const shown = fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
	const before = optionsOf(properties, resource, operation);
	const at = before ? properties.indexOf(before) : properties.length;
	return [...properties.slice(0, at), ...shown, ...properties.slice(at)];
}

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
		const picker = PICKERS.find((entry) => entry.field === property.name && isFor(property, entry.resource, entry.operation));
		if (picker && property.type === 'string') {
			const show = property.displayOptions?.show;
			renames.push({ from: property.name, to: property.name, show, fallback: '', extractValue: true });
			return pickerOf(property, picker.searchListMethod, picker.placeholder);
		}
		if (property.type === 'fixedCollection') return tuckEntryFields(property, renames);
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
				return { ...property, options: sortedByName([...(property.options as INodeProperties[]), ...added]) };
			});
		for (const field of moved) {
			renames.push({ from: field.name, to: `${into}.${field.name}`, show: field.displayOptions?.show, fallback: field.default });
		}
	}

	for (const addition of VERSION_2_ADDITIONS) properties = withAddition(properties, addition);

	for (const { resource, operation } of SIMPLIFIED_OPERATIONS) {
		const own = properties.filter((property) => isFor(property, resource, operation));
		const before = optionsOf(properties, resource, operation) ?? own[own.length - 1];
		properties.splice(properties.indexOf(before) + (before.type === 'collection' ? 0 : 1), 0, simplifyField(resource, operation));
	}
	return { properties, renames };
}
