import { toFile, type Uploadable } from 'openai';
import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { getBinaryUpload } from '../../helpers/uploads';
import { detectImageFormat, IMAGE_EXTENSIONS, IMAGE_MIME_TYPES, readPngInfo, type ImageFormat, type PngInfo } from './png';

/* Source images and masks from binary fields (Edit, Create Variation): read, and checked against the model's rules. */

/** An input image read and checked, ready to upload. */
export interface ImageInput {
	propertyName: string;
	buffer: Buffer;
	format: ImageFormat | undefined;
	png: PngInfo | undefined;
	fileName: string;
	mimeType: string;
}

/**
 * Reads an image from a binary property, refusing a missing or empty one, or one over `maxBytes`, before reading
 * it. The format comes from the file's first bytes, not from the name or MIME type it carries.
 */
export async function readImageInput(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	fieldLabel: string,
	limit: { maxBytes: number; label: string; reason?: string } | undefined,
): Promise<ImageInput> {
	const upload = await getBinaryUpload(context, itemIndex, propertyName, {
		fieldDisplayName: fieldLabel,
		maxBytes: limit?.maxBytes,
		limitLabel: limit?.label,
		maxBytesReason: limit?.reason,
	});
	const chunks: Buffer[] = [];
	for await (const chunk of upload.chunks()) chunks.push(chunk);
	const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
	const format = detectImageFormat(buffer);
	const png = format === 'png' ? readPngInfo(buffer) : undefined;
	const mimeType = format ? IMAGE_MIME_TYPES[format] : upload.mimeType;
	let fileName = upload.fileName;
	if (format && !/\.[a-z0-9]+$/i.test(fileName)) fileName = `${fileName}.${IMAGE_EXTENSIONS[format]}`;
	return { propertyName: propertyName.trim(), buffer, format, png, fileName, mimeType };
}

export function toImageUpload(image: ImageInput): Promise<Uploadable> {
	return toFile(image.buffer, image.fileName, { type: image.mimeType });
}

function describe(image: ImageInput, fieldLabel: string): string {
	return `The image in '${fieldLabel}' (binary property '${image.propertyName}')`;
}

const FORMAT_NAMES: Record<ImageFormat, string> = { png: 'a PNG', jpeg: 'a JPEG', webp: 'a WebP image' };

function formatName(image: ImageInput): string {
	return image.format ? FORMAT_NAMES[image.format] : 'not an image this node recognizes';
}

/** The dall-e-2 rules for a source image (edit and variation): a square PNG (the size is checked on reading). */
export function checkDallE2Image(context: IExecuteFunctions, itemIndex: number, image: ImageInput, fieldLabel: string): PngInfo {
	if (!image.png) {
		throw fieldError(
			context,
			itemIndex,
			`${describe(image, fieldLabel)} must be a PNG for dall-e-2, but it is ${formatName(image)}`,
			'dall-e-2 takes a square PNG under 4 MB. Convert the image first (e.g. with the Edit Image node).',
		);
	}
	if (image.png.width !== image.png.height) {
		throw fieldError(
			context,
			itemIndex,
			`${describe(image, fieldLabel)} must be square for dall-e-2, but it is ${image.png.width}×${image.png.height} pixels`,
			'Crop or pad the image to a square first (e.g. with the Edit Image node).',
		);
	}
	return image.png;
}

/** The mask rules: a PNG the same size as the (first) image. */
export function checkMask(
	context: IExecuteFunctions,
	itemIndex: number,
	mask: ImageInput,
	image: ImageInput,
	fieldLabel: string,
): void {
	if (!mask.png) {
		throw fieldError(
			context,
			itemIndex,
			`${describe(mask, fieldLabel)} must be a PNG, but it is ${formatName(mask)}`,
			'The mask is a PNG whose fully transparent areas show where the image should be edited.',
		);
	}
	if (image.png && (mask.png.width !== image.png.width || mask.png.height !== image.png.height)) {
		throw fieldError(
			context,
			itemIndex,
			`${describe(mask, fieldLabel)} is ${mask.png.width}×${mask.png.height} pixels, but the image is ${image.png.width}×${image.png.height}; they must be the same size`,
		);
	}
}

/** The GPT image models' rule for source images: PNG, JPEG or WebP (the size is checked on reading). */
export function checkGptImage(context: IExecuteFunctions, itemIndex: number, image: ImageInput, fieldLabel: string): void {
	if (!image.format) {
		throw fieldError(context, itemIndex, `${describe(image, fieldLabel)} must be a PNG, JPEG or WebP image, but it is none of these`);
	}
}
