import type { FakeOpenAi } from '../../../support/fake-openai';
import { seedFile } from '../file/seed';

export { seedFile };

/** The vector store field in ID mode, as a saved node holds it. */
export const storeId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A text file in the fake's storage, uploaded for the Assistants API (what vector stores read). */
export function seedTextFile(server: FakeOpenAi, filename: string, text: string): string {
	return seedFile(server, filename, 'assistants', text);
}

/** A vector store holding the given (already processed) files, made through the fake's own route. */
export async function seedStore(server: FakeOpenAi, name: string, fileIds: string[] = [], attributes?: Record<string, unknown>): Promise<string> {
	const checks = server.state.vectorStoreProcessingChecks;
	server.state.vectorStoreProcessingChecks = 0;
	const store = await fetch(`${server.url}/vector_stores`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, ...(fileIds.length ? { file_ids: fileIds } : {}) }),
	}).then(async (answer) => (await answer.json()) as { id: string });
	if (attributes) {
		for (const file of server.state.vectorStoreFiles) if (file.vector_store_id === store.id) file.attributes = attributes;
	}
	server.state.vectorStoreProcessingChecks = checks;
	server.requests.length = 0;
	return store.id;
}
