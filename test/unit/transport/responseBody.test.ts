/* An answer's body as a Node stream (transport/responseBody.ts): the http fetch's own stream when nobody read the web body. */
import { PassThrough, Readable } from 'node:stream';

import { nodeBodyOf, webBodyOf } from '../../../nodes/OpenAiToolkit/transport/responseBody';

const bytesOf = async (stream: Readable) => {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks).toString();
};

describe('response bodies as Node streams', () => {
	test('the web body reads nothing until pulled; nodeBodyOf hands over the very stream, and locks the web side', async () => {
		const source = new PassThrough();
		source.end('the whole video');
		const response = new Response(webBodyOf(source));
		expect(source.readableLength).toBe(15);
		const node = nodeBodyOf(response);
		expect(node).toBe(source);
		expect(response.body!.locked).toBe(true);
		expect(await bytesOf(node!)).toBe('the whole video');
	});

	test('once the web body was read, the rest comes through the web body (no byte twice, none lost)', async () => {
		const source = Readable.from([Buffer.from('first '), Buffer.from('second')], { objectMode: false });
		const response = new Response(webBodyOf(source));
		const reader = response.body!.getReader();
		expect(Buffer.from((await reader.read()).value!).toString()).toBe('first ');
		reader.releaseLock();
		const node = nodeBodyOf(response);
		expect(node).not.toBe(source);
		expect(await bytesOf(node!)).toBe('second');
	});

	test("an answer that is not the http fetch's (Node's fetch, a test's Response) is read through its web body", async () => {
		expect(await bytesOf(nodeBodyOf(new Response('plain body'))!)).toBe('plain body');
		expect(nodeBodyOf(new Response(null))).toBeUndefined();
	});

	test('a failing source fails the web body; cancelling the web body destroys the source', async () => {
		const failing = new PassThrough();
		const response = new Response(webBodyOf(failing));
		const read = response.arrayBuffer();
		failing.destroy(new Error('socket hang up'));
		await expect(read).rejects.toThrow();
		const idle = new PassThrough();
		await new Response(webBodyOf(idle)).body!.cancel();
		expect(idle.destroyed).toBe(true);
	});
});
