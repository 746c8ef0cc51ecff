/*
 * Saved workflows keep working: every OpenAI Toolkit node of the example workflows (examples/*.json) and of the
 * e2e workflows (test/e2e/cases/*.case.js) is checked against the node's description as it is now. A parameter
 * renamed, moved out of its resource/operation, or an option value changed fails here, naming the node and the
 * parameter path. Parameter names and option values must never change: saved workflows depend on them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeTypeDescription,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { nodeDescription } from '../support/executeContext';

const ROOT = path.join(__dirname, '..', '..');
const TOOLKIT_TYPE = 'n8n-nodes-openai-toolkit.openAiToolkit';

interface SavedNode {
	source: string;
	node: INode;
}

type Values = Record<string, unknown>;

function toolkitNodesOf(source: string, workflow: { nodes?: INode[] }): SavedNode[] {
	return (workflow.nodes ?? [])
		.filter((node) => node.type === TOOLKIT_TYPE || node.type === `${TOOLKIT_TYPE}Tool`)
		.map((node) => ({ source, node }));
}

function savedNodes(): SavedNode[] {
	const found: SavedNode[] = [];
	const examples = path.join(ROOT, 'examples');
	for (const file of fs.readdirSync(examples).filter((name) => name.endsWith('.json')).sort()) {
		found.push(...toolkitNodesOf(`examples/${file}`, JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'))));
	}
	const cases = path.join(ROOT, 'test', 'e2e', 'cases');
	for (const file of fs.readdirSync(cases).filter((name) => name.endsWith('.case.js')).sort()) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the e2e cases are CommonJS modules
		const testCases = require(path.join(cases, file)) as Array<{ name: string; workflow: unknown }>;
		for (const testCase of testCases) {
			const workflow = typeof testCase.workflow === 'function' ? testCase.workflow({}) : testCase.workflow;
			found.push(...toolkitNodesOf(`test/e2e/cases/${file} › ${testCase.name}`, workflow as { nodes?: INode[] }));
		}
	}
	return found;
}

/** What n8n adds to a node's "Tool" variant (usableAsTool) for the AI Agent. */
const TOOL_VARIANT_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	},
	{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
];

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** Checks saved parameters against the description; returns one line per problem, empty when all is well. */
function checkSavedParameters(description: INodeTypeDescription, node: INode): string[] {
	const problems: string[] = [];
	const properties = node.type.endsWith('Tool') ? [...description.properties, ...TOOL_VARIANT_PROPERTIES] : description.properties;
	const saved = (node.parameters ?? {}) as INodeParameters;
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	if (!versions.includes(node.typeVersion)) problems.push(`typeVersion ${node.typeVersion} is not one of ${versions.join(', ')}`);

	// What n8n hands the node at run time: displayed parameters, saved values over defaults.
	const resolved = (NodeHelpers.getNodeParameters(properties, saved, true, false, node, description) ?? {}) as Values;
	const resource = resolved.resource;
	const operation = resolved.operation;
	const scope = `resource '${String(resource)}', operation '${String(operation)}'`;
	const resourceProperty = properties.find((property) => property.name === 'resource');
	if (!optionValues(resourceProperty).includes(resource as never)) problems.push(`resource '${String(resource)}' does not exist`);
	const operationProperties = properties.filter(
		(property) => property.name === 'operation' && NodeHelpers.displayParameter(resolved as INodeParameters, property, node, description, resolved as INodeParameters),
	);
	if (!operationProperties.some((property) => optionValues(property).includes(operation as never))) {
		problems.push(`operation '${String(operation)}' does not exist for resource '${String(resource)}'`);
	}

	const walk = (list: INodeProperties[], values: Values, displayValues: Values, at: string) => {
		for (const [name, value] of Object.entries(values)) {
			const where = `${at}${name}`;
			const named = list.filter((property) => property.name === name);
			const shown = named.filter((property) =>
				NodeHelpers.displayParameter(displayValues as INodeParameters, property, node, description, resolved as INodeParameters),
			);
			if (named.length === 0) {
				problems.push(`'${where}' is not a parameter of the node (${scope})`);
				continue;
			}
			if (shown.length === 0) {
				problems.push(`'${where}' exists but is not shown for ${scope}: n8n drops its saved value`);
				continue;
			}
			const errors = shown.map((property) => checkValue(property, value, where));
			// Several displayed parameters may share a name; the value must suit at least one of them.
			if (errors.every((error) => error.length > 0)) problems.push(...errors[0]);
		}
	};

	const checkValue = (property: INodeProperties, value: unknown, where: string): string[] => {
		if (property.typeOptions?.multipleValues && !['collection', 'fixedCollection'].includes(property.type)) {
			if (!Array.isArray(value)) return isExpression(value) ? [] : [`'${where}' should be a list`];
			return value.flatMap((entry, index) => checkValue({ ...property, typeOptions: {} }, entry, `${where}[${index}]`));
		}
		if (isExpression(value) && property.type !== 'resourceLocator') return [];
		const before = problems.length;
		switch (property.type) {
			case 'options': {
				if (property.typeOptions?.loadOptionsMethod) break;
				if (!optionValues(property).includes(value as never)) problems.push(`'${where}' has the value ${JSON.stringify(value)}, not one of ${JSON.stringify(optionValues(property))}`);
				break;
			}
			case 'multiOptions': {
				const allowed = optionValues(property);
				const bad = Array.isArray(value) ? value.filter((entry) => !allowed.includes(entry as never)) : [value];
				if (bad.length) problems.push(`'${where}' has ${JSON.stringify(bad)}, not among ${JSON.stringify(allowed)}`);
				break;
			}
			case 'boolean':
			case 'number': {
				if (typeof value !== property.type) problems.push(`'${where}' should be a ${property.type}, is ${JSON.stringify(value)}`);
				break;
			}
			case 'resourceLocator': {
				const locator = value as { __rl?: boolean; mode?: string } | null;
				const modes = (property.modes ?? []).map((mode) => mode.name);
				if (!locator || typeof locator !== 'object' || !locator.__rl) problems.push(`'${where}' is not a resource locator value`);
				else if (!modes.includes(String(locator.mode))) problems.push(`'${where}' has mode '${String(locator.mode)}', not one of ${JSON.stringify(modes)}`);
				break;
			}
			case 'collection': {
				const options = (property.options ?? []) as INodeProperties[];
				const entries = property.typeOptions?.multipleValues ? (Array.isArray(value) ? value : [value]) : [value];
				entries.forEach((entry, index) => {
					const at = property.typeOptions?.multipleValues ? `${where}[${index}].` : `${where}.`;
					if (!entry || typeof entry !== 'object') problems.push(`'${where}' should be an object`);
					else walk(options, entry as Values, entry as Values, at);
				});
				break;
			}
			case 'fixedCollection': {
				if (!value || typeof value !== 'object') {
					problems.push(`'${where}' should be an object`);
					break;
				}
				for (const [groupName, groupValue] of Object.entries(value as Values)) {
					const group = ((property.options ?? []) as INodePropertyCollection[]).find((option) => option.name === groupName);
					if (!group) {
						problems.push(`'${where}.${groupName}' is not a group of '${where}'`);
						continue;
					}
					const entries = property.typeOptions?.multipleValues ? (Array.isArray(groupValue) ? groupValue : [groupValue]) : [groupValue];
					entries.forEach((entry, index) => {
						const at = property.typeOptions?.multipleValues ? `${where}.${groupName}[${index}].` : `${where}.${groupName}.`;
						if (!entry || typeof entry !== 'object') problems.push(`'${at.slice(0, -1)}' should be an object`);
						else walk(group.values, entry as Values, entry as Values, at);
					});
				}
				break;
			}
			default:
				break;
		}
		return problems.splice(before);
	};

	walk(properties, saved as Values, resolved, '');
	problems.push(...droppedByN8n(saved as Values, resolved));
	return problems;
}

function optionValues(property: INodeProperties | undefined): NodeParameterValueType[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

/** Every saved value must still be there after n8n resolves the parameters (NodeHelpers.getNodeParameters). */
function droppedByN8n(saved: unknown, resolved: unknown, at = ''): string[] {
	if (!saved || typeof saved !== 'object') return [];
	if (!resolved || typeof resolved !== 'object') return [`n8n resolves '${at || '(root)'}' to ${JSON.stringify(resolved)}`];
	const out: string[] = [];
	for (const [key, value] of Object.entries(saved)) {
		const where = Array.isArray(saved) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
		const next = (resolved as Values)[key];
		if (next === undefined) out.push(`n8n drops the saved '${where}' when it resolves the parameters`);
		else out.push(...droppedByN8n(value, next, where));
	}
	return out;
}

const description = nodeDescription(1);
/** A saved node is checked against the version it was saved with (1 or 2); an unknown version fails the check. */
const descriptionOf = (node: INode) => (node.typeVersion === 2 ? nodeDescription(2) : description);
const nodes = savedNodes();

describe('saved workflows still resolve against the node description', () => {
	test('the examples and e2e cases hold OpenAI Toolkit nodes to check', () => {
		expect(nodes.filter(({ source }) => source.startsWith('examples/')).length).toBeGreaterThanOrEqual(12);
		expect(nodes.filter(({ source }) => source.startsWith('test/e2e/')).length).toBeGreaterThanOrEqual(20);
	});

	test.each(nodes.map((saved) => [`${saved.source} › ${saved.node.name}`, saved] as const))('%s', (_label, { node }) => {
		expect(checkSavedParameters(descriptionOf(node), node)).toEqual([]);
	});
});

describe('the check fails when the description changes', () => {
	const chat = nodes.find(({ node }) => node.parameters.resource === 'chat' && node.parameters.operation === 'createCompletion')!.node;

	const editedDescription = (edit: (properties: INodeProperties[]) => INodeProperties[]): INodeTypeDescription => ({
		...description,
		properties: edit(structuredClone(description.properties)),
	});

	test('a renamed parameter', () => {
		const renamed = editedDescription((properties) =>
			properties.map((property) => (property.name === 'messages' ? { ...property, name: 'chatMessages' } : property)),
		);
		expect(checkSavedParameters(renamed, chat)).toContain("'messages' is not a parameter of the node (resource 'chat', operation 'createCompletion')");
	});

	test('a changed option value', () => {
		const changed = editedDescription((properties) =>
			properties.map((property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes('chat')
					? { ...property, options: (property.options as INodePropertyOptions[]).map((option) => ({ ...option, value: `${String(option.value)}V2` })) }
					: property,
			),
		);
		expect(checkSavedParameters(changed, chat)).toContain("operation 'createCompletion' does not exist for resource 'chat'");
	});

	test('a renamed option inside a collection, and a saved value no longer allowed', () => {
		const node: INode = { ...chat, parameters: { ...chat.parameters, options: { temperatur: 1 }, resource: 'chat' } };
		expect(checkSavedParameters(description, node)).toContain("'options.temperatur' is not a parameter of the node (resource 'chat', operation 'createCompletion')");
		const badValue: INode = { ...chat, parameters: { ...chat.parameters, resource: 'chats' } };
		expect(checkSavedParameters(description, badValue)).toContain("resource 'chats' does not exist");
	});

	test('a value no longer allowed inside a fixed collection, and a group that does not exist', () => {
		const messages = { values: [{ role: 'System', content: 'Hi' }], entries: [] };
		const node: INode = { ...chat, parameters: { ...chat.parameters, messages } };
		const problems = checkSavedParameters(description, node);
		expect(problems.some((problem) => problem.startsWith(`'messages.values[0].role' has the value "System", not one of`))).toBe(true);
		expect(problems).toContain("'messages.entries' is not a group of 'messages'");
	});
});
