import type { Sample } from '../samples';

const HANDBOOK = 'The warranty lasts two years from the day of purchase.\n\nShipping is free in the EU.';
const storeId = (value: string) => ({ __rl: true, mode: 'id', value });
// The shortest poll interval keeps the samples that wait quick.
const waiting = { waitUntilProcessed: true, processingPollInterval: 1 };

async function post(url: string, path: string, body: unknown): Promise<string> {
	const answer = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return ((await answer.json()) as { id: string }).id;
}

/** Uploads a text file for the Assistants API (what vector stores read) through the fake's own route. */
async function uploadText(url: string, filename = 'handbook.txt'): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'assistants');
	form.append('file', new Blob([HANDBOOK], { type: 'text/plain' }), filename);
	return ((await (await fetch(`${url}/files`, { method: 'POST', body: form })).json()) as { id: string }).id;
}

/** A store (with an expiry, so that field is an object, not null) holding one processed file. */
async function seedStore(url: string, withFile = true): Promise<{ store: string; file?: string }> {
	const file = withFile ? await uploadText(url) : undefined;
	const store = await post(url, '/vector_stores', {
		name: 'Handbook',
		description: 'Staff handbook',
		expires_after: { anchor: 'last_active_at', days: 7 },
		...(file ? { file_ids: [file] } : {}),
	});
	// One look at the store finishes its files on the fake server.
	await fetch(`${url}/vector_stores/${store}`);
	return { store, file };
}

/**
 * A sample whose IDs are made in prepare: the test reads the parameters after prepare, so they are filled in there.
 * `fill` gets the store and its file and returns the parameters that name them.
 */
function onStore(
	fill: (store: string, file: string) => Record<string, unknown>,
	more: { withFile?: boolean; extraFile?: boolean } = {},
): Sample {
	const parameters: Record<string, unknown> = {};
	return {
		parameters,
		prepare: async (url) => {
			const { store, file } = await seedStore(url, more.withFile ?? true);
			// A file uploaded but not yet in the store, for the operations that add one.
			const added = more.extraFile ? await uploadText(url, 'returns.txt') : file;
			Object.assign(parameters, fill(store, added ?? ''));
		},
	};
}

// The seeded IDs are not needed: every vector store sample brings its own store and files.
export function samples(): Record<string, Sample> {
	return {
		'vectorStore.create': {
			parameters: { vectorStoreName: 'Handbook', options: { description: 'Staff handbook', expiresAfterDays: 7 } },
		},
		'vectorStore.list': onStore(() => ({})),
		'vectorStore.retrieve': onStore((store) => ({ vectorStoreId: storeId(store) })),
		'vectorStore.update': onStore((store) => ({ vectorStoreId: storeId(store), options: { vectorStoreName: 'Staff handbook', expiresAfterDays: 30 } })),
		'vectorStore.delete': onStore((store) => ({ vectorStoreId: storeId(store) })),
		'vectorStore.search': onStore((store) => ({ vectorStoreId: storeId(store), query: 'How long is the warranty?' })),
		'vectorStoreFile.add': onStore((store, file) => ({ vectorStoreId: storeId(store), fileId: file, ...waiting }), { withFile: false, extraFile: true }),
		'vectorStoreFile.addMany': onStore((store, file) => ({ vectorStoreId: storeId(store), fileId: file, ...waiting }), { withFile: false, extraFile: true }),
		'vectorStoreFile.list': onStore((store) => ({ vectorStoreId: storeId(store) })),
		'vectorStoreFile.retrieve': onStore((store, file) => ({ vectorStoreId: storeId(store), fileId: file })),
		'vectorStoreFile.updateAttributes': onStore((store, file) => ({ vectorStoreId: storeId(store), fileId: file, attributes: '{}' })),
		'vectorStoreFile.delete': onStore((store, file) => ({ vectorStoreId: storeId(store), fileId: file })),
		'vectorStoreFile.retrieveParsedContent': onStore((store, file) => ({ vectorStoreId: storeId(store), fileId: file })),
	};
}
