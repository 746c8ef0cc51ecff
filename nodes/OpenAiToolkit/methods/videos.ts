import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { buildClient, getToolkitCredentials } from '../transport/client';

/** OpenAI's video models, offered even when GET /models does not list them (or cannot be read). */
export const VIDEO_MODELS = ['sora-2', 'sora-2-pro'];

/** The Video Model list: sora-2 and sora-2-pro, and every other Sora model the server lists. */
export async function searchVideoModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const ids = new Set(VIDEO_MODELS);
	try {
		const client = buildClient(await getToolkitCredentials(this));
		for await (const model of client.models.list()) if (/sora/i.test(model.id)) ids.add(model.id);
	} catch {
		// The two known models are still offered; a typed ID works as well.
	}
	const needle = filter?.trim().toLowerCase();
	const results = [...ids]
		.filter((id) => !needle || id.toLowerCase().includes(needle))
		.sort((a, b) => a.localeCompare(b))
		.map((id) => ({ name: id, value: id }));
	return { results };
}

export const videoSearch = { searchVideoModels };
