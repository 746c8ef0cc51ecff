import type { FileChunkingStrategyParam } from 'openai/resources/vector-stores/vector-stores';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkNumber, fieldError, readNumber, requireText, textOf } from '../../helpers/checks';
import type { WaitFieldSpec } from '../../helpers/wait';

/*
 * Fields shared by Vector Store and Vector Store File: the vector store picker, the chunking strategy and the
 * Wait Until Processed switch with its poll fields.
 */

/** The vector store: picked from a searchable list (methods/vectorStores.ts) or typed by ID. */
export const vectorStoreIdField: INodeProperties = {
	displayName: 'Vector Store',
	name: 'vectorStoreId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The vector store. Pick one from the list or type its ID (Vector Store → Create outputs it).',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVectorStores', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'vs_abc123' },
	],
};

/** Reads the vector store field (list or ID mode) as the plain ID; an empty one fails before anything is sent. */
export function getVectorStoreId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('vectorStoreId', itemIndex, '', { extractValue: true });
	return requireText(context, itemIndex, value, 'Vector Store').trim();
}

export const CHUNK_SIZE_LABEL = 'Max Chunk Size (Tokens)';
export const CHUNK_OVERLAP_LABEL = 'Chunk Overlap (Tokens)';

/** Chunking Strategy (Auto or Static) and, for Static, the chunk size and overlap. */
export function chunkingFields(appliesTo: string): INodeProperties[] {
	const shownForStatic = { show: { chunkingStrategy: ['static'] } };
	return [
		{
			displayName: 'Chunking Strategy',
			name: 'chunkingStrategy',
			type: 'options',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description: "OpenAI's default: chunks of 800 tokens that overlap by 400 (nothing extra is sent)",
				},
				{ name: 'Static', value: 'static', description: 'Chunks of the size and overlap set below' },
			],
			default: 'auto',
			description: `How OpenAI splits ${appliesTo} into chunks before it indexes them for search`,
		},
		{
			displayName: CHUNK_SIZE_LABEL,
			name: 'maxChunkSizeTokens',
			type: 'number',
			typeOptions: { minValue: 100, maxValue: 4096 },
			default: 800,
			description: 'The most tokens in one chunk: 100 to 4,096',
			displayOptions: shownForStatic,
		},
		{
			displayName: CHUNK_OVERLAP_LABEL,
			name: 'chunkOverlapTokens',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 400,
			description: 'How many tokens two neighbouring chunks share: at most half the chunk size',
			displayOptions: shownForStatic,
		},
	];
}

/** The chunking strategy to send: undefined for Auto (OpenAI's default), the checked sizes for Static. */
export function readChunkingStrategy(context: IExecuteFunctions, itemIndex: number): FileChunkingStrategyParam | undefined {
	const strategy = textOf(context.getNodeParameter('chunkingStrategy', itemIndex, 'auto'));
	if (strategy === 'auto' || strategy === '') return undefined;
	if (strategy !== 'static') {
		throw fieldError(context, itemIndex, `The field 'Chunking Strategy' must be 'auto' or 'static' (got '${strategy}')`);
	}
	const maxChunkSize = readNumber(context, itemIndex, 'maxChunkSizeTokens', 800, CHUNK_SIZE_LABEL, {
		min: 100,
		max: 4096,
		integer: true,
	});
	const overlap = readNumber(context, itemIndex, 'chunkOverlapTokens', 400, CHUNK_OVERLAP_LABEL, {
		min: 0,
		max: Math.floor(maxChunkSize / 2),
		integer: true,
	});
	return { type: 'static', static: { max_chunk_size_tokens: maxChunkSize, chunk_overlap_tokens: overlap } };
}

/** The Wait Until Processed switch; its poll fields follow it (processingWaitSpec). */
export function waitUntilProcessedField(description: string): INodeProperties {
	return {
		displayName: 'Wait Until Processed',
		name: 'waitUntilProcessed',
		type: 'boolean',
		default: false,
		description,
	};
}

/** The poll fields of Wait Until Processed; the same names in both resources. */
export function processingWaitSpec(subject: string): WaitFieldSpec {
	return {
		intervalName: 'processingPollInterval',
		timeoutName: 'processingTimeout',
		intervalDefault: 2,
		timeoutDefault: 30,
		subject,
		displayOptions: { show: { waitUntilProcessed: [true] } },
		timeoutNote: 'Processing goes on at OpenAI after a timeout.',
	};
}

/**
 * A list of IDs from a text field (separated by commas, spaces or new lines) or from an expression that gives a
 * list. Blank entries are dropped and repeats kept once; more than `max` IDs fail naming the field.
 */
export function readIdList(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
	max: number,
): string[] {
	const entries = Array.isArray(value) ? value : textOf(value).split(/[\s,]+/);
	const ids: string[] = [];
	entries.forEach((entry, index) => {
		if (entry !== null && typeof entry === 'object') {
			throw fieldError(context, itemIndex, `Entry ${index + 1} of the field '${fieldName}' is not an ID (got an object)`);
		}
		const id = textOf(entry).trim();
		if (id !== '' && !ids.includes(id)) ids.push(id);
	});
	if (ids.length > max) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' has ${ids.length} IDs; OpenAI takes at most ${max}`);
	}
	return ids;
}

export const EXPIRES_AFTER_LABEL = 'Expires After (Days)';

/** Expiry: the store is deleted this many days after it was last used (OpenAI's only anchor, last_active_at). */
export const expiresAfterOption: INodeProperties = {
	displayName: EXPIRES_AFTER_LABEL,
	name: 'expiresAfterDays',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 365 },
	default: 7,
	description: 'Delete the vector store automatically this many days (1–365) after it was last used',
};

/** The expires_after to send, or undefined when the option is not set. */
export function readExpiresAfter(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): { anchor: 'last_active_at'; days: number } | undefined {
	const days = checkNumber(context, itemIndex, value, EXPIRES_AFTER_LABEL, { min: 1, max: 365, integer: true });
	return days === undefined ? undefined : { anchor: 'last_active_at', days };
}

/** List options of vector stores and their files: the order and the cursor to start after. */
export function listOptionFields(listed: string): INodeProperties[] {
	return [
		{
			displayName: 'Sort Order',
			name: 'order',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'desc' },
				{ name: 'Oldest First', value: 'asc' },
			],
			default: 'desc',
			description: `The order of the ${listed}, by the time they were created`,
		},
		{
			displayName: 'Start After',
			name: 'after',
			type: 'string',
			default: '',
			placeholder: 'vs_abc123',
			description: `List only the ${listed} after this ID (the last ID of an earlier list), to continue where it ended`,
		},
	];
}

/** The most entries OpenAI returns on one page of a vector store list. */
export const MAX_PAGE_SIZE = 100;

/** The query of a list: order and cursor when set, and a page size that fetches no more than the limit needs. */
export function listQuery(
	options: { order?: unknown; after?: unknown },
	limit: number | undefined,
): { limit: number; order?: 'asc' | 'desc'; after?: string } {
	const query: { limit: number; order?: 'asc' | 'desc'; after?: string } = {
		limit: Math.min(MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE),
	};
	if (options.order === 'asc' || options.order === 'desc') query.order = options.order;
	const after = textOf(options.after).trim();
	if (after) query.after = after;
	return query;
}
