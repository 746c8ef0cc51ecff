import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedFile } from './seed';

describe('File → Retrieve', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test("returns the file's metadata by File ID", async () => {
		const id = seedFile(server, 'train.jsonl', 'fine-tune', 'abc');
		const { output } = await runNode({ parameters: { resource: 'file', operation: 'retrieve', fileId: ` ${id} ` }, credentials: credentials() });
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/v1/files/${id}` });
		expect(output).toEqual([
			{
				json: { id, object: 'file', bytes: 3, created_at: 1700000001, filename: 'train.jsonl', purpose: 'fine-tune', status: 'processed', expires_at: null, status_details: null },
				pairedItem: { item: 0 },
			},
		]);
	});

	test("an unknown ID fails with OpenAI's message and status", async () => {
		const error = await runNodeExpectingError({ parameters: { resource: 'file', operation: 'retrieve', fileId: 'file-nope' }, credentials: credentials() });
		expect(error.message).toBe('No such File object: file-nope');
		expect(error.httpCode).toBe('404');
	});

	test('an empty File ID is refused before sending, and Continue On Fail keeps the other items', async () => {
		const id = seedFile(server, 'a.jsonl', 'fine-tune');
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'retrieve', fileId: (i: number) => (i === 1 ? '  ' : id) },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.error ?? item.json.id)).toEqual([id, "The field 'File ID' is empty", id]);
		expect(server.requests).toHaveLength(2);
	});
});
