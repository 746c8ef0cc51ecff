import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { downloadVideoContent, VIDEO_VARIANTS, type VideoVariant } from './content';
import { getOutputField, getVideoId, outputFieldField, readChoice, videoIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('video', 'downloadContent', [
	{ ...videoIdField, description: 'The completed video to download' },
	{
		displayName: 'Variant',
		name: 'variant',
		type: 'options',
		options: [
			{ name: 'Video (MP4)', value: 'video', description: 'The video itself' },
			{ name: 'Thumbnail', value: 'thumbnail', description: 'A still image of the video (WebP)' },
			{ name: 'Spritesheet', value: 'spritesheet', description: 'A grid of frames from the video, for previews (JPEG)' },
		],
		default: 'video',
		description: 'Which file of the video to download',
	},
	outputFieldField(),
]);

/** GET /videos/{video_id}/content: the file streams into n8n's binary store, named after the video. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const videoId = getVideoId(this, itemIndex);
	const variant = readChoice(this, itemIndex, 'variant', 'Variant', VIDEO_VARIANTS, 'video') as VideoVariant;
	const outputField = getOutputField(this, itemIndex);
	const binary = await downloadVideoContent(this, itemIndex, ctx, videoId, variant);
	return [{ json: { id: videoId, variant }, binary: { [outputField]: binary }, pairedItem: { item: itemIndex } }];
}
