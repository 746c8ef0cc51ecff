import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkNumber, fieldError } from '../../helpers/checks';
import { parseJsonParameter } from '../../helpers/json';
import { OPENAI_NAME_PATTERN, OPENAI_NAME_RULE } from '../../helpers/modelOptions';
import { splitList } from './input';

const FUNCTION_TOOLS = 'Function Tools (JSON)';

/** One entry of Function Tools (JSON) as a Responses API tool; Chat Completions' shape is converted. */
function functionTool(context: IExecuteFunctions, itemIndex: number, tool: unknown, position: number): IDataObject {
	if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
		throw fieldError(context, itemIndex, `Field '${FUNCTION_TOOLS}': entry ${position + 1} is not a JSON object`);
	}
	const entry = tool as IDataObject;
	const nested = entry.function as IDataObject | undefined;
	const type = entry.type ?? 'function';
	if (type !== 'function') return entry; // a built-in or other tool, sent as it is
	const source = nested && typeof nested === 'object' ? nested : entry;
	const name = source.name;
	if (typeof name !== 'string' || !OPENAI_NAME_PATTERN.test(name)) {
		throw fieldError(context, itemIndex, `Field '${FUNCTION_TOOLS}': function ${position + 1} needs a "name" of ${OPENAI_NAME_RULE}`);
	}
	const converted: IDataObject = {
		type: 'function',
		name,
		parameters: (source.parameters as IDataObject | undefined) ?? { type: 'object', properties: {} },
		strict: (source.strict as boolean | undefined) ?? false,
	};
	if (source.description !== undefined) converted.description = source.description;
	if (!nested) {
		// Keep any other field the user wrote in the Responses shape.
		for (const [key, value] of Object.entries(entry)) if (!(key in converted)) converted[key] = value;
	}
	return converted;
}

function parseFunctionTools(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const value = context.getNodeParameter('functionTools', itemIndex, '[]');
	const parsed = parseJsonParameter<unknown>(context, value, FUNCTION_TOOLS, itemIndex);
	if (parsed === undefined) return [];
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((tool, position) => functionTool(context, itemIndex, tool, position));
}

type BuiltInTools = {
	codeInterpreter?: boolean;
	codeInterpreterFileIds?: unknown;
	fileSearchMaxResults?: unknown;
	fileSearchVectorStoreIds?: unknown;
	webSearch?: string;
};

function buildBuiltInTools(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const options = context.getNodeParameter('builtInTools', itemIndex, {}) as BuiltInTools;
	const tools: IDataObject[] = [];
	if (options.webSearch) tools.push({ type: 'web_search', search_context_size: options.webSearch });
	const vectorStoreIds = splitList(options.fileSearchVectorStoreIds);
	if (options.fileSearchVectorStoreIds !== undefined && vectorStoreIds.length === 0) {
		throw fieldError(context, itemIndex, "The field 'File Search Vector Store IDs' is empty");
	}
	const maxResults = checkNumber(context, itemIndex, options.fileSearchMaxResults, 'File Search Max Results', {
		min: 1,
		max: 50,
		integer: true,
	});
	if (maxResults !== undefined && vectorStoreIds.length === 0) {
		throw fieldError(
			context,
			itemIndex,
			"'File Search Max Results' needs 'File Search Vector Store IDs': add the vector stores to search",
		);
	}
	if (vectorStoreIds.length > 0) {
		const fileSearch: IDataObject = { type: 'file_search', vector_store_ids: vectorStoreIds };
		if (maxResults !== undefined) fileSearch.max_num_results = maxResults;
		tools.push(fileSearch);
	}
	const fileIds = splitList(options.codeInterpreterFileIds);
	if (options.codeInterpreter === false && fileIds.length > 0) {
		throw fieldError(context, itemIndex, "'Code Interpreter File IDs' needs 'Code Interpreter' on");
	}
	if (options.codeInterpreter || fileIds.length > 0) {
		const container: IDataObject = { type: 'auto' };
		if (fileIds.length > 0) container.file_ids = fileIds;
		tools.push({ type: 'code_interpreter', container });
	}
	return tools;
}

/** The built-in tools switched on, then the function tools; checked before anything is sent. */
export function buildTools(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	return [...buildBuiltInTools(context, itemIndex), ...parseFunctionTools(context, itemIndex)];
}
