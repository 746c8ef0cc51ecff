import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { seedFile } from './seed';

describe('File → Delete', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test('deletes the file by ID; an unknown or empty ID fails that item only', async () => {
		const id = seedFile(server, 'a.jsonl', 'fine-tune');
		const keep = seedFile(server, 'b.jsonl', 'fine-tune');
		const fileIds = [id, 'file-gone', ''];
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'delete', fileId: (i: number) => fileIds[i] },
			items: fileIds.map(() => ({ json: {} })),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output.map((item) => item.json)).toEqual([
			{ id, object: 'file', deleted: true },
			expect.objectContaining({ error: 'No such File object: file-gone', status: 404 }),
			expect.objectContaining({ error: "The field 'File ID' is empty", status: null }),
		]);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/files/${id}`, 'DELETE /v1/files/file-gone']);
		expect(server.state.files.map((file: { id: string }) => file.id)).toEqual([keep]);
	});
});
