import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getVideoId, videoIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('video', 'retrieve', [videoIdField]);

/** GET /videos/{video_id}: the job's status, progress and, once failed, its error. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	return toItems(await client.videos.retrieve(getVideoId(this, itemIndex)), itemIndex);
}
