import type {
	VectorStoreSearchParams,
	VectorStoreSearchResponse,
} from 'openai/resources/vector-stores/vector-stores';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkNumber, fieldError, readTextOrTexts } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, withAdditionalBodyFields } from '../../helpers/fields';
import type { OperationContext } from '../types';
import { parseFilter } from './attributes';
import { getVectorStoreId, vectorStoreIdField } from './fields';

const QUERY_LABEL = 'Query';
const FILTER_LABEL = 'Attribute Filter (JSON)';

export const description: INodeProperties[] = showOnlyFor('vectorStore', 'search', [
	vectorStoreIdField,
	{
		displayName: QUERY_LABEL,
		name: 'query',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'e.g. How long is the warranty?',
		description: 'What to search for, in plain words',
		hint: 'An expression that returns a list of texts searches for all of them at once',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: FILTER_LABEL,
				name: 'filters',
				type: 'json',
				default: '{}',
				placeholder: '{"type": "eq", "key": "region", "value": "eu"}',
				description:
					'Search only files whose attributes match: a comparison (eq, ne, gt, gte, lt, lte, in, nin) or several combined with {"type": "and"|"or", "filters": [ … ]}',
			},
			{
				displayName: 'Max Results',
				name: 'maxNumResults',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 10,
				description: 'The most hits to return (1–50)',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item per Hit', value: 'hits', description: 'Score, file ID, file name, attributes and text of each hit' },
					{ name: 'One Item per Search', value: 'page', description: 'The whole search result as OpenAI returns it' },
				],
				default: 'hits',
				description: 'How the hits are output',
			},
			{
				displayName: 'Ranker',
				name: 'ranker',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Default 2024-11-15', value: 'default-2024-11-15' },
					{ name: 'None (Faster)', value: 'none' },
				],
				default: 'auto',
				description: 'Which ranker orders the hits; None turns re-ranking off, which is faster',
			},
			{
				displayName: 'Rewrite Query',
				name: 'rewriteQuery',
				type: 'boolean',
				default: true,
				description: 'Whether OpenAI may rewrite the query for a better vector search',
			},
			{
				displayName: 'Score Threshold',
				name: 'scoreThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.5,
				description: 'Leave out hits that score below this (0–1)',
			},
		],
	},
]);

interface SearchOptions {
	filters?: unknown;
	maxNumResults?: unknown;
	output?: unknown;
	ranker?: unknown;
	rewriteQuery?: unknown;
	scoreThreshold?: unknown;
	additionalBodyFields?: unknown;
}

const RANKERS = ['auto', 'none', 'default-2024-11-15'];

function buildBody(context: IExecuteFunctions, itemIndex: number, options: SearchOptions): VectorStoreSearchParams {
	const body: VectorStoreSearchParams = { query: readTextOrTexts(context, itemIndex, 'query', QUERY_LABEL) };
	const filters = parseFilter(context, itemIndex, options.filters, FILTER_LABEL);
	if (filters) body.filters = filters;
	const maxResults = checkNumber(context, itemIndex, options.maxNumResults, 'Max Results', { min: 1, max: 50, integer: true });
	if (maxResults !== undefined) body.max_num_results = maxResults;
	if (options.rewriteQuery !== undefined) body.rewrite_query = options.rewriteQuery === true;
	const ranking: NonNullable<VectorStoreSearchParams['ranking_options']> = {};
	if (options.ranker !== undefined) {
		if (!RANKERS.includes(String(options.ranker))) {
			throw fieldError(context, itemIndex, `The field 'Ranker' must be one of ${RANKERS.join(', ')} (got '${String(options.ranker)}')`);
		}
		ranking.ranker = options.ranker as 'auto';
	}
	const threshold = checkNumber(context, itemIndex, options.scoreThreshold, 'Score Threshold', { min: 0, max: 1 });
	if (threshold !== undefined) ranking.score_threshold = threshold;
	if (Object.keys(ranking).length) body.ranking_options = ranking;
	return withAdditionalBodyFields(context, body, options.additionalBodyFields, itemIndex);
}

/** One hit as an output item: what a RAG step maps (the text first, then where it came from). */
function hitJson(hit: VectorStoreSearchResponse): IDataObject {
	return {
		text: (hit.content ?? []).map((part) => part.text).join('\n\n'),
		score: hit.score,
		file_id: hit.file_id,
		filename: hit.filename,
		attributes: hit.attributes ?? null,
	};
}

/**
 * POST /vector_stores/{vector_store_id}/search. By default one output item per hit (none when nothing
 * matched); with Output "One Item per Search" the whole result page, search_query included.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as SearchOptions;
	const page = await client.vectorStores.search(vectorStoreId, buildBody(this, itemIndex, options));
	const hits = page.getPaginatedItems();
	if (options.output === 'page') {
		// The SDK's page keeps search_query, has_more and next_page only in the body it parsed.
		const body = (page as unknown as { body?: IDataObject }).body ?? { object: page.object, data: hits };
		return [{ json: body, pairedItem: { item: itemIndex } }];
	}
	return hits.map((hit) => ({ json: hitJson(hit), pairedItem: { item: itemIndex } }));
}
