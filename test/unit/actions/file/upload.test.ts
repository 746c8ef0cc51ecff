import crypto from 'node:crypto';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { runNodeWithStore, runNodeWithStoreExpectingError, storedBinary } from '../../../support/storedBinaries';

const line = (text: string) => JSON.stringify({ messages: [{ role: 'user', content: text }, { role: 'assistant', content: `re: ${text}` }] });
const jsonl = (...lines: string[]) => `${lines.join('\n')}\n`;
const GOOD = jsonl(line('hi'), line('hej'), line('hallå ö'));

describe('File → Upload', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const upload = (extra: Record<string, unknown> = {}) => ({ resource: 'file', operation: 'upload', ...extra });

	test('an in-memory JSONL is validated and sent as multipart with its name, type and purpose fine-tune', async () => {
		const { output } = await runNode({
			parameters: upload(),
			items: [{ json: {}, binary: { data: binaryFrom(GOOD, 'train.jsonl', 'application/jsonl') } }],
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/files' });
		expect(server.requests[0].body).toEqual({
			purpose: 'fine-tune',
			file: { filename: 'train.jsonl', type: 'application/jsonl', size: Buffer.byteLength(GOOD), content: Buffer.from(GOOD) },
		});
		expect(output).toEqual([
			{
				json: {
					id: 'file-000001',
					object: 'file',
					bytes: Buffer.byteLength(GOOD),
					created_at: 1700000001,
					filename: 'train.jsonl',
					purpose: 'fine-tune',
					status: 'processed',
					expires_at: null,
					status_details: null,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a binary in the binary store is streamed: read once to validate, once to send, never buffered by the node', async () => {
		const { output, opened } = await runNodeWithStore({
			parameters: upload(),
			items: [{ json: {}, binary: { data: storedBinary('wf/1/train', { content: Buffer.from(GOOD), fileName: 'train.jsonl', mimeType: 'application/jsonl' }) } }],
			files: { 'wf/1/train': { content: Buffer.from(GOOD), fileName: 'train.jsonl', mimeType: 'application/jsonl' } },
			credentials: credentials(),
		});
		expect(opened).toEqual(['filesystem-v2:wf/1/train', 'filesystem-v2:wf/1/train']);
		expect(server.requests[0].headers['transfer-encoding']).toBe('chunked');
		expect(server.requests[0].body.file).toEqual({ filename: 'train.jsonl', type: 'application/jsonl', size: Buffer.byteLength(GOOD), content: Buffer.from(GOOD) });
		expect(output[0].json).toMatchObject({ filename: 'train.jsonl', bytes: Buffer.byteLength(GOOD) });
	});

	test('with Validate JSONL off the stored file is read only once, to send it', async () => {
		const content = Buffer.from('not json at all\n');
		const { opened } = await runNodeWithStore({
			parameters: upload({ validateJsonl: false }),
			items: [{ json: {}, binary: { data: storedBinary('f', { content, fileName: 'x.jsonl', mimeType: 'application/jsonl' }) } }],
			files: { f: { content, fileName: 'x.jsonl', mimeType: 'application/jsonl' } },
			credentials: credentials(),
		});
		expect(opened).toHaveLength(1);
		expect(server.requests[0].body.file.content).toEqual(content);
	});

	test('a JSONL with a bad line is refused naming the first bad line, and Continue On Fail uploads the others', async () => {
		const bad = jsonl(line('one'), line('two'), '{"messages": [', line('four'));
		const { output } = await runNode({
			parameters: upload(),
			items: [
				{ json: {}, binary: { data: binaryFrom(GOOD, 'a.jsonl', 'application/jsonl') } },
				{ json: {}, binary: { data: binaryFrom(bad, 'b.jsonl', 'application/jsonl') } },
				{ json: {}, binary: { data: binaryFrom(GOOD, 'c.jsonl', 'application/jsonl') } },
			],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(3);
		expect(output[0].json.filename).toBe('a.jsonl');
		expect(output[1].json.error).toMatch(/^Line 3 of 'b\.jsonl' is not valid JSON \(/);
		expect(output[1].json.description).toContain("Turn off 'Validate JSONL' to upload it anyway");
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.filename).toBe('c.jsonl');
		expect(server.requests.map((r) => r.body.file.filename)).toEqual(['a.jsonl', 'c.jsonl']);
	});

	test('a line without messages is found while streaming, across chunk borders and split UTF-8 characters', async () => {
		const content = Buffer.from(jsonl(line('å ä ö €'), line('ünïcödé'), '{"prompt": "old format", "completion": "x"}', line('end')));
		const error = await runNodeWithStoreExpectingError({
			parameters: upload(),
			items: [{ json: {}, binary: { data: storedBinary('f', { content, fileName: 'train.jsonl', mimeType: 'application/jsonl' }) } }],
			files: { f: { content, fileName: 'train.jsonl', mimeType: 'application/jsonl' } },
			chunkSize: 3,
			credentials: credentials(),
		});
		expect(error.message).toBe("Line 3 of 'train.jsonl' has no 'messages'");
		expect(server.requests).toHaveLength(0);
	});

	test('a blank line between entries is a bad line; blank lines at the end are not', async () => {
		const error = await runNodeExpectingError({
			parameters: upload(),
			items: [{ json: {}, binary: { data: binaryFrom(`${line('a')}\n\n${line('b')}\n`, 't.jsonl', 'application/jsonl') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe("Line 2 of 't.jsonl' is blank");
		await runNode({
			parameters: upload(),
			items: [{ json: {}, binary: { data: binaryFrom(`\uFEFF${line('a')}\r\n${line('b')}\r\n\r\n`, 't.jsonl', 'application/jsonl') } }],
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
	});

	test('a line that is not an object, an empty messages list and an empty file are each refused', async () => {
		const cases: Array<[string, string]> = [
			[`${line('a')}\n[1, 2]\n`, "Line 2 of 't.jsonl' is not a JSON object"],
			[`{"messages": []}\n`, "Line 1 of 't.jsonl' has a 'messages' that is not a non-empty list"],
			['\n\n', "Line 1 of 't.jsonl' is missing: the file has no entries"],
		];
		for (const [content, message] of cases) {
			const error = await runNodeExpectingError({
				parameters: upload(),
				items: [{ json: {}, binary: { data: binaryFrom(content, 't.jsonl', 'application/jsonl') } }],
				credentials: credentials(),
			});
			expect(error.message).toBe(message);
		}
		expect(server.requests).toHaveLength(0);
	});

	test('DPO lines (input.messages) pass the check', async () => {
		const dpo = jsonl(JSON.stringify({ input: { messages: [{ role: 'user', content: 'hi' }] }, preferred_output: [{ role: 'assistant', content: 'hello' }], non_preferred_output: [{ role: 'assistant', content: 'meh' }] }));
		await runNode({
			parameters: upload(),
			items: [{ json: {}, binary: { data: binaryFrom(dpo, 'dpo.jsonl', 'application/jsonl') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.file.content.toString()).toBe(dpo);
	});

	test('a fine-tuning file whose name does not end in .jsonl is refused, and File Name fixes it', async () => {
		const error = await runNodeExpectingError({
			parameters: upload(),
			items: [{ json: {}, binary: { data: binaryFrom(GOOD, 'train.txt', 'text/plain') } }],
			credentials: credentials(),
		});
		expect(error.message).toBe("The file name 'train.txt' does not end in .jsonl");
		expect(error.description).toContain('Options → File Name');
		await runNode({
			parameters: upload({ options: { fileName: 'renamed.jsonl' } }),
			items: [{ json: {}, binary: { data: binaryFrom(GOOD, 'train.txt', 'text/plain') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.file).toMatchObject({ filename: 'renamed.jsonl', type: 'text/plain' });
	});

	test('a file over 512 MB is refused before anything is read or sent', async () => {
		const content = Buffer.from(GOOD);
		const files = { big: { content, fileName: 'big.jsonl', mimeType: 'application/jsonl', reportedBytes: 600 * 1024 * 1024 } };
		const { output, opened } = await runNodeWithStore({
			parameters: upload(),
			items: [{ json: {}, binary: { data: storedBinary('big', files.big) } }, { json: {}, binary: { data: binaryFrom(GOOD, 'ok.jsonl', 'application/jsonl') } }],
			files,
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe("The file in 'Input Binary Field' (binary property 'data') is 600 MB, over OpenAI's limit per file of 512 MB");
		expect(output[1].json.filename).toBe('ok.jsonl');
		expect(opened).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	test('other purposes are not checked as JSONL; expiry and additional body fields are sent as form fields', async () => {
		const { output } = await runNode({
			parameters: upload({
				purpose: 'user_data',
				binaryPropertyName: 'doc',
				options: { expiresAfterSeconds: 3600, additionalBodyFields: '{"extra": "yes"}' },
			}),
			items: [{ json: {}, binary: { doc: binaryFrom('%PDF-1.4 …', 'report.pdf', 'application/pdf') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			purpose: 'user_data',
			'expires_after[anchor]': 'created_at',
			'expires_after[seconds]': '3600',
			extra: 'yes',
			file: { filename: 'report.pdf', type: 'application/pdf', size: Buffer.byteLength('%PDF-1.4 …'), content: Buffer.from('%PDF-1.4 …') },
		});
		expect(output[0].json).toMatchObject({ purpose: 'user_data', expires_at: 1700000001 + 3600 });
	});

	test('a missing binary property and an expiry out of range are refused before sending', async () => {
		const { output } = await runNode({
			parameters: upload({ options: (i: number) => ({ expiresAfterSeconds: i === 1 ? 60 : 7200 }) }),
			items: [{ json: {} }, { json: {}, binary: { data: binaryFrom(GOOD, 'a.jsonl', 'application/jsonl') } }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe("The field 'Input Binary Field' names the binary property 'data', which the input item does not have");
		expect(output[1].json.error).toBe("The field 'Expires After (Seconds)' must be between 3600 and 2592000 (got 60)");
		expect(server.requests).toHaveLength(0);
	});

	test('a streamed upload that meets a 503 is sent again with the file opened anew', async () => {
		const content = Buffer.from(GOOD);
		server.queueFault({ status: 503, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'busy', type: 'server_error' } } });
		const { output, opened } = await runNodeWithStore({
			parameters: upload({ validateJsonl: false }),
			items: [{ json: {}, binary: { data: storedBinary('f', { content, fileName: 'a.jsonl', mimeType: 'application/jsonl' }) } }],
			files: { f: { content, fileName: 'a.jsonl', mimeType: 'application/jsonl' } },
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(2);
		expect(opened).toHaveLength(2);
		expect(server.requests[1].body.file.content).toEqual(content);
		expect(output[0].json.id).toBe('file-000001');
	});

	test('a 20 MB stored JSONL arrives whole: the fake server measures big bodies instead of keeping them', async () => {
		const lineText = `${line('x'.repeat(200))}\n`;
		const count = Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(lineText));
		const content = Buffer.from(lineText.repeat(count));
		const { output } = await runNodeWithStore({
			parameters: upload(),
			items: [{ json: {}, binary: { data: storedBinary('big', { content, fileName: 'big.jsonl', mimeType: 'application/jsonl' }) } }],
			files: { big: { content, fileName: 'big.jsonl', mimeType: 'application/jsonl' } },
			chunkSize: 64 * 1024,
			credentials: credentials(),
		});
		const received = server.requests[0];
		expect(received.rawBody).toHaveLength(0);
		expect(received.bodySize).toBeGreaterThan(content.length);
		expect(received.body.purpose).toBe('fine-tune');
		expect(received.body.file).toMatchObject({
			filename: 'big.jsonl',
			type: 'application/jsonl',
			size: content.length,
			lines: count,
			sha256: crypto.createHash('sha256').update(content).digest('hex'),
			streamed: true,
		});
		expect(output[0].json.bytes).toBe(content.length);
	});
});
