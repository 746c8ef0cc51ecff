import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getVideoId, videoIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('video', 'delete', [
	{ ...videoIdField, description: 'The completed or failed video to delete, with its files' },
]);

/** DELETE /videos/{video_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	return toItems(await client.videos.delete(getVideoId(this, itemIndex)), itemIndex);
}
