import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, readRequiredText, textOf } from '../../helpers/checks';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { readResultLimit } from '../../helpers/paging';

/** The Response ID field of Retrieve, Cancel, Delete and List Input Items (version 2). */
export const responseIdField: INodeProperties = {
	displayName: 'Response ID',
	name: 'responseId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'resp_abc123',
	description: 'The ID of a stored response, as Response → Create outputs it',
};

export function getResponseId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, itemIndex, 'responseId', 'Response ID');
}

/** The `include` values OpenAI documents (IncludeEnum); each adds data items otherwise leave out. */
export const includeOption: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'multiOptions',
	options: [
		{ name: 'Code Interpreter Outputs', value: 'code_interpreter_call.outputs' },
		{ name: 'Computer Screenshot URLs', value: 'computer_call_output.output.image_url' },
		{ name: 'File Search Results', value: 'file_search_call.results' },
		{ name: 'Input Image URLs', value: 'message.input_image.image_url' },
		{ name: 'Output Log Probabilities', value: 'message.output_text.logprobs' },
		{ name: 'Reasoning (Encrypted)', value: 'reasoning.encrypted_content' },
		{ name: 'Web Search Results', value: 'web_search_call.results' },
		{ name: 'Web Search Sources', value: 'web_search_call.action.sources' },
	],
	default: [],
	description: 'Extra data to add to the items, which OpenAI leaves out unless asked',
};

/** The Order option of the list operations; OpenAI lists the newest first when it is not sent. */
export const orderOption: INodeProperties = {
	displayName: 'Order',
	name: 'order',
	type: 'options',
	options: [
		{ name: 'Oldest First', value: 'asc' },
		{ name: 'Newest First', value: 'desc' },
	],
	default: 'asc',
	description: 'The order of the items. Without this option OpenAI lists the newest first.',
};

/** The Include option as a list (an expression may give one text, comma separated); undefined when empty. */
export function readInclude(value: unknown): string[] | undefined {
	const entries = Array.isArray(value) ? value.map(textOf) : textOf(value).split(',');
	const include = entries.map((entry) => entry.trim()).filter(Boolean);
	return include.length ? include : undefined;
}

/** The Order option, when set: only 'asc' or 'desc' (an expression can hand over anything). */
export function readOrder(context: IExecuteFunctions, itemIndex: number, value: unknown): 'asc' | 'desc' | undefined {
	const order = textOf(value).trim();
	if (order === '') return undefined;
	if (order !== 'asc' && order !== 'desc') {
		throw fieldError(context, itemIndex, `The field 'Order' must be 'asc' or 'desc' (got '${order}')`);
	}
	return order;
}

/** Return All / Limit and the Options (Include, Order) of a list of items: a response's or a conversation's. */
export const itemListFields: INodeProperties[] = [
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeOption, orderOption],
	},
];

/** The query of an items list from `itemListFields` (OpenAI pages at most 100), and how many items to return. */
export function readItemListQuery(
	context: IExecuteFunctions,
	itemIndex: number,
): { limit: number | undefined; query: { limit: number; order?: 'asc' | 'desc'; include?: string[] } } {
	const limit = readResultLimit(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const order = readOrder(context, itemIndex, options.order);
	const include = readInclude(options.include);
	return { limit, query: { limit: Math.min(100, limit ?? 100), ...(order ? { order } : {}), ...(include ? { include } : {}) } };
}
