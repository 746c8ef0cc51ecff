import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { buildClient, getToolkitCredentials } from '../transport/client';

/** Newest first, as the OpenAI dashboard lists them; the picker shows a page of this many. */
const PAGE_SIZE = 100;

/** Files of one purpose for a picker ("Training File"): name and ID, filtered by the search text. */
function searchFilesOf(purpose: string) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const client = buildClient(await getToolkitCredentials(this));
		const page = await client.files.list({ purpose, limit: PAGE_SIZE, order: 'desc', ...(paginationToken ? { after: paginationToken } : {}) });
		const needle = filter?.trim().toLowerCase();
		const results = page.data
			.filter((file) => !needle || `${file.filename} ${file.id}`.toLowerCase().includes(needle))
			.map((file) => ({ name: `${file.filename} (${file.id})`, value: file.id }));
		const last = page.data[page.data.length - 1];
		return { results, paginationToken: page.hasNextPage() && last ? last.id : undefined };
	};
}

export const fileSearch = {
	searchFiles_fineTune: searchFilesOf('fine-tune'),
};
