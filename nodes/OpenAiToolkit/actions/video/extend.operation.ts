import type { VideoExtendParams } from 'openai/resources/videos';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { waitFields } from '../../helpers/wait';
import type { OperationContext } from '../types';
import {
	EXTEND_SECONDS,
	getPrompt,
	outputFieldField,
	promptField,
	readChoice,
	secondsField,
	sourceFields,
	videoWaitSpec,
	waitForCompletionField,
} from './fields';
import { jobOutput } from './jobs';
import { readSourceVideo } from './source';

export const description: INodeProperties[] = showOnlyFor('video', 'extend', [
	...sourceFields,
	promptField('What happens next, after the end of the source video'),
	secondsField(EXTEND_SECONDS, 'How long the added segment is; the output is the whole video, source and extension'),
	waitForCompletionField,
	...waitFields(videoWaitSpec),
	outputFieldField({ displayOptions: { show: { waitForCompletion: [true] } } }),
]);

/** POST /videos/extensions: a new video job that continues a completed video or an uploaded one. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const prompt = getPrompt(this, itemIndex);
	const seconds = readChoice(this, itemIndex, 'seconds', 'Seconds', EXTEND_SECONDS, '4');
	const start = await readSourceVideo(this, itemIndex, ctx, '/videos/extensions', async (video, requestOptions) =>
		await ctx.client.videos.extend({ prompt, seconds, video } as VideoExtendParams, requestOptions),
	);
	return await jobOutput(this, itemIndex, ctx, async () => await start({ prompt, seconds }));
}
