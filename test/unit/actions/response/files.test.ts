import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode } from '../../../support/executeContext';
import { runNodeWithStore, storedBinary } from '../../../support/storedBinaries';

const PDF = '%PDF-1.7\n%%EOF\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Response → Create: Files (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const parameters = (files: unknown, extra: Record<string, unknown> = {}) => ({
		resource: 'response',
		operation: 'create',
		inputText: 'What do these say?',
		inputFiles: { file: files },
		...extra,
	});

	test('a text input becomes one user message with input_file parts: binary (PDF and CSV), file ID and URL', async () => {
		await runNode({
			typeVersion: 2,
			parameters: parameters([
				{ source: 'binary', binaryPropertyName: 'pdf' },
				{ source: 'binary', binaryPropertyName: 'csv' },
				{ source: 'fileId', fileId: 'file-xyz' },
				{ source: 'url', fileUrl: 'https://example.com/a.pdf' },
			]),
			items: [{ json: {}, binary: { pdf: binaryFrom(PDF, 'letter.pdf', 'application/pdf'), csv: binaryFrom('a,b\n1,2\n', 'table.csv', 'application/octet-stream') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.input).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'What do these say?' },
					{ type: 'input_file', filename: 'letter.pdf', file_data: `data:application/pdf;base64,${b64(PDF)}` },
					{ type: 'input_file', filename: 'table.csv', file_data: `data:text/csv;base64,${b64('a,b\n1,2\n')}` },
					{ type: 'input_file', file_id: 'file-xyz' },
					{ type: 'input_file', file_url: 'https://example.com/a.pdf' },
				],
			},
		]);
	});

	test('with messages the files join the last user message', async () => {
		await runNode({
			typeVersion: 2,
			parameters: parameters([{ source: 'fileId', fileId: 'file-1' }], {
				inputMode: 'messages',
				inputMessages: { message: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'second' }] },
			}),
			items: [{ json: {} }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.input).toEqual([
			{ role: 'user', content: 'first' },
			{ role: 'assistant', content: 'ok' },
			{ role: 'user', content: [{ type: 'input_text', text: 'second' }, { type: 'input_file', file_id: 'file-1' }] },
		]);
	});

	test('a fake PDF, a fake .docx, an image, a bad URL and files over 50 MB together are refused before sending', async () => {
		const cases: Array<[unknown[], Record<string, unknown>, string]> = [
			[[{ source: 'binary' }], { data: binaryFrom('hello', 'x.pdf', 'application/pdf') }, "The file in 'Input Binary Field (Files, file 1)' ('x.pdf', MIME type 'application/pdf') is not a PDF: its content has no PDF header"],
			[[{ source: 'binary' }], { data: binaryFrom('hello', 'x.docx', 'application/octet-stream') }, "The file in 'Input Binary Field (Files, file 1)' ('x.docx', MIME type 'application/octet-stream') is not a .docx file: its content is not a ZIP archive"],
			[[{ source: 'binary' }], { data: binaryFrom('\x89PNG', 'x.png', 'image/png') }, "The file in 'Input Binary Field (Files, file 1)' ('x.png', MIME type 'image/png') is an image"],
			[[{ source: 'url', fileUrl: 'ftp://example.com/a' }], {}, "The field 'File URL' (Files, file 1) is not an http(s) URL ('ftp://example.com/a')"],
		];
		for (const [files, binary, message] of cases) {
			const { output } = await runNode({ typeVersion: 2, parameters: parameters(files), items: [{ json: {}, binary: binary as never }], continueOnFail: true, credentials: credentials() });
			expect(output[0].json.error).toBe(message);
		}
		// Together over 50 MB: 30 MB (as the store reports it) each; the second file is refused.
		const half = { content: Buffer.from(PDF), fileName: 'a.pdf', mimeType: 'application/pdf', reportedBytes: 30 * 1024 * 1024 };
		const filler = Buffer.alloc(30 * 1024 * 1024, 32);
		const stored = { a: { ...half, content: Buffer.concat([Buffer.from(PDF), filler]).subarray(0, half.reportedBytes) }, b: { ...half, fileName: 'b.pdf', content: Buffer.concat([Buffer.from(PDF), filler]).subarray(0, half.reportedBytes) } };
		const { output } = await runNodeWithStore({
			typeVersion: 2,
			parameters: parameters([{ source: 'binary', binaryPropertyName: 'a' }, { source: 'binary', binaryPropertyName: 'b' }]),
			items: [{ json: {}, binary: { a: storedBinary('a', stored.a), b: storedBinary('b', stored.b) } }],
			files: stored,
			chunkSize: 1024 * 1024,
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe("The files in 'Files' add up to 60 MB by Files, file 2, over OpenAI's limit of 50 MB per request");
		expect(server.requests).toHaveLength(0);
	});
});
