import { binaryFrom, runNode } from '../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../support/storedBinaries';
import { expectAllConform, useContractProxy } from '../support';

const JSONL = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n';

describe('contract: File against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('File → Upload from memory, with expiry', async () => {
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'upload', purpose: 'fine-tune', options: { expiresAfterSeconds: 3600 } },
			items: [{ json: {}, binary: { data: binaryFrom(JSONL, 'train.jsonl', 'application/jsonl') } }],
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('file');
		expectAllConform(proxy.records, 1);
	});

	test('File → Upload streamed from the binary store (chunked multipart)', async () => {
		const content = Buffer.from(JSONL.repeat(50));
		const { output } = await runNodeWithStore({
			parameters: { resource: 'file', operation: 'upload', purpose: 'batch' },
			items: [{ json: {}, binary: { data: storedBinary('f', { content, fileName: 'in.jsonl', mimeType: 'application/jsonl' }) } }],
			files: { f: { content, fileName: 'in.jsonl', mimeType: 'application/jsonl' } },
			chunkSize: 1000,
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('file');
		expectAllConform(proxy.records, 1);
	});

	test('File → List with purpose, order and a limit', async () => {
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'list', limit: 5, options: { purpose: 'fine-tune', order: 'asc' } },
			credentials: credentials(),
		});
		expect(output.length).toBeGreaterThan(0);
		expectAllConform(proxy.records);
	});

	test('File → Retrieve', async () => {
		const { output } = await runNode({ parameters: { resource: 'file', operation: 'retrieve', fileId: 'file-abc123' }, credentials: credentials() });
		expect(output[0].json.object).toBe('file');
		expectAllConform(proxy.records, 1);
	});

	test('File → Retrieve Content', async () => {
		const { output } = await runNode({ parameters: { resource: 'file', operation: 'retrieveContent', fileId: 'file-abc123' }, credentials: credentials() });
		expect(output[0].binary?.data).toBeDefined();
		expectAllConform(proxy.records, 2);
	});

	test('File → Delete', async () => {
		const { output } = await runNode({ parameters: { resource: 'file', operation: 'delete', fileId: 'file-abc123' }, credentials: credentials() });
		expect(output[0].json).toHaveProperty('deleted');
		expectAllConform(proxy.records, 1);
	});
	test('a multipart upload that breaks the spec is caught (the check itself works)', async () => {
		await runNode({
			parameters: { resource: 'file', operation: 'upload', purpose: 'not-a-purpose' },
			items: [{ json: {}, binary: { data: binaryFrom(JSONL, 'train.jsonl', 'application/jsonl') } }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(proxy.records).toHaveLength(1);
		expect(proxy.records[0].violations).toContain('purpose');
	});
});
