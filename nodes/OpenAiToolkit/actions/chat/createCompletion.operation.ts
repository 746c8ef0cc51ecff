import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type {
	ChatCompletionCreateParamsNonStreaming,
	ChatCompletionTool,
	ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';

import { checkNumber, fieldError, requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import { parseJsonObjectParameter, parseJsonParameter } from '../../helpers/json';
import {
	frequencyPenaltyOption,
	logitBiasOption,
	numberOfChoicesOption,
	presencePenaltyOption,
	readSamplingOptions,
	seedOption,
	stopOption,
	temperatureOption,
	topPOption,
	userOption,
} from '../../helpers/textOptions';
import type { OperationContext } from '../types';
import { buildMessages, messagesFields } from './messages';
import { chatCompletionOutput, refuseStreaming } from './output';

/** A response format name: letters, digits, underscores and dashes, at most 64 characters. */
const SCHEMA_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const EXAMPLE_SCHEMA = `{
  "type": "object",
  "properties": {
    "answer": { "type": "string" }
  },
  "required": ["answer"],
  "additionalProperties": false
}`;

/** The Response Format field and its JSON schema settings; Completion's chat input does not show them. */
export const responseFormatFields: INodeProperties[] = [
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'Plain text' },
			{
				name: 'JSON Object',
				value: 'json_object',
				description: 'Any valid JSON object (JSON mode); the Text output field holds the parsed object',
			},
			{
				name: 'JSON Schema',
				value: 'json_schema',
				description: 'JSON that matches the schema below (Structured Outputs); the Text output field holds the parsed object',
			},
		],
		default: 'text',
		description: 'The format the model must answer in',
	},
	{
		displayName: 'The messages must ask for JSON (e.g. "Answer in JSON"), otherwise OpenAI refuses a JSON Object request',
		name: 'jsonObjectNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseFormat: ['json_object'] } },
	},
	{
		displayName: 'Schema Name',
		name: 'jsonSchemaName',
		type: 'string',
		default: 'response',
		placeholder: 'e.g. product_summary',
		description: 'A name for the schema: letters, digits, underscores and dashes, at most 64 characters',
		displayOptions: { show: { responseFormat: ['json_schema'] } },
	},
	{
		displayName: 'Schema (JSON)',
		name: 'jsonSchema',
		type: 'json',
		default: EXAMPLE_SCHEMA,
		description: 'The JSON Schema the answer must follow',
		hint: 'With Strict on, every property must be listed in "required" and objects need "additionalProperties": false',
		displayOptions: { show: { responseFormat: ['json_schema'] } },
	},
	{
		displayName: 'Strict',
		name: 'jsonSchemaStrict',
		type: 'boolean',
		default: true,
		description: 'Whether the model must follow the schema exactly (only a subset of JSON Schema is supported then)',
		displayOptions: { show: { responseFormat: ['json_schema'] } },
	},
];

/** The Advanced Settings of a chat completion: every /chat/completions parameter the node has a field for. */
export const chatAdvancedSettings: INodeProperties = {
	displayName: 'Advanced Settings',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Setting',
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
		{
			displayName: 'Metadata (JSON)',
			name: 'metadata',
			type: 'json',
			default: '{}',
			placeholder: '{"project": "newsletter"}',
			description: 'Up to 16 key-value pairs (text values) stored with the completion, for filtering in the dashboard',
		},
		numberOfChoicesOption,
		{
			displayName: 'Parallel Tool Calls',
			name: 'parallelToolCalls',
			type: 'boolean',
			default: true,
			description: 'Whether the model may call several tools in one turn',
		},
		presencePenaltyOption,
		{
			displayName: 'Reasoning Effort',
			name: 'reasoningEffort',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Minimal', value: 'minimal' },
				{ name: 'Low', value: 'low' },
				{ name: 'Medium', value: 'medium' },
				{ name: 'High', value: 'high' },
				{ name: 'Extra High', value: 'xhigh' },
			],
			default: 'medium',
			description: 'How much reasoning models think before answering; less is faster and cheaper (reasoning models only)',
		},
		seedOption,
		{
			displayName: 'Service Tier',
			name: 'serviceTier',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: "The project's setting" },
				{ name: 'Default', value: 'default', description: 'Standard price and speed' },
				{ name: 'Flex', value: 'flex', description: 'Cheaper, slower, may be unavailable at peak times' },
				{ name: 'Priority', value: 'priority', description: 'Faster, at a higher price' },
				{ name: 'Scale', value: 'scale', description: 'Scale Tier credits' },
			],
			default: 'auto',
			description: 'The processing tier of the request',
		},
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
	...responseFormatFields,
	chatAdvancedSettings,
];

export const description: INodeProperties[] = showOnlyFor('chat', 'createCompletion', chatCompletionFields);

function readTools(context: IExecuteFunctions, itemIndex: number, value: unknown): ChatCompletionTool[] | undefined {
	const field = 'Tools (JSON)';
	const parsed = parseJsonParameter(context, value, field, itemIndex);
	if (parsed === undefined) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	if (list.length === 0) return undefined;
	return list.map((tool, index) => {
		if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
			throw fieldError(context, itemIndex, `Tool ${index + 1} in '${field}' is not an object`);
		}
		const entry = tool as IDataObject;
		if (typeof entry.type === 'string') return entry as unknown as ChatCompletionTool;
		if (typeof entry.name === 'string') return { type: 'function', function: entry } as unknown as ChatCompletionTool;
		throw fieldError(
			context,
			itemIndex,
			`Tool ${index + 1} in '${field}' has neither a "type" nor a function "name"`,
			'Expected {"type": "function", "function": {"name": …}} or a plain function definition {"name": …, "parameters": …}.',
		);
	});
}

function readMetadata(context: IExecuteFunctions, itemIndex: number, value: unknown): Record<string, string> | undefined {
	const field = 'Metadata (JSON)';
	const parsed = parseJsonObjectParameter(context, value, field, itemIndex);
	if (!parsed || Object.keys(parsed).length === 0) return undefined;
	const metadata: Record<string, string> = {};
	for (const [key, raw] of Object.entries(parsed)) {
		if (raw !== null && typeof raw === 'object') {
			throw fieldError(context, itemIndex, `The field '${field}' takes text values only; '${key}' holds an object`);
		}
		metadata[key] = String(raw);
	}
	return metadata;
}

function readToolChoice(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): ChatCompletionToolChoiceOption | undefined {
	const choice = options.toolChoice as string | undefined;
	if (!choice) return undefined;
	if (choice !== 'function') return choice as ChatCompletionToolChoiceOption;
	const name = requireText(context, itemIndex, options.toolChoiceFunctionName, 'Tool Choice Function Name').trim();
	return { type: 'function', function: { name } };
}

function readResponseFormat(
	context: IExecuteFunctions,
	itemIndex: number,
): ChatCompletionCreateParamsNonStreaming['response_format'] {
	const format = context.getNodeParameter('responseFormat', itemIndex, 'text') as string;
	if (format === 'json_object') return { type: 'json_object' };
	if (format !== 'json_schema') return undefined;
	const name = String(context.getNodeParameter('jsonSchemaName', itemIndex, 'response')).trim();
	if (!SCHEMA_NAME_PATTERN.test(name)) {
		throw fieldError(
			context,
			itemIndex,
			`The field 'Schema Name' ('${name}') may only contain letters, digits, underscores and dashes, at most 64 characters`,
		);
	}
	const schema = parseJsonObjectParameter(context, context.getNodeParameter('jsonSchema', itemIndex, ''), 'Schema (JSON)', itemIndex);
	if (!schema || Object.keys(schema).length === 0) {
		throw fieldError(context, itemIndex, "The field 'Schema (JSON)' is empty");
	}
	const strict = context.getNodeParameter('jsonSchemaStrict', itemIndex, true) as boolean;
	return { type: 'json_schema', json_schema: { name, schema, strict } };
}

/**
 * The request body of one item's chat completion: everything but the HTTP call, Additional Body Fields included.
 * Batch → Create builds its JSONL lines with it.
 */
export async function buildChatCompletionBody(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<ChatCompletionCreateParamsNonStreaming> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const messages = await buildMessages(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const body: ChatCompletionCreateParamsNonStreaming = { model, messages, ...readSamplingOptions(this, itemIndex, options) };
	const maxCompletionTokens = checkNumber(this, itemIndex, options.maxCompletionTokens, 'Max Completion Tokens', {
		min: 1,
		integer: true,
	});
	if (maxCompletionTokens !== undefined) body.max_completion_tokens = maxCompletionTokens;
	const tools = readTools(this, itemIndex, options.tools);
	if (tools) body.tools = tools;
	const toolChoice = readToolChoice(this, itemIndex, options);
	if (toolChoice) body.tool_choice = toolChoice;
	if (typeof options.parallelToolCalls === 'boolean') body.parallel_tool_calls = options.parallelToolCalls;
	if (options.reasoningEffort) body.reasoning_effort = options.reasoningEffort as ChatCompletionCreateParamsNonStreaming['reasoning_effort'];
	if (options.serviceTier) body.service_tier = options.serviceTier as ChatCompletionCreateParamsNonStreaming['service_tier'];
	if (typeof options.store === 'boolean') body.store = options.store;
	const metadata = readMetadata(this, itemIndex, options.metadata);
	if (metadata) body.metadata = metadata;
	if (typeof options.logprobs === 'boolean') body.logprobs = options.logprobs;
	const topLogprobs = checkNumber(this, itemIndex, options.topLogprobs, 'Top Log Probabilities', {
		min: 0,
		max: 20,
		integer: true,
	});
	if (topLogprobs !== undefined) {
		body.logprobs = true;
		body.top_logprobs = topLogprobs;
	}
	const responseFormat = readResponseFormat(this, itemIndex);
	if (responseFormat) body.response_format = responseFormat;
	return withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
}

/** POST /chat/completions (Fusion: Create chat completion). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = await buildChatCompletionBody.call(this, itemIndex);
	refuseStreaming(this, itemIndex, body);
	const response = await client.chat.completions.create(body);
	return [{ json: chatCompletionOutput(this, itemIndex, response, body), pairedItem: { item: itemIndex } }];
}
