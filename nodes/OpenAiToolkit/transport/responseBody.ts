/**
 * An answer's body as a Node stream, for downloads that go on into n8n's binary store (a video, a file's content).
 *
 * Our http fetch (httpFetch.ts) gets each answer as a Node stream and hands the SDK a `Response` whose web body
 * reads that stream only when asked (`webBodyOf`). `nodeBodyOf` gives the download the Node stream itself while
 * nobody has read the web body, which skips a Node → web → Node round trip: it keeps every chunk reachable a little
 * longer, past V8's young-generation collections, so a long download piled up twice the garbage before V8
 * collected it (a 500 MB video: about 90 MB peak RSS growth in n8n with the round trip). Answers that came another
 * way (Node's fetch: uploads, a proxy) are read through `Readable.fromWeb`.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

const nodeStreams = new WeakMap<ReadableStream<Uint8Array>, Readable>();

/** A web body over `stream` that reads it only when pulled (so nothing is read if `nodeBodyOf` takes it). */
export function webBodyOf(stream: Readable): ReadableStream<Uint8Array> {
	let chunks: AsyncIterator<Buffer> | undefined;
	const body = new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				chunks ??= stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
				try {
					const { done, value } = await chunks.next();
					if (done) controller.close();
					else controller.enqueue(value);
				} catch (error) {
					controller.error(error);
				}
			},
			cancel() {
				stream.destroy();
			},
		},
		{ highWaterMark: 0 },
	);
	nodeStreams.set(body, stream);
	return body;
}

/** The answer's body as a Node stream; undefined when it has none. The web body must not be read afterwards. */
export function nodeBodyOf(response: Response): Readable | undefined {
	const body = response.body;
	if (!body) return undefined;
	const stream = nodeStreams.get(body);
	if (stream && !body.locked && !response.bodyUsed) {
		nodeStreams.delete(body);
		// Locked, so that nothing else can start reading the web side of the same bytes.
		body.getReader();
		return stream;
	}
	return Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
}
