import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, requireText, textOf } from '../../helpers/checks';
import { METADATA_LABEL } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';

/**
 * Fields of the stored chat completions (version 2): completions created with Store on are kept by OpenAI and
 * can be listed, read, relabelled and deleted.
 */
export const completionIdField: INodeProperties = {
	displayName: 'Completion',
	name: 'completionId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'id', value: '' },
	description: 'The stored chat completion, by the ID Create Completion (with Store on) or List Stored output',
	modes: [{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'chatcmpl-abc123' }],
};

export function getCompletionId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('completionId', itemIndex, '', { extractValue: true });
	return requireText(context, itemIndex, value, 'Completion').trim();
}

/** The sort order of a stored list; OpenAI lists oldest first unless told otherwise. */
export const storedOrderOption: INodeProperties = {
	displayName: 'Sort Order',
	name: 'order',
	type: 'options',
	options: [
		{ name: 'Oldest First', value: 'asc' },
		{ name: 'Newest First', value: 'desc' },
	],
	default: 'asc',
	description: 'The order of the results, by the time they were created',
};

/** The Options of List Stored: the filters GET /chat/completions takes. */
export const listStoredOptions: INodeProperties[] = [
	{
		displayName: 'Metadata Filter (JSON)',
		name: 'metadata',
		type: 'json',
		default: '{}',
		placeholder: '{"customer": "acme"}',
		description: 'Only completions whose metadata has all these key-value pairs',
	},
	{
		displayName: 'Model',
		name: 'storedModel',
		type: 'string',
		default: '',
		placeholder: 'e.g. gpt-4o-mini',
		description: 'Only completions made with this model',
	},
	storedOrderOption,
];

const METADATA_FILTER = 'Metadata Filter (JSON)';

/** The query of GET /chat/completions (without limit, which the caller adds). */
export function readListStoredQuery(context: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const query: IDataObject = {};
	const metadata = parseMetadataParameter(context, options.metadata, METADATA_FILTER, itemIndex);
	if (metadata) query.metadata = metadata;
	if (options.storedModel !== undefined) {
		const model = textOf(options.storedModel).trim();
		if (!model) throw fieldError(context, itemIndex, "The field 'Model' is empty");
		query.model = model;
	}
	if (options.order === 'asc' || options.order === 'desc') query.order = options.order;
	return query;
}

/** OpenAI pages stored lists by at most 100. */
export const pageSize = (limit: number | undefined): number => Math.min(100, limit ?? 100);

export { METADATA_LABEL };
