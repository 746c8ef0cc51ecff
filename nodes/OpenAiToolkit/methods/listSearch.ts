import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ModelKind } from '../helpers/fields';
import { buildClient, getToolkitCredentials, isOpenAiBaseUrl } from '../transport/client';

/** Which model IDs suit which operation, on api.openai.com. Other servers name their models freely. */
const MODEL_KIND_PATTERNS: Record<Exclude<ModelKind, 'any'>, RegExp> = {
	chat: /^(gpt-|o\d|chatgpt-|ft:gpt-|ft:o\d)(?!.*(instruct|realtime|audio|transcribe|tts|image|search-api))/,
	completion: /^(gpt-3\.5-turbo-instruct|davinci-002|babbage-002|ft:(davinci|babbage))/,
	embedding: /embedding/,
	moderation: /moderation/,
	image: /^(dall-e|gpt-image)/,
	transcription: /^(whisper|gpt-4o(-mini)?-transcribe)/,
	speech: /^(tts-|gpt-4o(-mini)?-tts)/,
	fineTunable: /^(gpt-4o|gpt-4\.1|gpt-3\.5-turbo|o4-mini|davinci-002|babbage-002)/,
};

export function filterModelIds(ids: string[], kind: ModelKind, baseUrl: string, search?: string): string[] {
	const pattern = kind !== 'any' && isOpenAiBaseUrl(baseUrl) ? MODEL_KIND_PATTERNS[kind] : undefined;
	const needle = search?.trim().toLowerCase();
	return ids
		.filter((id) => (pattern ? pattern.test(id) : true))
		.filter((id) => (needle ? id.toLowerCase().includes(needle) : true))
		.sort((a, b) => a.localeCompare(b));
}

function searchModelsOf(kind: ModelKind) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const credentials = await getToolkitCredentials(this);
		const client = buildClient(credentials);
		const ids: string[] = [];
		for await (const model of client.models.list()) ids.push(model.id);
		const results = filterModelIds(ids, kind, client.toolkitBaseUrl, filter).map((id) => ({
			name: id,
			value: id,
		}));
		return { results };
	};
}

export const listSearch = {
	searchModels_any: searchModelsOf('any'),
	searchModels_chat: searchModelsOf('chat'),
	searchModels_completion: searchModelsOf('completion'),
	searchModels_embedding: searchModelsOf('embedding'),
	searchModels_moderation: searchModelsOf('moderation'),
	searchModels_image: searchModelsOf('image'),
	searchModels_transcription: searchModelsOf('transcription'),
	searchModels_speech: searchModelsOf('speech'),
	searchModels_fineTunable: searchModelsOf('fineTunable'),
};
