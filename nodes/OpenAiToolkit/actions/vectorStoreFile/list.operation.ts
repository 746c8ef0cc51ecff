import type { FileListParams } from 'openai/resources/vector-stores/files';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { getVectorStoreId, listOptionFields, listQuery, vectorStoreIdField } from '../vectorStore/fields';

const STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'list', [
	vectorStoreIdField,
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...listOptionFields('files'),
			{
				displayName: 'Status',
				name: 'filter',
				type: 'options',
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'In Progress', value: 'in_progress' },
				],
				default: 'completed',
				description: 'Only list files with this processing status',
			},
		],
	},
]);

/** GET /vector_stores/{vector_store_id}/files, following the cursor across pages: one item per file. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { order?: unknown; after?: unknown; filter?: unknown };
	const query: FileListParams = listQuery(options, limit);
	if (options.filter !== undefined) {
		const filter = String(options.filter);
		if (!(STATUSES as readonly string[]).includes(filter)) {
			throw fieldError(this, itemIndex, `The field 'Status' must be one of ${STATUSES.join(', ')} (got '${filter}')`);
		}
		query.filter = filter as FileListParams['filter'];
	}
	const files = await collect(client.vectorStores.files.list(vectorStoreId, query), limit);
	return toItems(files, itemIndex);
}
