import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { FileObject } from 'openai/resources/files';
import type { UploadCreateParams } from 'openai/resources/uploads/uploads';

import { fieldError, textOf } from '../../helpers/checks';
import { mimeTypeFromFileName } from '../../helpers/mimeTypes';
import { uploadFromMemory, type BinaryUpload } from '../../helpers/uploads';
import { abortError } from '../../transport/abort';
import { sendUpload } from '../../transport/uploadRetry';
import type { OperationContext } from '../types';

/**
 * File → Upload of a file over 512 MB (version 2): through the Uploads API. The upload is created with the
 * file's size, the file is read once from n8n's binary store and sent in parts, a few at a time, then completed
 * with the part IDs in order. A part that fails for good, or a cancelled execution, cancels the upload.
 *
 * Memory: a part is read into one of `concurrency` buffers, reused for the next part once sent, so the node holds
 * at most concurrency × partBytes however big the file is. Tests lower the sizes here.
 */
export const LARGE_UPLOAD = {
	/** Files over this go through the Uploads API (OpenAI's limit for one request to /files). */
	thresholdBytes: 512 * 1024 * 1024,
	/** OpenAI's limit for an upload. */
	maxBytes: 8 * 1024 * 1024 * 1024,
	/** The size of a part: OpenAI takes at most 64 MB; smaller keeps n8n's memory low. */
	partBytes: 32 * 1024 * 1024,
	/** Parts sent at the same time. */
	concurrency: 3,
};

/** Version 2's option for uploads in parts. */
export const largeUploadOptions: INodeProperties[] = [
	{
		displayName: 'MD5 Checksum',
		name: 'md5',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9e107d9d372bb6826bd81d3542a419d6',
		description:
			'For files over 512 MB, which are sent in parts: the MD5 checksum of the whole file (32 hex digits). OpenAI checks that the parts add up to it.',
	},
];

/** The MD5 option: undefined when unset, 32 hex digits otherwise. */
export function readMd5(context: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	const md5 = textOf(value).trim();
	if (md5 === '') return undefined;
	if (!/^[0-9a-f]{32}$/i.test(md5)) {
		throw fieldError(context, itemIndex, `The field 'MD5 Checksum' must be 32 hex digits (got '${md5}')`);
	}
	return md5.toLowerCase();
}

/** The buffers parts are read into: at most `size` of them, each reused once its part is sent. */
class PartBuffers {
	private readonly free: Buffer[] = [];
	private made = 0;
	constructor(
		private readonly size: number,
		private readonly bytes: number,
	) {}
	get available(): boolean {
		return this.free.length > 0 || this.made < this.size;
	}
	take(): Buffer {
		const buffer = this.free.pop();
		if (buffer) return buffer;
		this.made += 1;
		return Buffer.allocUnsafeSlow(this.bytes);
	}
	give(buffer: Buffer): void {
		this.free.push(buffer);
	}
}

/** POST /uploads/{id}/parts for one part; a 5xx or a dropped connection sends it again from the buffer. */
async function sendPart(ctx: OperationContext, uploadId: string, content: Buffer, index: number): Promise<string> {
	const part = uploadFromMemory(content, `part-${index + 1}`, 'application/octet-stream');
	const created = await sendUpload(ctx, part, async (data, requestOptions) =>
		await ctx.client.uploads.parts.create(uploadId, { data }, requestOptions),
	);
	return created.id;
}

/** Reads the file once and sends it in parts; returns the part IDs in file order. */
async function sendParts(ctx: OperationContext, uploadId: string, upload: BinaryUpload, size: number): Promise<string[]> {
	const { partBytes, concurrency } = LARGE_UPLOAD;
	const buffers = new PartBuffers(Math.max(1, concurrency), partBytes);
	const inFlight = new Set<Promise<void>>();
	const partIds: string[] = [];
	let failure: { error: unknown } | undefined;
	let count = 0;

	const dispatch = (buffer: Buffer, length: number) => {
		const index = count++;
		const sent: Promise<void> = sendPart(ctx, uploadId, buffer.subarray(0, length), index)
			.then(
				(id) => {
					partIds[index] = id;
				},
				(error: unknown) => {
					failure ??= { error };
				},
			)
			.finally(() => {
				inFlight.delete(sent);
				buffers.give(buffer);
			});
		inFlight.add(sent);
	};
	const nextBuffer = async (): Promise<Buffer | undefined> => {
		while (!buffers.available && !failure) await Promise.race(inFlight);
		return failure || ctx.cancelSignal?.aborted ? undefined : buffers.take();
	};

	let read = 0;
	let current = await nextBuffer();
	let filled = 0;
	reading: for await (const chunk of upload.chunks()) {
		for (let offset = 0; offset < chunk.length && current; ) {
			const length = Math.min(chunk.length - offset, partBytes - filled);
			chunk.copy(current, filled, offset, offset + length);
			filled += length;
			offset += length;
			read += length;
			if (read > size) break reading;
			if (filled === partBytes) {
				dispatch(current, filled);
				current = await nextBuffer();
				filled = 0;
			}
		}
		if (!current) break;
	}
	if (current && filled > 0 && !failure && read <= size) dispatch(current, filled);
	await Promise.all([...inFlight]);
	if (failure) throw failure.error;
	if (ctx.cancelSignal?.aborted) throw abortError();
	if (read !== size) {
		throw new Error(`The binary data holds ${read > size ? 'more' : read} bytes, not the ${size} its metadata gives`);
	}
	return partIds;
}

/** Cancels an upload that cannot be completed; on a signal of its own, as the execution's may be aborted. */
async function cancelUpload(context: IExecuteFunctions, ctx: OperationContext, uploadId: string): Promise<void> {
	try {
		await ctx.client.uploads.cancel(uploadId, { signal: AbortSignal.timeout(30_000), maxRetries: 1 });
	} catch (error) {
		context.logger?.warn?.(`Could not cancel the upload ${uploadId}: ${(error as Error).message}`);
	}
}

/** Uploads a file over 512 MB in parts; returns the File object, as POST /files would. */
export async function uploadInParts(
	context: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
	upload: BinaryUpload,
	body: Omit<UploadCreateParams, 'bytes' | 'filename' | 'mime_type'>,
	md5: string | undefined,
): Promise<FileObject> {
	const size = upload.size!;
	const declared = upload.mimeType.split(';')[0].trim();
	// OpenAI checks the MIME type against the purpose; n8n often has only application/octet-stream.
	const mimeType = !declared || declared === 'application/octet-stream' ? mimeTypeFromFileName(upload.fileName) : declared;
	const created = await ctx.client.uploads.create({ ...body, filename: upload.fileName, bytes: size, mime_type: mimeType });
	const finish = async (): Promise<FileObject> => {
		const partIds = await sendParts(ctx, created.id, upload, size);
		const completed = await ctx.client.uploads.complete(created.id, { part_ids: partIds, ...(md5 ? { md5 } : {}) });
		if (!completed.file) {
			throw new NodeOperationError(context.getNode(), `The upload ${created.id} ended with status '${completed.status}' and no file`, {
				itemIndex,
			});
		}
		return completed.file;
	};
	const outcome = await finish().then(
		(file) => ({ file }),
		(error: unknown) => ({ error }),
	);
	if ('file' in outcome) return outcome.file;
	// The router turns the SDK's error into the one the user sees; the upload must not be left pending.
	await cancelUpload(context, ctx, created.id);
	throw outcome.error;
}
