import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { extensionFromMimeType } from '../../helpers/mimeTypes';
import { storeDownload } from '../../helpers/storeDownload';
import { formatBytes } from '../../helpers/uploads';
import type { OperationContext } from '../types';

/*
 * GET /videos/{id}/content into n8n's binary store. The answer streams straight into prepareBinaryData (in the
 * filesystem or S3 mode n8n writes it to the store as it arrives), so a large MP4 is never held whole here.
 */

export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';
export const VIDEO_VARIANTS: readonly VideoVariant[] = ['video', 'thumbnail', 'spritesheet'];

/**
 * Bytes a download may have at most: far beyond any clip OpenAI renders (20 seconds of 1792x1024), but a broken
 * server cannot fill the binary store. An object, so that tests can lower it (`jest.replaceProperty`).
 */
export const VIDEO_DOWNLOAD_LIMIT = { maxBytes: 4 * 1024 * 1024 * 1024 };

/** What each variant is when the answer does not say (the SDK asks for "application/binary"). */
const VARIANT_MIME_TYPES: Record<VideoVariant, string> = {
	video: 'video/mp4',
	thumbnail: 'image/webp',
	spritesheet: 'image/jpeg',
};

/** The answer's own type when it names a video or an image; the variant's usual one otherwise. */
export function contentMimeType(contentType: string | null, variant: VideoVariant): string {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	return /^(video|image)\/[a-z0-9.+-]+$/.test(type) ? type : VARIANT_MIME_TYPES[variant];
}

/** video_123.mp4, video_123-thumbnail.webp, video_123-spritesheet.jpg. */
export function contentFileName(videoId: string, variant: VideoVariant, mimeType: string): string {
	const base = videoId.replace(/[^A-Za-z0-9._-]/g, '_') || 'video';
	const extension = extensionFromMimeType(mimeType) ?? (variant === 'video' ? 'mp4' : 'bin');
	return variant === 'video' ? `${base}.${extension}` : `${base}-${variant}.${extension}`;
}

/** Downloads one variant of a video into n8n's binary store. */
export async function downloadVideoContent(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
	videoId: string,
	variant: VideoVariant,
): Promise<IBinaryData> {
	const { maxBytes } = VIDEO_DOWNLOAD_LIMIT;
	// Any content type: the spec answers video/mp4 or image/webp, not the SDK's "application/binary".
	const response = await client.videos.downloadContent(videoId, { variant }, { headers: { Accept: '*/*' } });
	const tooBig = () =>
		fieldError(
			context,
			itemIndex,
			`The ${variant} of ${videoId} is larger than the download limit of ${formatBytes(maxBytes)}`,
			'Nothing was stored.',
		);
	const declared = Number(response.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) {
		await response.body?.cancel().catch(() => undefined);
		throw tooBig();
	}
	const mimeType = contentMimeType(response.headers.get('content-type'), variant);
	const fileName = contentFileName(videoId, variant, mimeType);
	return await storeDownload(context, response, { fileName, mimeType, limit: { maxBytes, tooBig } });
}
