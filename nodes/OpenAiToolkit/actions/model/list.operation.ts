import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';

export const description: INodeProperties[] = showOnlyFor('model', 'list', returnAllOrLimitFields(50));

/** GET /models: one output item per model. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const models = await collect(client.models.list(), limit);
	return toItems(models, itemIndex);
}
