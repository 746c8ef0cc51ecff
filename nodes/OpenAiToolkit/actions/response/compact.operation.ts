import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ResponseCompactParams } from 'openai/resources/responses/responses';

import { textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { buildRequestBody } from './requestBody';
import { compactOptions, requestInputFields } from './requestFields';

export const description: INodeProperties[] = showOnlyFor('response', 'compact', [...requestInputFields, compactOptions]);

/**
 * POST /responses/compact: a long conversation shrunk into fewer items. One output item, the compacted
 * response: its `output` is the input of the next request.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = await buildRequestBody(this, itemIndex, options, (built) => {
		const promptCacheKey = textOf(options.promptCacheKey).trim();
		if (promptCacheKey) built.prompt_cache_key = promptCacheKey;
		if (options.serviceTier !== undefined) built.service_tier = options.serviceTier;
	});
	const compacted = await client.responses.compact(body as unknown as ResponseCompactParams);
	return [{ json: compacted as unknown as IDataObject, pairedItem: { item: itemIndex } }];
}
