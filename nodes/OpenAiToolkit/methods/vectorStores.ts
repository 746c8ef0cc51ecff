import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { buildClient, getToolkitCredentials } from '../transport/client';

/** How many vector stores one page of the picker asks for (OpenAI's page maximum). */
const PAGE_SIZE = 100;

/**
 * The vector store picker: one page of GET /vector_stores at a time (newest first), filtered by name or ID;
 * n8n asks for the next page with the cursor it is handed back.
 */
async function searchVectorStores(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = buildClient(await getToolkitCredentials(this));
	const page = await client.vectorStores.list({ limit: PAGE_SIZE, ...(paginationToken ? { after: paginationToken } : {}) });
	const needle = filter?.trim().toLowerCase();
	const results = page.data
		.filter((store) => !needle || `${store.name ?? ''} ${store.id}`.toLowerCase().includes(needle))
		.map((store) => ({ name: store.name ? `${store.name} (${store.id})` : store.id, value: store.id }));
	const last = page.data[page.data.length - 1];
	return { results, paginationToken: page.has_more && last ? last.id : undefined };
}

export const vectorStoreSearch = { searchVectorStores };
