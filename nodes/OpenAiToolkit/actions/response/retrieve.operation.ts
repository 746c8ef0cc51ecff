import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Response as OpenAiResponse, ResponseRetrieveParamsNonStreaming } from 'openai/resources/responses/responses';

import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { responseToJson } from './output';
import { getResponseId, includeOption, readInclude, responseIdField } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('response', 'retrieve', [
	{ ...responseIdField, description: 'The stored response to get, e.g. to check on a background response' },
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [includeOption] },
]);

/** GET /responses/{response_id}: the response as it is now (a background one may still be running). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getResponseId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const include = readInclude(options.include);
	const query: ResponseRetrieveParamsNonStreaming = include ? { include: include as ResponseRetrieveParamsNonStreaming['include'] } : {};
	const response = (await client.responses.retrieve(id, query)) as OpenAiResponse;
	return [{ json: responseToJson(response), pairedItem: { item: itemIndex } }];
}
