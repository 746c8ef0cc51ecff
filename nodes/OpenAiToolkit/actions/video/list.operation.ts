import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { readChoice } from './fields';

export const description: INodeProperties[] = showOnlyFor('video', 'list', [
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
				description: 'In which order the videos come, by when they were created',
			},
		],
	},
]);

/** GET /videos, following the cursor pages: one output item per video. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const order =
		options.order === undefined ? undefined : (readChoice(this, itemIndex, 'options.order', 'Order', ['asc', 'desc'], 'desc') as 'asc' | 'desc');
	// The spec allows pages of up to 100.
	const pageSize = Math.min(100, Math.max(1, limit ?? 100));
	const videos = await collect(client.videos.list({ limit: pageSize, ...(order ? { order } : {}) }), limit);
	return toItems(videos, itemIndex);
}
