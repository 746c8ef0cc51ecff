import type { INodeProperties } from 'n8n-workflow';

/**
 * What of a node's parameters saved workflows depend on: names, types, defaults, option values and where each
 * is shown, sorted so that order (which the editor may change) does not count. Display names, descriptions,
 * hints and list searches are left out: they may improve in place.
 */
export function parameterProjection(properties: INodeProperties[]): unknown[] {
	const project = (property: INodeProperties): Record<string, unknown> => {
		const entry: Record<string, unknown> = { name: property.name, type: property.type, default: property.default };
		if (property.displayOptions) entry.displayOptions = property.displayOptions;
		if (property.typeOptions?.multipleValues) entry.multipleValues = true;
		if (property.modes) entry.modes = property.modes.map((mode) => mode.name);
		const options = property.options as unknown[] | undefined;
		if (options?.length) {
			entry.options = options
				.map((option) => {
					const value = option as Record<string, unknown>;
					if ('value' in value) return { value: value.value };
					if ('values' in value) return { name: value.name, values: sorted((value.values as INodeProperties[]).map(project)) };
					return project(option as INodeProperties);
				})
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		}
		return entry;
	};
	return sorted(properties.map(project));
}

function sorted(entries: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
	return entries.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
