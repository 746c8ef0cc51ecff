import type { Uploadable } from 'openai';
import type { RequestOptions } from 'openai/internal/request-options';
import type { Video } from 'openai/resources/videos';
import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { sendUpload } from '../../transport/uploadRetry';
import type { OperationContext } from '../types';
import { getVideoId } from './fields';
import { readVideoUpload } from './inputs';

/* The source video of Edit and Extend: a video OpenAI made (by ID) or a file from a binary field (streamed). */

/**
 * Reads the Source Video fields (a file is checked now, before anything is sent) and returns how to start the
 * job with them. By ID the body is JSON ({"video": {"id": …}}, the spec's JSON body): the SDK's edit() and
 * extend() always send a form, where the ID would become a `video[id]` field the spec does not describe. A file
 * goes through the SDK as a multipart upload, streamed and sent afresh on a retry.
 */
export async function readSourceVideo(
	context: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
	path: '/videos/edits' | '/videos/extensions',
	sendFile: (video: Uploadable, requestOptions: RequestOptions) => Promise<Video>,
): Promise<(fields: Record<string, string>) => Promise<Video>> {
	const source = String(context.getNodeParameter('videoSource', itemIndex, 'id'));
	if (source === 'id') {
		const id = getVideoId(context, itemIndex);
		return async (fields) => await ctx.client.post<Video>(path, { body: { ...fields, video: { id } } });
	}
	if (source !== 'binary') {
		throw fieldError(context, itemIndex, `The field 'Source Video' must be 'id' or 'binary' (got '${source}')`);
	}
	const propertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const upload = await readVideoUpload(context, itemIndex, propertyName);
	return async () => await sendUpload(ctx, upload, sendFile);
}
