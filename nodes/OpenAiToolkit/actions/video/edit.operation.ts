import type { VideoEditParams } from 'openai/resources/videos';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { waitFields } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { getPrompt, outputFieldField, promptField, sourceFields, videoWaitSpec, waitForCompletionField } from './fields';
import { jobOutput } from './jobs';
import { readSourceVideo } from './source';

export const description: INodeProperties[] = showOnlyFor('video', 'edit', [
	...sourceFields,
	promptField('How to change the source video'),
	waitForCompletionField,
	...waitFields(videoWaitSpec),
	outputFieldField({ displayOptions: { show: { waitForCompletion: [true] } } }),
]);

/** POST /videos/edits: a new video job that edits a completed video or an uploaded one. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const prompt = getPrompt(this, itemIndex);
	const start = await readSourceVideo(this, itemIndex, ctx, '/videos/edits', async (video, requestOptions) =>
		await ctx.client.videos.edit({ prompt, video } as VideoEditParams, requestOptions),
	);
	return await jobOutput(this, itemIndex, ctx, async () => await start({ prompt }));
}
