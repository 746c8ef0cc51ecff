import type { Uploadable } from 'openai';
import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { formatBytes, getBinaryUpload, type BinaryUpload } from '../../helpers/uploads';
import { readImageInput, toImageUpload } from '../image/inputs';

/* Files sent to the Videos API from binary fields, checked before anything is sent. */

/**
 * The largest reference image taken: OpenAI takes a reference image by URL up to 20 MB (the spec's limit for
 * `image_url`), and a file upload is held to the same.
 */
export const MAX_REFERENCE_IMAGE_BYTES = 20 * 1024 * 1024;

export const REFERENCE_FIELD = 'Reference Image Field';

/**
 * The reference image of Generate: a PNG, JPEG or WebP (told by its first bytes), at most 20 MB, and, for a PNG
 * (whose size the header tells), exactly the size of the video, as OpenAI asks.
 */
export async function readReferenceImage(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	size: string,
): Promise<Uploadable> {
	const image = await readImageInput(context, itemIndex, propertyName, REFERENCE_FIELD, {
		maxBytes: MAX_REFERENCE_IMAGE_BYTES,
		label: 'the limit for reference images',
		reason: 'OpenAI takes reference images of up to 20 MB',
	});
	const what = `The image in '${REFERENCE_FIELD}' (binary property '${image.propertyName}')`;
	if (!image.format) {
		throw fieldError(context, itemIndex, `${what} must be a PNG, JPEG or WebP image, but it is none of these`, 'Nothing was sent.');
	}
	if (image.png && `${image.png.width}x${image.png.height}` !== size) {
		throw fieldError(
			context,
			itemIndex,
			`${what} is ${image.png.width}x${image.png.height} pixels, but the video is ${size}; they must be the same size`,
			"OpenAI uses the reference image as the first frame. Resize it first (e.g. with the Edit Image node) or change 'Size'.",
		);
	}
	return await toImageUpload(image);
}

/** Video formats told by their first bytes: MP4 / QuickTime (an 'ftyp' box) and WebM (an EBML header). */
export function detectVideoFormat(head: Buffer): 'mp4' | 'webm' | undefined {
	if (head.length >= 8 && head.toString('ascii', 4, 8) === 'ftyp') return 'mp4';
	if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
	return undefined;
}

async function firstBytes(upload: BinaryUpload, count: number): Promise<Buffer> {
	const parts: Buffer[] = [];
	let total = 0;
	// Only the start is read; the stream is closed after it (the upload opens it afresh).
	for await (const chunk of upload.chunks()) {
		parts.push(chunk);
		total += chunk.length;
		if (total >= count) break;
	}
	return Buffer.concat(parts, total).subarray(0, count);
}

/**
 * A video from a binary field (Edit, Extend, Create Character), streamed when it is sent. Refused before sending
 * when it is missing, empty, or not an MP4, QuickTime or WebM file by its first bytes.
 */
export async function readVideoUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<BinaryUpload> {
	const upload = await getBinaryUpload(context, itemIndex, propertyName, {
		mimeType: undefined,
		fieldDisplayName: 'Input Binary Field',
	});
	const head = await firstBytes(upload, 12);
	if (!detectVideoFormat(head)) {
		throw fieldError(
			context,
			itemIndex,
			`The file in 'Input Binary Field' (binary property '${propertyName.trim()}') is not a video OpenAI takes (MP4, MOV or WebM)`,
			`'${upload.fileName}' (${upload.size !== undefined ? formatBytes(upload.size) : 'size unknown'}, ${upload.mimeType}) was not sent.`,
		);
	}
	return upload;
}
