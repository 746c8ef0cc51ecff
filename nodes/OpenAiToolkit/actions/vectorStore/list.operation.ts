import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { listOptionFields, listQuery } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStore', 'list', [
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: listOptionFields('vector stores'),
	},
]);

/** GET /vector_stores, following the cursor (`after`) across pages: one output item per vector store. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { order?: unknown; after?: unknown };
	const stores = await collect(client.vectorStores.list(listQuery(options, limit)), limit);
	return toItems(stores, itemIndex);
}
