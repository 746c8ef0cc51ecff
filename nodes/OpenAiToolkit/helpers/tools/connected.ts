/**
 * The tools connected to the node's Tools input (version 2's Chat → Create Completion and Response → Create):
 * any n8n tool sub-node (Code, HTTP Request, Calculator, a workflow, an MCP client's toolkit…). n8n hands them
 * over as LangChain tool objects; the node uses only their name, description, argument schema and `invoke`, so
 * n8n runs each call the way it runs an AI Agent's (its logs and the execution show the tool's runs).
 */
import { NodeConnectionTypes, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../checks';
import { OPENAI_NAME_PATTERN, OPENAI_NAME_RULE } from '../modelOptions';
import { versionOf } from '../nodeVersion';
import { functionParameters, type JsonSchema } from './schema';

export interface ConnectedTool {
	name: string;
	description: string;
	/** The function's `parameters`: the tool's argument schema as JSON Schema. */
	parameters: JsonSchema;
	/** Runs the tool through n8n with the model's arguments; resolves to what the tool answered. */
	invoke: (args: IDataObject, signal?: AbortSignal) => Promise<unknown>;
}

interface ToolLike {
	name?: unknown;
	description?: unknown;
	schema?: unknown;
	invoke?: (input: unknown, config?: object) => Promise<unknown>;
	tools?: unknown;
	getTools?: () => unknown;
}

/** A toolkit (an MCP client's, say) stands for the tools it holds. */
function flatten(supplied: unknown): ToolLike[] {
	const list = Array.isArray(supplied) ? supplied : supplied === undefined || supplied === null ? [] : [supplied];
	return list.flatMap((entry: ToolLike): ToolLike[] => {
		if (typeof entry !== 'object' || entry === null) return [];
		if (typeof entry.invoke === 'function') return [entry];
		const inner = typeof entry.getTools === 'function' ? entry.getTools() : entry.tools;
		return Array.isArray(inner) ? flatten(inner) : [];
	});
}

function asConnectedTool(tool: ToolLike): ConnectedTool {
	const { parameters, wrapped } = functionParameters(tool.schema);
	const invoke = tool.invoke!.bind(tool);
	return {
		name: String(tool.name ?? ''),
		description: typeof tool.description === 'string' ? tool.description : '',
		parameters,
		invoke: async (args, signal) => await invoke(wrapped ? args.input : args, signal ? { signal } : undefined),
	};
}

/**
 * The connected tools, checked: each needs a name OpenAI accepts, and no two tools (connected, or defined in
 * the node's own tool fields) may share one. None in version 1, and none where n8n gives the node no Tools
 * input (an operation without it, or the node itself run as an AI Agent's tool).
 */
export async function readConnectedTools(
	context: IExecuteFunctions,
	itemIndex: number,
	fieldToolNames: readonly string[],
): Promise<ConnectedTool[]> {
	if (versionOf(context) === 1 || typeof context.getInputConnectionData !== 'function') return [];
	let supplied: unknown;
	try {
		supplied = await context.getInputConnectionData(NodeConnectionTypes.AiTool, itemIndex);
	} catch (error) {
		if (/does not have input of type/i.test((error as Error)?.message ?? '')) return [];
		// n8n's own error about a sub-node (which one failed, and why) stays as it is: NodeOperationError hands it back.
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
	const tools = flatten(supplied).map(asConnectedTool);
	const seen = new Set(fieldToolNames);
	for (const tool of tools) {
		if (!OPENAI_NAME_PATTERN.test(tool.name)) {
			throw fieldError(
				context,
				itemIndex,
				`The connected tool '${tool.name}' has a name OpenAI does not accept`,
				`A tool's name must be ${OPENAI_NAME_RULE}: rename the tool node.`,
			);
		}
		if (seen.has(tool.name)) {
			throw fieldError(
				context,
				itemIndex,
				`Two tools are named '${tool.name}'`,
				'The model tells tools apart by name: rename one of the tool nodes (or the function in the tool fields).',
			);
		}
		seen.add(tool.name);
	}
	return tools;
}

/** The names of the tools in a request body's `tools` (a function's in either API's shape, a custom tool's). */
export function namedToolNames(tools: unknown): string[] {
	if (!Array.isArray(tools)) return [];
	return tools.flatMap((tool: IDataObject) => {
		const nested = (tool?.function ?? tool?.custom) as IDataObject | undefined;
		const name = nested?.name ?? tool?.name;
		return typeof name === 'string' ? [name] : [];
	});
}
