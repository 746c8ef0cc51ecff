import { toStreamingFile, type Uploadable } from 'openai';
import { BINARY_ENCODING, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

import { fieldError, readBinaryField } from './checks';
import { extensionFromMimeType } from './mimeTypes';

/*
 * Binary input for uploads, shared by every operation that sends a file (files, images, audio, batches).
 *   getBinaryUpload(context, itemIndex, propertyName, options?) → BinaryUpload, from an input item's binary field
 *   uploadFromMemory(content, fileName, mimeType) → BinaryUpload, for content the node holds (a JSONL it built)
 * Sending one, with retries the SDK cannot make for a stream, is transport/uploadRetry.ts.
 */

/** Sizes the way OpenAI states its limits: 25 MB, 3.5 MB, 2 KB, 20 bytes (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number): string {
	const trim = (value: number) => value.toFixed(1).replace(/\.0$/, '');
	if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
	if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

/**
 * The file name to send for a binary: its own name, with the extension of its MIME type added when the name has
 * none (OpenAI often tells file formats apart by the extension). Nameless binaries get `fallbackBase`.
 */
export function uploadFileName(binary: IBinaryData, mimeType: string, fallbackBase = 'data'): string {
	const extension = extensionFromMimeType(mimeType) ?? binary.fileExtension;
	const name = binary.fileName?.trim();
	if (name) return /\.[A-Za-z0-9]+$/.test(name) || !extension ? name : `${name}.${extension}`;
	return extension ? `${fallbackBase}.${extension}` : fallbackBase;
}

export interface BinaryUploadOptions {
	/** Files larger than this (in bytes) are refused before anything is read or sent. */
	maxBytes?: number;
	/** How the limit is named in the error message, e.g. "OpenAI's limit for audio files". */
	limitLabel?: string;
	/** A sentence on the limit for the error's description, e.g. "OpenAI accepts at most 512 MB per file". */
	maxBytesReason?: string;
	/** The binary field's display name in error messages (default "Input Binary Field"). */
	fieldDisplayName?: string;
	/** Replaces the file name the binary data carries (blank keeps it). */
	fileName?: string;
	/** Replaces the MIME type the binary data carries (blank keeps it). */
	mimeType?: string;
}

/**
 * A file ready to hand to the SDK as `file`, always sent as a stream. Binary data kept in n8n's binary store
 * (filesystem, S3, database: the binary has an `id`) is never loaded whole: it is opened only when the request
 * reads it. Content already in memory (n8n's in-memory binary mode) is sent as views into its buffer: as a File
 * (a Blob), fetch would copy it again and again, four times the file held at once.
 * A streamed `file` can be sent once: `toUploadable()` gives a fresh one for another attempt.
 */
export interface BinaryUpload {
	/** The input item's binary data, for an upload read from one. */
	binary?: IBinaryData;
	fileName: string;
	mimeType: string;
	/** Size in bytes, when known. */
	size: number | undefined;
	/** The value for the SDK's `file` parameter (it can be sent once). */
	file: Uploadable;
	/** A fresh value for the SDK's `file` parameter, for another attempt. */
	toUploadable(): Promise<Uploadable>;
	/** The content in chunks, read afresh on every call; a streamed file is never held whole. */
	chunks(): AsyncIterable<Buffer>;
}

/** n8n's own "fileSize" is a display text ("200 MB", "1.5 kB") in newer versions; read it as a last resort. */
function parseDisplaySize(fileSize: string | undefined): number | undefined {
	const match = /^\s*([\d.]+)\s*(B|bytes?|kB|KB|MB|GB|TB)?\s*$/i.exec(fileSize ?? '');
	if (!match) return undefined;
	const factor: Record<string, number> = { b: 1, byte: 1, bytes: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
	const value = Number(match[1]) * (factor[(match[2] ?? 'b').toLowerCase()] ?? NaN);
	return Number.isFinite(value) ? Math.round(value) : undefined;
}

async function storedSize(context: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		try {
			const metadata = await context.helpers.getBinaryMetadata(binary.id);
			if (typeof metadata?.fileSize === 'number') return metadata.fileSize;
		} catch (error) {
			context.logger?.debug?.(`No metadata for binary data ${binary.id}: ${(error as Error).message}`);
		}
	}
	return parseDisplaySize(binary.fileSize);
}

/** Views into the buffer, 64 KB each: sent as they are, never copied. */
async function* viewsOf(content: Buffer): AsyncGenerator<Buffer> {
	const chunkBytes = 64 * 1024;
	for (let offset = 0; offset < content.length; offset += chunkBytes) {
		yield content.subarray(offset, offset + chunkBytes);
	}
}

/** Content this process holds (an in-memory binary, a JSONL the node built) as an upload. */
export function uploadFromMemory(content: Buffer, fileName: string, mimeType: string): BinaryUpload {
	const toStreamed = () => toStreamingFile({ [Symbol.asyncIterator]: () => viewsOf(content) }, fileName, { type: mimeType });
	return {
		fileName,
		mimeType,
		size: content.length,
		file: toStreamed(),
		toUploadable: async () => toStreamed(),
		// In one piece: a reader that wants the whole file (an image's format check) gets it without a copy.
		chunks: async function* () {
			yield content;
		},
	};
}

async function* readStored(context: IExecuteFunctions, binaryId: string): AsyncGenerator<Buffer> {
	const stream = await context.helpers.getBinaryStream(binaryId);
	for await (const chunk of stream) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}

/**
 * Reads an input item's binary field as an upload. Refuses, before anything is read or sent, an empty field
 * name, a property the item does not have, an empty file (0 bytes) and a file over `maxBytes`.
 */
export async function getBinaryUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	options: BinaryUploadOptions = {},
): Promise<BinaryUpload> {
	const fieldName = options.fieldDisplayName ?? 'Input Binary Field';
	const { property, binary } = readBinaryField(context, itemIndex, propertyName, fieldName);
	const mimeType = options.mimeType?.trim() || binary.mimeType || 'application/octet-stream';
	const fileName = options.fileName?.trim() || uploadFileName(binary, mimeType);
	const binaryId = binary.id;
	const inMemory = binaryId ? undefined : Buffer.from(binary.data, BINARY_ENCODING);
	const size = inMemory ? inMemory.length : await storedSize(context, binary);
	const file = `The file in '${fieldName}' (binary property '${property}')`;

	// OpenAI answers an empty file with a vague 400 (or, for a JSONL, a failed job later): refuse it here.
	if (size === 0) throw fieldError(context, itemIndex, `${file} is empty (0 bytes)`, `'${fileName}' was not sent.`);
	if (options.maxBytes !== undefined && size !== undefined && size > options.maxBytes) {
		throw fieldError(
			context,
			itemIndex,
			`${file} is ${formatBytes(size)}, over ${options.limitLabel ?? 'the limit'} of ${formatBytes(options.maxBytes)}`,
			`${options.maxBytesReason ? `${options.maxBytesReason}. ` : ''}'${fileName}' was not sent.`,
		);
	}

	if (inMemory) return { ...uploadFromMemory(inMemory, fileName, mimeType), binary };
	// Opened only when the SDK reads the request body, and sent as it is read: a 200 MB file is never held.
	const toStreamed = () =>
		toStreamingFile({ [Symbol.asyncIterator]: () => readStored(context, binaryId!) }, fileName, { type: mimeType });
	return {
		binary,
		fileName,
		mimeType,
		size,
		file: toStreamed(),
		toUploadable: async () => toStreamed(),
		chunks: () => readStored(context, binaryId!),
	};
}

/*
 * Documents sent inside a request (chat and response file inputs): read whole, as OpenAI takes them base64 in
 * the JSON body, after the size was checked against the binary's metadata.
 */

/** Whether the content is a PDF: its header ("%PDF-") within the first 1 KB, as PDF readers look for it. */
export function isPdfContent(content: Buffer): boolean {
	return content.subarray(0, 1024).includes('%PDF-');
}

/** Whether the content is a ZIP archive, the container of .docx, .xlsx and .pptx files. */
export function isZipContent(content: Buffer): boolean {
	return content.length >= 4 && content.readUInt32BE(0) === 0x504b0304;
}

/**
 * The whole content of an upload, for a request that carries it inline; undefined when it is over `maxBytes`
 * (a binary whose size the store did not report): reading stops there instead of holding more than the limit.
 */
export async function readUploadContent(upload: BinaryUpload, maxBytes = Infinity): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of upload.chunks()) {
		total += chunk.length;
		if (total > maxBytes) return undefined;
		chunks.push(chunk);
	}
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** A document from a binary field, read whole for a request that carries it inline (base64). */
export interface InlineDocument {
	upload: BinaryUpload;
	content: Buffer;
}

/**
 * Reads a binary field whole for an inline file input. The checks of getBinaryUpload (field, empty, size from the
 * metadata) come first, so a file over `maxBytes` is refused before it is read; one whose size was not known is
 * refused as soon as reading passes the limit.
 */
export async function readInlineDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	options: BinaryUploadOptions & { maxBytes: number },
): Promise<InlineDocument> {
	const upload = await getBinaryUpload(context, itemIndex, propertyName, options);
	const content = await readUploadContent(upload, options.maxBytes);
	if (!content) {
		throw fieldError(
			context,
			itemIndex,
			`The file in '${options.fieldDisplayName ?? 'Input Binary Field'}' is over ${options.limitLabel ?? 'the limit'} of ${formatBytes(options.maxBytes)}`,
			`${options.maxBytesReason ? `${options.maxBytesReason}. ` : ''}'${upload.fileName}' was not sent.`,
		);
	}
	return { upload, content };
}
