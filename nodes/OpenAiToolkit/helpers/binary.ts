import { APIConnectionError, APIError, APIUserAbortError, toStreamingFile, type Uploadable } from 'openai';
import { BINARY_ENCODING, NodeOperationError, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

import type { RequestOptions } from 'openai/internal/request-options';

import type { ToolkitClient } from '../transport/client';

/*
 * Binary input for uploads, shared by every operation that sends a file (files, images, audio, batches).
 *   getBinaryUpload(context, itemIndex, propertyName, options?) → BinaryUpload
 *   uploadFromMemory(content, fileName, mimeType) → BinaryUpload, for content the node holds (a JSONL it built)
 *     .file            the SDK `file` value, a stream (a stored binary is opened only when the request reads it)
 *     .toUploadable()  a fresh `file` value for another attempt
 *     .chunks()        the content in chunks, e.g. to check it line by line before sending
 *   sendUpload(upload, maxRetries, send, cancelSignal?) / sendWithUploads(ctx, makeUploads, send)
 *     retries for streamed files, which the SDK cannot retry itself; `send` gets the request options to pass
 *     to the SDK call as its second argument (STREAMED_UPLOAD_REQUEST_OPTIONS: without them fetch keeps a
 *     copy of every chunk, the whole file)
 *   readBinaryHead, formatBytes, uploadFileName, mimeTypeFromFileName, extensionFromMimeType
 */

/** Sizes the way OpenAI states its limits: 25 MB, 3.5 MB, 2 KB, 20 bytes (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number): string {
	const trim = (value: number) => value.toFixed(1).replace(/\.0$/, '');
	if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
	if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

/** File extensions and MIME types of the files OpenAI takes and gives back. */
const MIME_BY_EXTENSION: Record<string, string> = {
	jsonl: 'application/jsonl',
	json: 'application/json',
	txt: 'text/plain',
	md: 'text/markdown',
	csv: 'text/csv',
	tsv: 'text/tab-separated-values',
	html: 'text/html',
	xml: 'application/xml',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	zip: 'application/zip',
	py: 'text/x-python',
	js: 'text/javascript',
	ts: 'text/x-typescript',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	mpga: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	ogg: 'audio/ogg',
	opus: 'audio/opus',
	aac: 'audio/aac',
	m4a: 'audio/mp4',
	mp4: 'video/mp4',
	webm: 'audio/webm',
	pcm: 'audio/pcm',
};

/** Extensions for MIME types that have several names or whose extension is not their subtype. */
const EXTENSION_BY_MIME: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'image/jpeg': 'jpg',
	'text/plain': 'txt',
	'application/x-ndjson': 'jsonl',
	'text/markdown': 'md',
	'text/javascript': 'js',
	'text/x-python': 'py',
};

/** The MIME type for a file name, from its extension; application/octet-stream when unknown. */
export function mimeTypeFromFileName(fileName: string): string {
	const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
	return (extension && MIME_BY_EXTENSION[extension]) || 'application/octet-stream';
}

/** The usual extension of a MIME type, or undefined when there is none we know. */
export function extensionFromMimeType(mimeType: string): string | undefined {
	const type = mimeType.split(';')[0].trim().toLowerCase();
	if (EXTENSION_BY_MIME[type]) return EXTENSION_BY_MIME[type];
	const known = Object.entries(MIME_BY_EXTENSION).find(([, mime]) => mime === type);
	return known?.[0];
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
	/** Same as fieldDisplayName (either may be given). */
	fieldLabel?: string;
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
 * A streamed `file` can be sent once: build the upload again for another attempt (see `sendWithUploads`).
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

/** Reads an input item's binary field as an upload. Refuses a missing field, or a file over `maxBytes` unread. */
export async function getBinaryUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	options: BinaryUploadOptions = {},
): Promise<BinaryUpload> {
	const fieldDisplayName = options.fieldDisplayName ?? options.fieldLabel ?? 'Input Binary Field';
	const property = propertyName.trim();
	if (!property) {
		throw new NodeOperationError(context.getNode(), `The field '${fieldDisplayName}' is empty`, { itemIndex });
	}
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const mimeType = options.mimeType?.trim() || binary.mimeType || 'application/octet-stream';
	const fileName = options.fileName?.trim() || uploadFileName(binary, mimeType);
	const binaryId = binary.id;
	const inMemory = binaryId ? undefined : Buffer.from(binary.data, BINARY_ENCODING);
	const size = inMemory ? inMemory.length : await storedSize(context, binary);

	if (options.maxBytes !== undefined && size !== undefined && size > options.maxBytes) {
		throw new NodeOperationError(
			context.getNode(),
			`The file in '${fieldDisplayName}' (binary property '${property}') is ${formatBytes(size)}, over ${options.limitLabel ?? 'the limit'} of ${formatBytes(options.maxBytes)}`,
			{
				itemIndex,
				description: `${options.maxBytesReason ? `${options.maxBytesReason}. ` : ''}'${fileName}' was not sent.`,
			},
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

/** The first `length` bytes of a binary field (e.g. a file header), without reading the rest of a stored file. */
export async function readBinaryHead(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	length: number,
): Promise<Buffer> {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	if (!binary.id) return Buffer.from(binary.data, BINARY_ENCODING).subarray(0, length);
	const stream = await context.helpers.getBinaryStream(binary.id);
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of stream) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
			chunks.push(buffer);
			total += buffer.length;
			if (total >= length) break;
		}
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, length);
}

/** Waits `ms` milliseconds; rejects at once when the signal aborts. */
async function wait(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new Error('Stopped: the execution was cancelled');
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(new Error('Stopped: the execution was cancelled'));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Request options for a request whose body streams a file. fetch (undici) clones a request so that it can follow
 * redirects, and cloning tees a streamed body: the branch nobody reads keeps every chunk, so a 200 MB upload would
 * end up whole in memory. A streamed body cannot be sent to a redirect target anyway, so redirects are refused.
 */
export const STREAMED_UPLOAD_REQUEST_OPTIONS: RequestOptions = { fetchOptions: { redirect: 'error' } };

const RETRYABLE_STATUS = new Set([408, 409, 429]);

function isRetryable(error: unknown): boolean {
	if (error instanceof APIUserAbortError) return false;
	if (error instanceof APIConnectionError) return true;
	if (!(error instanceof APIError) || !error.status) return false;
	const shouldRetry = error.headers?.get('x-should-retry');
	if (shouldRetry === 'false') return false;
	if (shouldRetry === 'true') return true;
	return RETRYABLE_STATUS.has(error.status) || error.status >= 500;
}

/** How long OpenAI asked us to wait (retry-after-ms, retry-after in seconds or as a date), if it did. */
function retryAfterMs(error: unknown): number | undefined {
	const headers = error instanceof APIError ? error.headers : undefined;
	const milliseconds = headers?.get('retry-after-ms');
	if (milliseconds && Number.isFinite(Number(milliseconds))) return Number(milliseconds);
	const after = headers?.get('retry-after');
	if (!after) return undefined;
	if (Number.isFinite(Number(after))) return Number(after) * 1000;
	const date = Date.parse(after);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function retryDelayMs(error: unknown, attempt: number): number {
	const asked = retryAfterMs(error);
	if (asked !== undefined && asked <= 60_000) return asked;
	return Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25);
}

/**
 * Sends a request that carries uploads with the client's retry policy: the SDK does not retry a request whose
 * body is a stream (it cannot read it twice), so here each attempt builds the uploads afresh (`makeUploads`) and
 * the stream is opened again.
 */
export async function sendWithUploads<T>(
	ctx: { client: Pick<ToolkitClient, 'maxRetries'>; cancelSignal?: AbortSignal },
	makeUploads: () => Promise<BinaryUpload[]>,
	send: (uploads: BinaryUpload[], requestOptions: RequestOptions) => Promise<T>,
): Promise<T> {
	const maxRetries = ctx.client.maxRetries ?? 2;
	for (let attempt = 0; ; attempt++) {
		const uploads = await makeUploads();
		const outcome = await send(uploads, STREAMED_UPLOAD_REQUEST_OPTIONS).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if (!('error' in outcome)) return outcome.value;
		const retry = attempt < maxRetries && isRetryable(outcome.error) && !ctx.cancelSignal?.aborted;
		// The caller (the router) turns the SDK's error into the n8n error the user sees.
		if (!retry) throw outcome.error;
		await wait(retryDelayMs(outcome.error, attempt), ctx.cancelSignal);
	}
}

/** `sendWithUploads` for one upload: `send` gets a fresh `file` value on every attempt. */
export async function sendUpload<T>(
	upload: BinaryUpload,
	maxRetries: number,
	send: (file: Uploadable, requestOptions: RequestOptions) => Promise<T>,
	cancelSignal?: AbortSignal,
): Promise<T> {
	let first = true;
	return await sendWithUploads(
		{ client: { maxRetries }, cancelSignal },
		async () => {
			if (first) {
				first = false;
				return [upload];
			}
			return [{ ...upload, file: await upload.toUploadable() }];
		},
		async ([current], requestOptions) => await send(current.file, requestOptions),
	);
}
