import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsFieldFor } from '../helpers/requestOptions';
import type { NodeVersion } from '../helpers/nodeVersion';
import { resourcesFor } from './resources';
import { toVersion2 } from './version2/description';
import type { RenamedParameter } from './version2/parameters';

/** The parameters of a version's resources as their operations declare them. */
function declaredProperties(version: NodeVersion): INodeProperties[] {
	const resourceModules = Object.values(resourcesFor(version));
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceModules.map((resource) => resource.option),
			default: 'chat',
		},
		...resourceModules.flatMap((resource) => resource.description),
		requestOptionsFieldFor(version),
	];
	return properties;
}

let version2: ReturnType<typeof toVersion2> | undefined;

/** Every parameter of a node version: the Resource dropdown, each resource's operations and fields, then options. */
export function nodeProperties(version: NodeVersion): INodeProperties[] {
	if (version === 1) return declaredProperties(1);
	version2 ??= toVersion2(declaredProperties(2));
	return version2.properties;
}

/** The version 1 parameters version 2 renamed or moved, for reading a version 2 node by version 1 names. */
export function version2Renames(): readonly RenamedParameter[] {
	version2 ??= toVersion2(declaredProperties(2));
	return version2.renames;
}

/**
 * The canvas subtitle ("Chat: Create Completion"): each resource/operation pair's display names, in one
 * expression. n8n evaluates it in the editor, so it is a plain lookup.
 */
export function subtitleExpression(): string {
	const labels: Record<string, string> = {};
	for (const [value, resource] of Object.entries(resourcesFor(2))) {
		const selector = resource.description.find((property) => property.name === 'operation');
		for (const option of (selector?.options ?? []) as Array<{ name: string; value: string }>) {
			labels[`${value}:${option.value}`] = `${resource.option.name}: ${option.name}`;
		}
	}
	// A space before the closing braces: `}}` inside the lookup would end the expression early.
	return `={{ ${JSON.stringify(labels)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["resource"] }}`;
}
