import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { seedFile } from './seed';

describe('File → Retrieve Content', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test("downloads the bytes as binary data with the file's own name and a MIME type from its extension", async () => {
		const content = '{"custom_id": "1"}\n{"custom_id": "2"}\n';
		const id = seedFile(server, 'batch_results.jsonl', 'batch_output', content);
		const { output, written } = await runNode({
			parameters: { resource: 'file', operation: 'retrieveContent', fileId: id },
			credentials: credentials(),
		});
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/files/${id}`, `GET /v1/files/${id}/content`]);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id, filename: 'batch_results.jsonl', purpose: 'batch_output', bytes: content.length });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const binary = output[0].binary!.data;
		expect(binary).toMatchObject({ fileName: 'batch_results.jsonl', mimeType: 'application/jsonl', fileExtension: 'jsonl' });
		expect(Buffer.from(binary.data, 'base64').toString()).toBe(content);
		expect(written).toHaveLength(1);
	});

	test.each([
		['report.pdf', 'application/pdf'],
		['chart.png', 'image/png'],
		['data.csv', 'text/csv'],
		['notes.txt', 'text/plain'],
		['config.json', 'application/json'],
		['blob.xyz', 'application/octet-stream'],
	])('%s comes out as %s', async (filename, mimeType) => {
		const id = seedFile(server, filename, 'user_data', Buffer.from([0, 1, 2, 255]));
		const { output } = await runNode({ parameters: { resource: 'file', operation: 'retrieveContent', fileId: id }, credentials: credentials() });
		expect(output[0].binary!.data).toMatchObject({ fileName: filename, mimeType });
		expect(Buffer.from(output[0].binary!.data.data, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
	});

	test('the output field and the file name can be chosen; the MIME type follows the chosen name', async () => {
		const id = seedFile(server, 'file', 'assistants', 'a,b\n1,2\n');
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'retrieveContent', fileId: id, binaryPropertyOutput: 'sheet', options: { fileName: 'table.csv' } },
			credentials: credentials(),
		});
		expect(Object.keys(output[0].binary!)).toEqual(['sheet']);
		expect(output[0].binary!.sheet).toMatchObject({ fileName: 'table.csv', mimeType: 'text/csv' });
	});

	test('an unknown file fails that item only under Continue On Fail', async () => {
		const id = seedFile(server, 'a.txt', 'user_data', 'hello');
		const fileIds = ['file-missing', id];
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'retrieveContent', fileId: (i: number) => fileIds[i] },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json).toMatchObject({ error: 'No such File object: file-missing', status: 404 });
		expect(output[0].binary).toBeUndefined();
		expect(output[1].binary!.data).toMatchObject({ fileName: 'a.txt', mimeType: 'text/plain' });
	});
});
