import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { waitFields } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { getPrompt, getVideoId, outputFieldField, promptField, videoIdField, videoWaitSpec, waitForCompletionField } from './fields';
import { jobOutput } from './jobs';

export const description: INodeProperties[] = showOnlyFor('video', 'remix', [
	{ ...videoIdField, description: 'The completed video to remix' },
	promptField('What to change in the video; the rest stays as it was'),
	waitForCompletionField,
	...waitFields(videoWaitSpec),
	outputFieldField({ displayOptions: { show: { waitForCompletion: [true] } } }),
]);

/** POST /videos/{video_id}/remix: a new video job from a completed one and a new prompt. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const videoId = getVideoId(this, itemIndex);
	const prompt = getPrompt(this, itemIndex);
	return await jobOutput(this, itemIndex, ctx, async () => await ctx.client.videos.remix(videoId, { prompt }));
}
