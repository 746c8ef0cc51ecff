import type { FakeOpenAi } from '../../../support/fake-openai';

/** Puts a file into the fake server's storage the way POST /files would. */
export function seedFile(server: FakeOpenAi, filename: string, purpose: string, content: string | Buffer = 'x'): string {
	server.state.fileCounter += 1;
	const id = `file-seed${server.state.fileCounter}`;
	const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
	server.state.files.push({
		id,
		object: 'file',
		bytes: buffer.length,
		created_at: 1700000000 + server.state.fileCounter,
		filename,
		purpose,
		status: 'processed',
		expires_at: null,
		status_details: null,
		content: buffer,
	});
	return id;
}
