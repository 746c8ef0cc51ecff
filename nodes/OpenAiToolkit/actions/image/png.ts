/**
 * Reads what the image checks need straight from a file's first bytes: the format (PNG, JPEG, WebP) and, for
 * PNGs, the size and whether there is transparency. No image library: a PNG starts with an 8-byte signature
 * and a sequence of chunks (4-byte length, 4-byte type, data, 4-byte CRC), the first being IHDR (width,
 * height, bit depth, colour type, …); transparency is either an alpha channel (colour types 4 and 6) or a
 * tRNS chunk, which comes before the image data (IDAT).
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export const IMAGE_MIME_TYPES: Record<ImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
};

export const IMAGE_EXTENSIONS: Record<ImageFormat, string> = {
	png: 'png',
	jpeg: 'jpg',
	webp: 'webp',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format of an image from its first bytes (12 are enough), or undefined for anything else. */
export function detectImageFormat(head: Buffer): ImageFormat | undefined {
	if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
	if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
	if (head.length >= 12 && head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WEBP') {
		return 'webp';
	}
	return undefined;
}

export interface PngInfo {
	width: number;
	height: number;
	bitDepth: number;
	/** 0 greyscale, 2 RGB, 3 palette, 4 greyscale + alpha, 6 RGBA. */
	colorType: number;
	/** A tRNS chunk was found before the image data. */
	hasTransparencyChunk: boolean;
	/** Whether the image can be transparent anywhere: an alpha channel or a tRNS chunk. */
	hasAlpha: boolean;
}

/**
 * Reads a PNG's header. Returns undefined when the bytes are not a PNG or the IHDR chunk is broken. The chunks
 * are walked up to the image data (or as far as the bytes go) to find a tRNS chunk.
 */
export function readPngInfo(bytes: Buffer): PngInfo | undefined {
	if (detectImageFormat(bytes) !== 'png' || bytes.length < 33) return undefined;
	if (bytes.readUInt32BE(8) !== 13 || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	const bitDepth = bytes[24];
	const colorType = bytes[25];
	if (width === 0 || height === 0 || ![0, 2, 3, 4, 6].includes(colorType)) return undefined;

	let hasTransparencyChunk = false;
	let offset = 8 + 12 + 13; // signature, then IHDR's length, type, data and CRC
	while (offset + 8 <= bytes.length) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.toString('ascii', offset + 4, offset + 8);
		if (type === 'tRNS') hasTransparencyChunk = true;
		if (type === 'IDAT' || type === 'IEND') break;
		offset += 12 + length;
	}
	return {
		width,
		height,
		bitDepth,
		colorType,
		hasTransparencyChunk,
		hasAlpha: colorType === 4 || colorType === 6 || hasTransparencyChunk,
	};
}
