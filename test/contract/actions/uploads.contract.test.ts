import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { LARGE_UPLOAD } from '../../../nodes/OpenAiToolkit/actions/file/largeUpload';
import { startFakeOpenAi } from '../../support/fake-openai';
import { binaryFrom, runNode } from '../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../support/storedBinaries';
import { expectAllConform, useContractProxy } from '../support';

// Prism's first /responses request takes a few seconds.
jest.setTimeout(60_000);

// The sizes are lowered as in the unit tests (a "large" file is over 100 bytes, parts are 64 bytes). The spec's
// CreateUploadRequest lists only the purposes assistants, batch, fine-tune and vision: fine-tune here.
const saved = { ...LARGE_UPLOAD };
const JSONL = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n';
const content = Buffer.from(JSONL.repeat(3));
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n';
const SPEC = path.resolve(__dirname, '../openai-openapi.yaml');

describe('contract: the Uploads API and file inputs (version 2) against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	beforeAll(() => {
		Object.assign(LARGE_UPLOAD, { thresholdBytes: 100, partBytes: 64, concurrency: 2 });
	});
	afterAll(() => {
		Object.assign(LARGE_UPLOAD, saved);
	});
	const upload = (file: { content: Buffer; fileName: string; mimeType: string; reportedBytes?: number }, options = {}) =>
		runNodeWithStore({
			typeVersion: 2,
			parameters: { resource: 'file', operation: 'upload', purpose: 'fine-tune', options },
			items: [{ json: {}, binary: { data: storedBinary('big', file) } }],
			files: { big: file },
			chunkSize: 50,
			continueOnFail: true,
			credentials: credentials(),
		});
	const calls = () => proxy.records.map((record) => `${record.method} ${record.path.replace(/\/uploads\/[^/]+\//, '/uploads/{id}/')}`);
	const partCount = Math.ceil(content.length / 64);

	test('File → Upload over the threshold: POST /uploads, the parts, complete with the part IDs and MD5 (then cancel)', async () => {
		const { output } = await upload(
			{ content, fileName: 'train.jsonl', mimeType: 'application/jsonl' },
			{ md5: crypto.createHash('md5').update(content).digest('hex'), expiresAfterSeconds: 3600 },
		);
		// Prism answers the complete with a generated Upload: status 'pending' and no `file` (optional in the spec).
		// The node reports that and cancels the upload, so every request of the Uploads API is checked here.
		expect(output[0].json.error).toBe("The upload string ended with status 'pending' and no file");
		expect(calls()).toEqual([
			'POST /uploads',
			...Array<string>(partCount).fill('POST /uploads/{id}/parts'),
			'POST /uploads/{id}/complete',
			'POST /uploads/{id}/cancel',
		]);
		expectAllConform(proxy.records, partCount + 3);
	});

	test('File → Upload whose binary is shorter than its metadata says: the upload is cancelled', async () => {
		const { output } = await upload({ content, fileName: 'train.jsonl', mimeType: 'application/octet-stream', reportedBytes: content.length + 10 });
		expect(output[0].json.error).toMatch(/holds \d+ bytes, not the \d+/);
		expect(calls()[0]).toBe('POST /uploads');
		expect(calls().at(-1)).toBe('POST /uploads/{id}/cancel');
		expect(calls()).not.toContain('POST /uploads/{id}/complete');
		expectAllConform(proxy.records, partCount + 2);
	});

	test('Chat → Create Completion with a PDF from a binary field and a file ID as file parts', async () => {
		const { output } = await runNode({
			typeVersion: 2,
			parameters: {
				resource: 'chat',
				operation: 'createCompletion',
				messages: { values: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Summarize' }] },
				messageFiles: { file: [{ source: 'binary', binaryPropertyName: 'doc', fileName: 'report' }, { source: 'fileId', fileId: 'file-abc123' }] },
			},
			items: [{ json: {}, binary: { doc: binaryFrom(PDF, 'scan.bin', 'application/octet-stream') } }],
			credentials: credentials(),
		});
		expect(output[0].json.error).toBeUndefined();
		expect(output[0].json).toHaveProperty('text');
		expectAllConform(proxy.records, 1);
	});

	test('Response → Create with a PDF from a binary field, a file ID and a file URL as input_file parts', async () => {
		const { output } = await runNode(responseRun(proxy.url));
		// As for images (response.contract.test.ts): Prism refuses a user message with a content list, as the spec's
		// InputItem is a oneOf of EasyInputMessage and Item (InputMessage) and such a message is valid for both.
		// Nothing else is wrong with the request:
		expect(output[0].json.error).toBe('422 status code (no body)');
		expect(proxy.records).toHaveLength(1);
		expect(proxy.records[0]).toMatchObject({ method: 'POST', path: '/responses', status: 422 });
		const parsed = JSON.parse(proxy.records[0].violations!.replace(/^Too many violations! /, ''));
		const violations = (Array.isArray(parsed) ? parsed : parsed.validation) as Array<{ message: string }>;
		expect(violations.map((v) => v.message).sort()).toEqual([
			'Request body property input must be string',
			'Request body property input must match exactly one schema in oneOf',
			'Request body property input.0 must match exactly one schema in oneOf',
		]);

		// …and the spec's own schemas, checked directly, accept the message as each of the two and every part as an
		// Input file. The body is the one the node sends, as recorded by the project's fake server.
		const fake = await startFakeOpenAi();
		try {
			await runNode(responseRun(fake.url));
			const message = JSON.parse(JSON.stringify(fake.requests[0].body.input[0]));
			const schema = specSchemas();
			expect(schema('EasyInputMessage')(message)).toBe(true);
			expect(schema('InputMessage')(message)).toBe(true);
			const files = message.content.filter((part: { type: string }) => part.type === 'input_file');
			expect(files.map((part: object) => Object.keys(part).sort())).toEqual([
				['file_data', 'filename', 'type'],
				['file_id', 'type'],
				['file_url', 'type'],
			]);
			for (const part of files) expect(schema('InputFileContent')(part)).toBe(true);
		} finally {
			await fake.close();
		}
	});
});

/** Response → Create (version 2) with three files, against the given Base URL. */
function responseRun(baseUrl: string) {
	return {
		typeVersion: 2 as const,
		parameters: {
			resource: 'response',
			operation: 'create',
			inputText: 'What does this say?',
			inputFiles: {
				file: [
					{ source: 'binary', binaryPropertyName: 'doc' },
					{ source: 'fileId', fileId: 'file-abc123' },
					{ source: 'url', fileUrl: 'https://example.com/report.pdf' },
				],
			},
		},
		items: [{ json: {}, binary: { doc: binaryFrom(PDF, 'letter.pdf', 'application/pdf') } }],
		continueOnFail: true,
		credentials: { baseUrl },
	};
}

/** A validator for a schema of the vendored spec's components. */
function specSchemas(): (name: string) => (data: unknown) => boolean {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const yaml = require('js-yaml') as { load(text: string): { components: object } };
	const Ajv2020 = require('ajv/dist/2020').default as new (options: object) => {
		addSchema(schema: object): void;
		getSchema(ref: string): (data: unknown) => boolean;
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	const ajv = new Ajv2020({ strict: false, validateFormats: false });
	ajv.addSchema({ $id: 'spec', components: yaml.load(fs.readFileSync(SPEC, 'utf8')).components });
	return (name) => ajv.getSchema(`spec#/components/schemas/${name}`)!;
}
