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
	imageEdit: /^(dall-e-2|gpt-image)/,
	imageVariation: /^dall-e-2/,
	transcription: /^(whisper|gpt-4o(-mini)?-transcribe)/,
	translation: /^whisper/,
	speech: /^(tts-|gpt-4o(-mini)?-tts)/,
	fineTunable: /^(gpt-4o|gpt-4\.1|gpt-3\.5-turbo|o4-mini|davinci-002|babbage-002)/,
};

/** Who owns OpenAI's own models in GET /models (`owned_by`); a fine-tuned model is owned by its organization. */
const OPENAI_OWNERS = new Set(['openai', 'system', 'openai-internal', 'openai-dev']);

/**
 * The models that suit an operation. The kind filter applies on api.openai.com and on any server that lists
 * OpenAI's own models (a proxy in front of OpenAI); other servers name their models freely, so they see all.
 */
export function filterModelIds(
	ids: string[],
	kind: ModelKind,
	baseUrl: string,
	search?: string,
	listsOpenAiModels = false,
): string[] {
	const pattern = kind !== 'any' && (listsOpenAiModels || isOpenAiBaseUrl(baseUrl)) ? MODEL_KIND_PATTERNS[kind] : undefined;
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
		let listsOpenAiModels = false;
		for await (const model of client.models.list()) {
			ids.push(model.id);
			if (OPENAI_OWNERS.has(String(model.owned_by))) listsOpenAiModels = true;
		}
		const results = filterModelIds(ids, kind, client.toolkitBaseUrl, filter, listsOpenAiModels).map((id) => ({
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
	searchModels_imageEdit: searchModelsOf('imageEdit'),
	searchModels_imageVariation: searchModelsOf('imageVariation'),
	searchModels_transcription: searchModelsOf('transcription'),
	searchModels_translation: searchModelsOf('translation'),
	searchModels_speech: searchModelsOf('speech'),
	searchModels_fineTunable: searchModelsOf('fineTunable'),
};
