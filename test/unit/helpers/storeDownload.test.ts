/* A download streamed into the binary store (helpers/storeDownload.ts): the byte limit, and the stream handed on. */
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IExecuteFunctions } from 'n8n-workflow';

import { ByteLimit, storeDownload } from '../../../nodes/OpenAiToolkit/helpers/storeDownload';
import { webBodyOf } from '../../../nodes/OpenAiToolkit/transport/responseBody';

describe('ByteLimit of downloads into the binary store', () => {
	const chunks = (count: number, size: number) => Array.from({ length: count }, (_, index) => Buffer.alloc(size, index % 251));

	test('passes every byte on unchanged, in order, across several collections', async () => {
		const input = chunks(20, 1024 * 1024);
		const received: Buffer[] = [];
		await pipeline(Readable.from(input), new ByteLimit(Infinity, () => new Error('too big')), async function* (source) {
			for await (const chunk of source) received.push(chunk as Buffer);
			yield* [];
		});
		expect(Buffer.concat(received).equals(Buffer.concat(input))).toBe(true);
	});

	test('fails with its error once more than the limit went through', async () => {
		const limit = new ByteLimit(2500, () => new Error('larger than the limit'));
		await expect(pipeline(Readable.from(chunks(3, 1000)), limit, async function* (source) {
			for await (const chunk of source) void chunk;
			yield* [];
		})).rejects.toThrow('larger than the limit');
	});
});

describe('storeDownload', () => {
	/** A context whose prepareBinaryData reads the stream whole, as n8n's filesystem store writes it. */
	const storing = () => {
		const stored: Array<{ bytes: string; fileName?: string; mimeType?: string }> = [];
		const context = {
			helpers: {
				prepareBinaryData: async (data: Buffer | Readable, fileName?: string, mimeType?: string) => {
					const chunks: Buffer[] = [];
					if (Buffer.isBuffer(data)) chunks.push(data);
					else for await (const chunk of data) chunks.push(chunk as Buffer);
					stored.push({ bytes: Buffer.concat(chunks).toString(), fileName, mimeType });
					return { data: '', mimeType: mimeType ?? '', fileName };
				},
			},
		} as unknown as IExecuteFunctions;
		return { context, stored };
	};

	test("stores the http fetch's own stream, with the file name and type given", async () => {
		const { context, stored } = storing();
		const source = new PassThrough();
		source.end('mp4 bytes');
		await storeDownload(context, new Response(webBodyOf(source)), { fileName: 'video_1.mp4', mimeType: 'video/mp4' });
		expect(stored).toEqual([{ bytes: 'mp4 bytes', fileName: 'video_1.mp4', mimeType: 'video/mp4' }]);
	});

	test('an answer without a body is stored as an empty file; one past the limit fails and stops reading', async () => {
		const { context, stored } = storing();
		await storeDownload(context, new Response(null), { fileName: 'empty.bin', mimeType: 'application/octet-stream' });
		expect(stored[0].bytes).toBe('');
		const source = new PassThrough();
		source.write(Buffer.alloc(3000));
		const download = storeDownload(context, new Response(webBodyOf(source)), {
			fileName: 'big.mp4',
			mimeType: 'video/mp4',
			limit: { maxBytes: 2000, tooBig: () => new Error('larger than the download limit') },
		});
		await expect(download).rejects.toThrow('larger than the download limit');
		expect(source.destroyed).toBe(true);
	});
});
