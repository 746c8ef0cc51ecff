import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { getResponseId, responseIdField } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('response', 'delete', [
	{ ...responseIdField, description: 'The stored response to delete' },
]);

/** DELETE /responses/{response_id}. OpenAI documents no body for the answer: the item says what was deleted. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getResponseId(this, itemIndex);
	const answer: unknown = await client.responses.delete(id);
	const extra = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as IDataObject) : {};
	return [{ json: { id, deleted: true, ...extra }, pairedItem: { item: itemIndex } }];
}
