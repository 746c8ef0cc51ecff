import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { additionalBodyFieldsOption, modelField } from '../../helpers/fields';
import { reasoningEffortOption, serviceTierOption } from '../../helpers/modelOptions';
import { responseFields } from './fields';

/** A field of Response → Create, reused as it is (same name, so a value carries over when switching operation). */
function createField(name: string): INodeProperties {
	const field = responseFields.find((property) => property.name === name);
	if (!field) throw new Error(`Response → Create has no field '${name}'`);
	return field;
}

/**
 * What Count Input Tokens and Compact send as the model's input: the fields of Response → Create, plus input
 * items as JSON (e.g. the output of Conversation Item → List or of an earlier Compact) and no input at all
 * (only a previous response or a conversation).
 */
export const requestInputFields: INodeProperties[] = [
	modelField({ kind: 'chat', defaultModel: 'gpt-4o-mini' }),
	{
		displayName: 'Input Type',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'One text prompt' },
			{ name: 'Messages', value: 'messages', description: 'A conversation of messages, with images in user messages' },
			{ name: 'Items (JSON)', value: 'json', description: 'Input items as OpenAI documents them, as a JSON list' },
			{ name: 'None', value: 'none', description: 'Only what Previous Response ID (or the conversation) holds' },
		],
		default: 'text',
		description: 'What the input is',
	},
	createField('inputText'),
	createField('inputMessages'),
	{
		displayName: 'Input Items (JSON)',
		name: 'inputItems',
		type: 'json',
		default: '[]',
		required: true,
		description:
			'The input as a JSON list of items, e.g. <code>[{"role": "user", "content": "Hello"}]</code> or the output items of an earlier response',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	createField('instructions'),
];

const previousResponseIdOption: INodeProperties = {
	displayName: 'Previous Response ID',
	name: 'previousResponseId',
	type: 'string',
	default: '',
	placeholder: 'resp_abc123',
	description: 'Start from the conversation of this stored response',
};

/** The Options of Response → Count Input Tokens (TokenCountsBody). */
export const countInputTokensOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		additionalBodyFieldsOption,
		{
			displayName: 'Conversation ID',
			name: 'conversation',
			type: 'string',
			default: '',
			placeholder: 'conv_abc123',
			description: 'Count the tokens of this conversation (its items come before the input)',
		},
		previousResponseIdOption,
		reasoningEffortOption,
		{
			displayName: 'Tools (JSON)',
			name: 'tools',
			type: 'json',
			default: '[]',
			description: 'Tools the model could use, as a JSON list in the Responses API shape; they count as input too',
		},
	],
};

/** The Options of Response → Compact (CompactResponseMethodPublicBody). */
export const compactOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		additionalBodyFieldsOption,
		previousResponseIdOption,
		{
			displayName: 'Prompt Cache Key',
			name: 'promptCacheKey',
			type: 'string',
			default: '',
			description: 'A key that groups similar requests, so that OpenAI can reuse its cache for them',
		},
		{
			...serviceTierOption,
			// Compact knows no Scale tier.
			options: (serviceTierOption.options as INodePropertyOptions[]).filter((option) => option.value !== 'scale'),
		},
	],
};
