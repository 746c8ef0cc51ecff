import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { responseToJson } from './output';
import { getResponseId, responseIdField } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('response', 'cancel', [
	{ ...responseIdField, description: 'The background response to stop. Only responses created in the background can be cancelled.' },
]);

/** POST /responses/{response_id}/cancel: outputs the response, now cancelled (or already finished). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const response = await client.responses.cancel(getResponseId(this, itemIndex));
	return [{ json: responseToJson(response), pairedItem: { item: itemIndex } }];
}
