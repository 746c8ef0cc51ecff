import { binaryFrom, runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

const STORE = { __rl: true, mode: 'id', value: 'vs_abc123' };

describe('contract: Vector Store File against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const run = async (operation: string, parameters: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
		await runNode({
			typeVersion: 2,
			parameters: { resource: 'vectorStoreFile', operation, vectorStoreId: STORE, ...parameters },
			credentials: credentials(),
			...more,
		});

	test('Vector Store File → Add a file ID with attributes and static chunking', async () => {
		const { output } = await run('add', {
			fileId: 'file-abc123',
			chunkingStrategy: 'static',
			maxChunkSizeTokens: 800,
			chunkOverlapTokens: 400,
			options: { attributes: '{"region": "eu", "year": 2025, "public": true}' },
		});
		expect(output[0].json.object).toBe('vector_store.file');
		expectAllConform(proxy.records, 1);
	});

	test('Vector Store File → Add a binary file: multipart upload (purpose assistants), then the add', async () => {
		await run('add', { fileSource: 'binary' }, { items: [{ json: {}, binary: { data: binaryFrom('%PDF-1.4 tiny', 'tiny.pdf', 'application/pdf') } }] });
		expect(proxy.records.map((record) => `${record.method} ${record.path}`)).toEqual(['POST /files', 'POST /vector_stores/vs_abc123/files']);
		expectAllConform(proxy.records, 2);
	});

	test('Vector Store File → Add Many: file_ids with shared attributes, then the batch files', async () => {
		await run('addMany', { fileId: (i: number) => `file-${i}`, options: { attributes: '{"source": "crm"}' } }, { items: [{ json: {} }, { json: {} }] });
		expectAllConform(proxy.records, 2);
	});

	test('Vector Store File → Add Many: per-file entries when items differ', async () => {
		await run(
			'addMany',
			{ fileId: (i: number) => `file-${i}`, options: (i: number) => ({ attributes: JSON.stringify({ n: i }) }), chunkingStrategy: 'static' },
			{ items: [{ json: {} }, { json: {} }] },
		);
		expectAllConform(proxy.records, 2);
	});

	test('Vector Store File → List with a status filter, order and limit', async () => {
		await run('list', { returnAll: false, limit: 10, options: { filter: 'completed', order: 'asc' } });
		expectAllConform(proxy.records);
	});

	test('Vector Store File → Retrieve', async () => {
		await run('retrieve', { fileId: 'file-abc123' });
		expectAllConform(proxy.records, 1);
	});

	test('Vector Store File → Update Attributes', async () => {
		await run('updateAttributes', { fileId: 'file-abc123', attributes: '{"lang": "de", "pages": 3}' });
		expectAllConform(proxy.records, 1);
	});

	test('Vector Store File → Delete', async () => {
		await run('delete', { fileId: 'file-abc123' });
		expectAllConform(proxy.records, 1);
	});

	test('Vector Store File → Retrieve Parsed Content', async () => {
		await run('retrieveParsedContent', { fileId: 'file-abc123' });
		expectAllConform(proxy.records);
	});
});
