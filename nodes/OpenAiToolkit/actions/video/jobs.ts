import type { Video } from 'openai/resources/videos';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { pollUntil, readWait, type WaitSettings } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { downloadVideoContent } from './content';
import { getOutputField, videoWaitSpec } from './fields';

/* Waiting for a video job (Generate, Remix, Edit, Extend) and turning its end into the item's output. */

export function isVideoFinished(video: Pick<Video, 'status'>): boolean {
	return video.status === 'completed' || video.status === 'failed';
}

function minutesText(timeoutMs: number): string {
	return String(+(timeoutMs / 60_000).toFixed(3));
}

/** A failed job as the item's error: OpenAI's own message and code. */
export function failedVideoError(context: IExecuteFunctions, itemIndex: number, video: Video): NodeOperationError {
	const details = [`Video ${video.id} failed`, video.error?.code ? `code: ${video.error.code}` : undefined];
	return new NodeOperationError(context.getNode(), video.error?.message || `The video ${video.id} failed`, {
		itemIndex,
		description: details.filter(Boolean).join(', '),
	});
}

export async function waitForVideo(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	video: Video,
	{ intervalMs, timeoutMs }: WaitSettings,
): Promise<Video> {
	const final = await pollUntil<Video>({
		initial: video,
		fetch: async () => await client.videos.retrieve(video.id),
		isDone: isVideoFinished,
		intervalMs,
		timeoutMs,
		signal: cancelSignal,
		onProgress: (current) => context.logger?.debug?.(`Video ${current.id}: ${current.status} (${current.progress ?? 0}%)`),
		onTimeout: (last) =>
			new NodeOperationError(
				context.getNode(),
				`The video ${video.id} was not ready within ${minutesText(timeoutMs)} minutes (status: ${last.status}, ${last.progress ?? 0}% done)`,
				{
					itemIndex,
					description:
						"It goes on rendering at OpenAI. Check it later with Video → Retrieve and get it with Download Content, or raise 'Timeout (Minutes)'.",
				},
			),
	});
	if (final.status === 'failed') throw failedVideoError(context, itemIndex, final);
	return final;
}

/** The Wait For Completion settings of an operation that starts a job, read (and checked) before it starts. */
export function readJobWait(context: IExecuteFunctions, itemIndex: number): WaitSettings | undefined {
	return context.getNodeParameter('waitForCompletion', itemIndex, true)
		? readWait(context, itemIndex, videoWaitSpec)
		: undefined;
}

/**
 * What an operation that starts a job outputs: without waiting, the job as OpenAI answered it; with waiting, the
 * finished job with the MP4 in the chosen binary field (a failed job fails the item with OpenAI's error).
 */
export async function jobOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
	started: () => Promise<Video>,
): Promise<INodeExecutionData[]> {
	// Read before the job is started: a bad setting must not leave a job rendering unwatched.
	const wait = readJobWait(context, itemIndex);
	const outputField = getOutputField(context, itemIndex);
	const video = await started();
	if (!wait) return [{ json: video as unknown as IDataObject, pairedItem: { item: itemIndex } }];
	const final = await waitForVideo(context, itemIndex, ctx, video, wait);
	const binary = await downloadVideoContent(context, itemIndex, ctx, final.id, 'video');
	return [{ json: final as unknown as IDataObject, binary: { [outputField]: binary }, pairedItem: { item: itemIndex } }];
}
