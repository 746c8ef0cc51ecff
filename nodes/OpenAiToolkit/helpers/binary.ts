import { APIConnectionError, APIError, APIUserAbortError, toFile, toStreamingFile, type Uploadable } from 'openai';
import {
	BINARY_ENCODING,
	NodeOperationError,
	type IBinaryData,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { sleep } from './polling';

export interface BinaryUploadOptions {
	/** Files larger than this (in bytes) are refused before anything is sent. */
	maxBytes?: number;
	/** How the limit is named in the error, e.g. "OpenAI accepts at most 512 MB per file". */
	maxBytesReason?: string;
	/** The binary field's label in error messages (default "Input Binary Field"). */
	fieldLabel?: string;
	/** Replaces the file name the binary data carries (blank keeps it). */
	fileName?: string;
	/** Replaces the MIME type the binary data carries (blank keeps it). */
	mimeType?: string;
}

/**
 * A file from an input item's binary field, ready to hand to the SDK. Binary data kept in n8n's binary store
 * (filesystem, S3, database: the binary has an `id`) is never loaded whole: it is read as a stream each time it
 * is needed. Binary data held in the item itself (n8n's in-memory mode) is already in memory and used as is.
 */
export interface BinaryUpload {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	/** Size in bytes, when known. */
	size: number | undefined;
	/** True when the content streams from n8n's binary store. */
	streamed: boolean;
	/** A fresh value for the SDK's `file` parameter; call it again for every attempt (a stream is read once). */
	toUploadable(): Promise<Uploadable>;
	/** The content in chunks, read afresh on every call; a streamed file is never held whole. */
	chunks(): AsyncIterable<Buffer>;
}

function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
	return `${bytes} bytes`;
}

/** n8n's own "fileSize" is a display text ("200 MB", "1.5 kB") in newer versions; read it as a last resort. */
function parseDisplaySize(fileSize: string | undefined): number | undefined {
	if (!fileSize) return undefined;
	const match = /^\s*([\d.]+)\s*([kKMGT]?i?B|bytes?)?\s*$/.exec(fileSize);
	if (!match) return undefined;
	const value = Number(match[1]);
	const unit = (match[2] ?? 'B').toUpperCase().replace('I', '');
	const factor: Record<string, number> = { B: 1, BYTE: 1, BYTES: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
	return Number.isFinite(value) && factor[unit] ? Math.round(value * factor[unit]) : undefined;
}

async function sizeOf(context: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
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

/** Reads an input item's binary field as an upload. Refuses a missing field or a file over `maxBytes`. */
export async function getBinaryUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	options: BinaryUploadOptions = {},
): Promise<BinaryUpload> {
	const fieldLabel = options.fieldLabel ?? 'Input Binary Field';
	if (!propertyName.trim()) {
		throw new NodeOperationError(context.getNode(), `The field '${fieldLabel}' is empty`, { itemIndex });
	}
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName =
		options.fileName?.trim() ||
		binary.fileName ||
		(binary.fileExtension ? `${propertyName}.${binary.fileExtension}` : propertyName);
	const mimeType = options.mimeType?.trim() || binary.mimeType || 'application/octet-stream';
	const binaryId = binary.id;

	let inMemory: Buffer | undefined;
	let size: number | undefined;
	if (binaryId) {
		size = await sizeOf(context, binary);
	} else {
		inMemory = Buffer.from(binary.data, BINARY_ENCODING);
		size = inMemory.length;
	}

	if (options.maxBytes !== undefined && size !== undefined && size > options.maxBytes) {
		throw new NodeOperationError(
			context.getNode(),
			`The file '${fileName}' in '${propertyName}' is too large (${formatBytes(size)})`,
			{
				itemIndex,
				description: `${options.maxBytesReason ?? `The most this operation accepts is ${formatBytes(options.maxBytes)}`}. Nothing was sent.`,
			},
		);
	}

	return {
		binary,
		fileName,
		mimeType,
		size,
		streamed: Boolean(binaryId),
		async toUploadable() {
			if (!binaryId) return await toFile(inMemory!, fileName, { type: mimeType });
			const stream = await context.helpers.getBinaryStream(binaryId);
			// toStreamingFile (openai ≥ 6.47) sends the stream as it is read; toFile would read it all first.
			if (typeof toStreamingFile === 'function') return toStreamingFile(stream, fileName, { type: mimeType });
			return await toFile(stream, fileName, { type: mimeType });
		},
		chunks() {
			if (!binaryId) {
				return (async function* () {
					yield inMemory!;
				})();
			}
			return (async function* () {
				const stream = await context.helpers.getBinaryStream(binaryId);
				for await (const chunk of stream) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
			})();
		},
	};
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

function isRetryable(error: unknown): boolean {
	if (error instanceof APIUserAbortError) return false;
	if (error instanceof APIConnectionError) return true;
	if (!(error instanceof APIError) || !error.status) return false;
	if (error.headers?.get('x-should-retry') === 'false') return false;
	if (error.headers?.get('x-should-retry') === 'true') return true;
	return RETRYABLE_STATUS.has(error.status) || error.status >= 500;
}

/** How long OpenAI asked us to wait (retry-after-ms, retry-after in seconds or as a date), if it did. */
function retryAfterMs(error: unknown): number | undefined {
	const headers = error instanceof APIError ? error.headers : undefined;
	const ms = Number(headers?.get('retry-after-ms'));
	if (Number.isFinite(ms) && ms >= 0 && headers?.get('retry-after-ms')) return ms;
	const after = headers?.get('retry-after');
	if (!after) return undefined;
	const seconds = Number(after);
	if (Number.isFinite(seconds)) return seconds * 1000;
	const date = Date.parse(after);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * Sends an upload with the client's retry policy also for streamed files. The SDK does not retry a request
 * whose body is a stream (it cannot read it twice), so each attempt here opens the binary data afresh.
 * In-memory files go straight to the SDK, which retries them itself.
 */
export async function sendUpload<T>(
	upload: BinaryUpload,
	maxRetries: number,
	send: (file: Uploadable) => Promise<T>,
	cancelSignal?: AbortSignal,
): Promise<T> {
	if (!upload.streamed) return await send(await upload.toUploadable());
	for (let attempt = 0; ; attempt++) {
		try {
			return await send(await upload.toUploadable());
		} catch (error) {
			if (attempt >= maxRetries || !isRetryable(error) || cancelSignal?.aborted) throw error;
			const backoff = Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25);
			const wait = retryAfterMs(error);
			await sleep(wait !== undefined && wait <= 60_000 ? wait : backoff, cancelSignal);
		}
	}
}
