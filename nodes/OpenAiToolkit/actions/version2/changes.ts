import type { INodeProperties } from 'n8n-workflow';

import type { ModelKind } from '../../helpers/fields';

/**
 * What version 2 changes in the parameters, as data: actions/version2/description.ts applies it to the
 * version 1 description, actions/version2/parameters.ts lets operations read version 2 nodes by their version 1
 * names. Operations therefore have one code path for both versions. Fields version 2 adds are in additions.ts.
 */

/**
 * Every resource used to call its model field `model`, so n8n kept the value when the user switched resource
 * (Chat's gpt-4o-mini sent to Image → Generate). In version 2 each kind of model has a field of its own.
 */
export const MODEL_PARAMETER: Record<Exclude<ModelKind, 'any'>, string> = {
	chat: 'chatModel',
	completion: 'completionModel',
	embedding: 'embeddingModel',
	moderation: 'moderationModel',
	image: 'imageModel',
	imageEdit: 'imageEditModel',
	imageVariation: 'imageVariationModel',
	transcription: 'transcriptionModel',
	translation: 'translationModel',
	speech: 'speechModel',
	fineTunable: 'baseModel',
};

/** Top-level fields that version 2 moves into an operation's Options collection (they are rarely set). */
export const MOVED_INTO_OPTIONS: Array<{ resource: string; operation: string; fields: string[]; into: string }> = [
	{ resource: 'embedding', operation: 'create', fields: ['user', 'limit'], into: 'options' },
	{ resource: 'response', operation: 'create', fields: ['functionTools'], into: 'responseOptions' },
];

/** Operations whose answer is a text: version 2 outputs it first and, with Simplify Output (on), little else. */
export const SIMPLIFIED_OPERATIONS: Array<{ resource: string; operation: string }> = [
	{ resource: 'chat', operation: 'createCompletion' },
	{ resource: 'completion', operation: 'create' },
	{ resource: 'edit', operation: 'create' },
	{ resource: 'response', operation: 'create' },
];

/**
 * Fields version 2 gives a picker: same name, now a resource locator (From List / By ID); operations read the
 * ID as before. The replacement keeps the display name and description of the field it replaces.
 */
export const PICKERS: Array<{ resource: string; operation: string; field: string; searchListMethod: string; placeholder: string }> = [
	{ resource: 'fineTuningJob', operation: 'create', field: 'trainingFileId', searchListMethod: 'searchFiles_fineTune', placeholder: 'file-abc123' },
];

/**
 * Fields of each entry of a list (a fixed collection) that version 2 tucks into a per-entry collection, and
 * fields it shows only when they apply: every chat message used to show Name and an Images list, although few
 * set a name and only user messages take images. (A list inside a collection inside a list is more than n8n
 * resolves, so Images stays in the entry.)
 */
export const ENTRY_OPTIONS: Array<{
	list: string;
	group: string;
	fields: string[];
	into: INodeProperties;
	shownWhen: Record<string, Record<string, string[]>>;
}> = [
	{
		list: 'messages',
		group: 'values',
		fields: ['name'],
		into: {
			displayName: 'Message Options',
			name: 'messageOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [],
		},
		shownWhen: { images: { role: ['user'] } },
	},
];

/** Operations version 2 no longer lists under a resource because another resource has them. */
export const HIDDEN_OPERATIONS: Array<{ resource: string; operation: string; useInstead: string }> = [
	{ resource: 'fineTuningJob', operation: 'deleteModel', useInstead: 'Model → Delete' },
];
