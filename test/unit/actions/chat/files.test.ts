import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode } from '../../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../../support/storedBinaries';

const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n';
const dataUrl = (text: string) => `data:application/pdf;base64,${Buffer.from(text).toString('base64')}`;

describe('Chat → Create Completion: Files (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const parameters = (files: unknown[], extra: Record<string, unknown> = {}) => ({
		resource: 'chat',
		operation: 'createCompletion',
		messages: { values: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Summarize' }] },
		messageFiles: { file: files },
		...extra,
	});

	test('a PDF from a binary field and a file ID join the last user message as file parts, with the file name', async () => {
		await runNode({
			typeVersion: 2,
			parameters: parameters([
				{ source: 'binary', binaryPropertyName: 'doc', fileName: 'renamed' },
				{ source: 'fileId', fileId: ' file-abc123 ' },
			]),
			items: [{ json: {}, binary: { doc: binaryFrom(PDF, 'scan.bin', 'application/octet-stream') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.messages).toEqual([
			{ role: 'system', content: 'Be brief.' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Summarize' },
					{ type: 'file', file: { file_data: dataUrl(PDF), filename: 'renamed.pdf' } },
					{ type: 'file', file: { file_id: 'file-abc123' } },
				],
			},
		]);
	});

	test('a file that is not a PDF, an empty file ID, a missing field and a file over 50 MB are refused naming the field and item', async () => {
		const { output } = await runNode({
			typeVersion: 2,
			parameters: parameters([], {
				messageFiles: (i: number) => ({
					file: [
						[{ source: 'binary', binaryPropertyName: 'data' }],
						[{ source: 'fileId', fileId: '' }],
						[{ source: 'binary', binaryPropertyName: 'nope' }],
					][i],
				}),
			}),
			items: [
				{ json: {}, binary: { data: binaryFrom('hello', 'notes.txt', 'text/plain') } },
				{ json: {} },
				{ json: {}, binary: { data: binaryFrom(PDF, 'a.pdf', 'application/pdf') } },
			],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.error)).toEqual([
			"The file in 'Input Binary Field (Files, file 1)' ('notes.txt', MIME type 'text/plain') is not a PDF",
			"The field 'File ID' (Files, file 1) is empty",
			"The field 'Input Binary Field (Files, file 1)' names the binary property 'nope', which the input item does not have",
		]);
		expect(output[0].json.description).toContain('Response → Create');
		expect(output[2].json.description).toContain('Item 3 (index 2)');
		expect(server.requests).toHaveLength(0);
	});

	test('a stored file over 50 MB (by its metadata) is refused before it is read', async () => {
		const big = { content: Buffer.from(PDF), fileName: 'big.pdf', mimeType: 'application/pdf', reportedBytes: 51 * 1024 * 1024 };
		const { output, opened } = await runNodeWithStore({
			typeVersion: 2,
			parameters: parameters([{ source: 'binary', binaryPropertyName: 'data' }]),
			items: [{ json: {}, binary: { data: storedBinary('big', big) } }],
			files: { big },
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe(
			"The file in 'Input Binary Field (Files, file 1)' (binary property 'data') is 51 MB, over OpenAI's limit per file input of 50 MB",
		);
		expect(opened).toEqual([]);
		expect(server.requests).toHaveLength(0);
	});

	test('without a user message the files have nowhere to go; version 1 has no Files field', async () => {
		const { output } = await runNode({
			typeVersion: 2,
			parameters: parameters([{ source: 'fileId', fileId: 'file-1' }], { messages: { values: [{ role: 'system', content: 'Hi' }] } }),
			items: [{ json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe("The field 'Files' needs a user message to go with: add one to 'Messages'");
		await runNode({ parameters: parameters([]), items: [{ json: {} }], credentials: credentials() });
		expect(server.requests[0].body.messages[1]).toEqual({ role: 'user', content: 'Summarize' });
	});
});
