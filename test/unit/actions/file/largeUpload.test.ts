import crypto from 'node:crypto';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNodeWithStore, storedBinary } from '../../../support/storedBinaries';
import { LARGE_UPLOAD } from '../../../../nodes/OpenAiToolkit/actions/file/largeUpload';

// The sizes are lowered (a "large" file is over 100 bytes, parts are 64 bytes): no test uploads 512 MB.
const saved = { ...LARGE_UPLOAD };
const content = Buffer.from(Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''));
const md5 = crypto.createHash('md5').update(content).digest('hex');

describe('File → Upload over the threshold (version 2): the Uploads API', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
		Object.assign(LARGE_UPLOAD, { thresholdBytes: 100, partBytes: 64, concurrency: 2 });
	});
	afterAll(async () => {
		Object.assign(LARGE_UPLOAD, saved);
		await server.close();
	});
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const files = { big: { content, fileName: 'notes.txt', mimeType: 'text/plain' } };
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'file', operation: 'upload', purpose: 'assistants', ...parameters },
			items: [{ json: {}, binary: { data: storedBinary('big', files.big) } }],
			files,
			chunkSize: 50,
			credentials: credentials(),
			...extra,
		});
	const paths = () => server.requests.map((request) => `${request.method} ${request.path}`);

	test('creates the upload, sends 64-byte parts read once from the store, completes with the part IDs in order; outputs the File', async () => {
		const { output, opened } = await run({ options: { md5, expiresAfterSeconds: 3600 } });
		expect(opened).toEqual(['filesystem-v2:big']);
		expect(server.requests[0].body).toEqual({
			purpose: 'assistants',
			expires_after: { anchor: 'created_at', seconds: 3600 },
			filename: 'notes.txt',
			bytes: 300,
			mime_type: 'text/plain',
		});
		const parts = server.requests.filter((request) => request.path.endsWith('/parts'));
		expect(parts.map((part) => part.body.data.size)).toEqual([64, 64, 64, 64, 44]);
		const complete = server.requests.find((request) => request.path.endsWith('/complete'))!;
		const upload = server.state.uploads[0];
		// Sent a few at a time, the parts may arrive in any order: complete lists them in file order.
		const bySize = complete.body.part_ids.map((id: string) => upload.parts.find((part: { id: string }) => part.id === id));
		expect(Buffer.concat(bySize.map((part: { content: Buffer }) => part.content))).toEqual(content);
		expect(complete.body).toEqual({ part_ids: expect.any(Array), md5 });
		expect(output).toEqual([
			{
				json: {
					id: 'file-000001',
					object: 'file',
					bytes: 300,
					created_at: 1700000001,
					filename: 'notes.txt',
					purpose: 'assistants',
					status: 'processed',
					expires_at: 1700000001 + 3600,
					status_details: null,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(paths()).not.toContain('POST /v1/files');
	});

	test('a file at or under the threshold keeps the one-request path', async () => {
		const small = { content: content.subarray(0, 100), fileName: 'small.txt', mimeType: 'text/plain' };
		const { output } = await runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'file', operation: 'upload', purpose: 'assistants' },
			items: [{ json: {}, binary: { data: storedBinary('small', small) } }],
			files: { small },
			credentials: credentials(),
		});
		expect(paths()).toEqual(['POST /v1/files']);
		expect(output[0].json.bytes).toBe(100);
	});

	test('a part that fails for good cancels the upload; Continue On Fail keeps the other items', async () => {
		server.queueFault({ path: /\/parts$/, status: 400, body: { error: { message: 'bad part', type: 'invalid_request_error' } } });
		const { output } = await runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'file', operation: 'upload', purpose: 'assistants' },
			items: [
				{ json: {}, binary: { data: storedBinary('big', files.big) } },
				{ json: {}, binary: { data: storedBinary('big', files.big) } },
			],
			files,
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toMatch(/bad part/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json).toMatchObject({ object: 'file', bytes: 300 });
		expect(server.state.uploads.map((upload: { status: string }) => upload.status)).toEqual(['cancelled', 'completed']);
		expect(paths()).toContain(`POST /v1/uploads/${server.state.uploads[0].id}/cancel`);
	});

	test('a part answered 503 is sent again from its buffer', async () => {
		server.queueFault({ path: /\/parts$/, status: 503, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'busy', type: 'server_error' } } });
		const { output } = await run({});
		expect(server.requests.filter((request) => request.path.endsWith('/parts'))).toHaveLength(6);
		expect(server.state.uploads[0].status).toBe('completed');
		expect(output[0].json.bytes).toBe(300);
	});

	test('a file over 8 GB and a malformed MD5 are refused before anything is sent', async () => {
		const huge = { ...files.big, reportedBytes: 9 * 1024 ** 3 };
		const { output } = await runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'file', operation: 'upload', purpose: 'assistants', options: (i: number) => (i === 1 ? { md5: 'xyz' } : {}) },
			items: [
				{ json: {}, binary: { data: storedBinary('big', huge) } },
				{ json: {}, binary: { data: storedBinary('big', files.big) } },
			],
			files: { big: huge },
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe(
			"The file in 'Input Binary Field' (binary property 'data') is 9216 MB, over OpenAI's limit per file (in parts) of 8192 MB",
		);
		expect(output[1].json.error).toBe("The field 'MD5 Checksum' must be 32 hex digits (got 'xyz')");
		expect(server.requests).toHaveLength(0);
	});

	test('a binary shorter than its metadata says fails and cancels the upload', async () => {
		const short = { ...files.big, reportedBytes: 400 };
		const { output } = await runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'file', operation: 'upload', purpose: 'assistants' },
			items: [{ json: {}, binary: { data: storedBinary('big', short) } }],
			files: { big: short },
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toMatch(/holds 300 bytes, not the 400/);
		expect(server.state.uploads[0].status).toBe('cancelled');
	});
});
