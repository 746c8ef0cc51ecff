/**
 * An answer's body streamed into n8n's binary store (a video, a file's content): never held whole here, at most
 * `maxBytes` stored, and the chunks already passed on freed as it goes (garbageRelief.ts), so a download of
 * hundreds of MB does not leave tens of MB of them waiting for V8. An error on either side ends both: the answer
 * is not read on after a failure, and nothing is left half open.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { nodeBodyOf } from '../transport/responseBody';
import { createGarbageRelief } from './garbageRelief';

/** Passes the bytes on and fails the stream once more than `maxBytes` went through. */
export class ByteLimit extends Transform {
	private seen = 0;

	private readonly relieve = createGarbageRelief();

	constructor(
		private readonly maxBytes: number,
		private readonly tooBig: () => Error,
	) {
		super();
	}

	_transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.seen += chunk.length;
		this.relieve(chunk.length);
		if (this.seen > this.maxBytes) callback(this.tooBig());
		else callback(null, chunk);
	}
}

export interface StoreOptions {
	fileName: string;
	mimeType: string;
	/** At most this many bytes are stored; past them the download fails with `tooBig()`. Default: no limit. */
	limit?: { maxBytes: number; tooBig: () => Error };
}

const NO_LIMIT = { maxBytes: Number.POSITIVE_INFINITY, tooBig: () => new Error('unreachable: no byte limit') };

/** Stores the answer's body as binary data; an answer without a body is stored as an empty file. */
export async function storeDownload(
	context: IExecuteFunctions,
	response: Response,
	{ fileName, mimeType, limit = NO_LIMIT }: StoreOptions,
): Promise<IBinaryData> {
	const source = nodeBodyOf(response);
	if (!source) return await context.helpers.prepareBinaryData(Buffer.alloc(0), fileName, mimeType);
	const limited = new ByteLimit(limit.maxBytes, limit.tooBig);
	source.on('error', (error) => limited.destroy(error));
	limited.on('error', () => source.destroy());
	source.pipe(limited);
	return await context.helpers.prepareBinaryData(limited, fileName, mimeType);
}
