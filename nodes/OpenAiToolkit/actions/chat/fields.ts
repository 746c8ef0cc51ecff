import type { INodeProperties } from 'n8n-workflow';

import { additionalBodyFieldsOption, modelField } from '../../helpers/fields';
import {
	metadataOption,
	reasoningEffortOption,
	serviceTierOption,
	structuredOutputFields,
	type StructuredOutputSpec,
} from '../../helpers/modelOptions';
import {
	frequencyPenaltyOption,
	logitBiasOption,
	numberOfChoicesOption,
	presencePenaltyOption,
	seedOption,
	stopOption,
	temperatureOption,
	topPOption,
	userOption,
} from '../../helpers/textOptions';
import { messagesFields } from './messages';

/** Chat saves its structured output under 'responseFormat' (the API's response_format). */
export const chatResponseFormat: StructuredOutputSpec = { formatName: 'responseFormat', formatDisplayName: 'Response Format' };

/** The Advanced Settings of a chat completion: every /chat/completions parameter the node has a field for. */
export const chatAdvancedSettings: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		additionalBodyFieldsOption,
		frequencyPenaltyOption,
		{
			displayName: 'Log Probabilities',
			name: 'logprobs',
			type: 'boolean',
			default: false,
			description: 'Whether to return the log probability of each output token',
		},
		logitBiasOption,
		{
			displayName: 'Max Completion Tokens',
			name: 'maxCompletionTokens',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1024,
			description: 'The most tokens the answer may use, reasoning tokens included',
		},
		metadataOption('completion', '{"project": "newsletter"}'),
		numberOfChoicesOption,
		{
			displayName: 'Parallel Tool Calls',
			name: 'parallelToolCalls',
			type: 'boolean',
			default: true,
			description: 'Whether the model may call several tools in one turn',
		},
		presencePenaltyOption,
		reasoningEffortOption,
		seedOption,
		serviceTierOption,
		stopOption,
		{
			displayName: 'Store',
			name: 'store',
			type: 'boolean',
			default: false,
			description: 'Whether OpenAI stores the completion for distillation and evals',
		},
		temperatureOption,
		{
			displayName: 'Tool Choice',
			name: 'toolChoice',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'The model decides whether to call a tool' },
				{ name: 'None', value: 'none', description: 'The model answers with a message, no tool call' },
				{ name: 'Required', value: 'required', description: 'The model must call at least one tool' },
				{ name: 'Function', value: 'function', description: 'The model must call the function named below' },
			],
			default: 'auto',
			description: 'Whether and which tool the model calls',
		},
		{
			displayName: 'Tool Choice Function Name',
			name: 'toolChoiceFunctionName',
			type: 'string',
			default: '',
			placeholder: 'e.g. get_weather',
			description: 'The function the model must call when Tool Choice is Function',
		},
		{
			displayName: 'Tools (JSON)',
			name: 'tools',
			type: 'json',
			default: '[]',
			placeholder:
				'[{"type": "function", "function": {"name": "get_weather", "description": "Current weather in a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]',
			description:
				'A JSON list of tools the model may call. A plain function definition ({"name", "description", "parameters"}) is wrapped as a function tool.',
		},
		{
			displayName: 'Top Log Probabilities',
			name: 'topLogprobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description: 'How many of the most likely tokens to return at each position (0–20); turns Log Probabilities on',
		},
		topPOption,
		userOption,
	],
};

/** Every field of Chat → Create Completion, without display options, for reuse (Batch → Create shows them too). */
export const chatCompletionFields: INodeProperties[] = [
	modelField({ kind: 'chat', defaultModel: 'gpt-4o-mini' }),
	...messagesFields,
	...structuredOutputFields(chatResponseFormat),
	chatAdvancedSettings,
];
