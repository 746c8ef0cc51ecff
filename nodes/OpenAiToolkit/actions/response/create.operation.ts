import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import type { Response as OpenAiResponse, ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { binaryImageDataUrl } from '../../helpers/dataUrl';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import { parseJsonObjectParameter, parseJsonParameter } from '../../helpers/json';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { pollUntil } from '../../helpers/pollUntil';
import type { OperationContext } from '../types';

const JSON_SCHEMA_EXAMPLE = `{
  "type": "object",
  "properties": {
    "answer": { "type": "string" }
  },
  "required": ["answer"],
  "additionalProperties": false
}`;

/**
 * Every field of a Responses API request, without display options: Response → Create shows them, and
 * Batch → Create shows the same fields for its `/v1/responses` endpoint and builds each line with
 * `buildResponseBody`.
 */
export const responseFields: INodeProperties[] = [
	modelField({ kind: 'chat', defaultModel: 'gpt-4o-mini' }),
	{
		displayName: 'Input Type',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'One text prompt' },
			{ name: 'Messages', value: 'messages', description: 'A conversation of messages, with images in user messages' },
		],
		default: 'text',
		description: 'Whether the input is one text or a list of messages',
	},
	{
		displayName: 'Input',
		name: 'inputText',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Write a haiku about the sea',
		description: 'The text the model responds to',
		displayOptions: { show: { inputMode: ['text'] } },
	},
	{
		displayName: 'Messages',
		name: 'inputMessages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { message: [{ role: 'user', content: '' }] },
		description: 'The conversation, oldest message first',
		displayOptions: { show: { inputMode: ['messages'] } },
		options: [
			{
				displayName: 'Message',
				name: 'message',
				values: [
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{ name: 'Assistant', value: 'assistant', description: 'An earlier answer of the model' },
							{ name: 'Developer', value: 'developer', description: 'Instructions that take priority over user messages' },
							{ name: 'System', value: 'system', description: 'Instructions (older name of Developer)' },
							{ name: 'User', value: 'user', description: 'What the user says' },
						],
						default: 'user',
						description: 'Who says the message',
					},
					{
						displayName: 'Content',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						description: 'The text of the message',
					},
					{
						displayName: 'Image URLs',
						name: 'imageUrls',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/photo.jpg',
						description: 'Images the model looks at (user messages only): URLs, separated by commas or new lines',
					},
					{
						displayName: 'Image Binary Fields',
						name: 'imageBinaryProperties',
						type: 'string',
						default: '',
						placeholder: 'data',
						hint: 'Names of binary fields of the input item holding images, separated by commas',
						description: 'Images from the input item (user messages only), sent inline as data URLs',
					},
					{
						displayName: 'Image Detail',
						name: 'imageDetail',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto' },
							{ name: 'High', value: 'high' },
							{ name: 'Low', value: 'low' },
						],
						default: 'auto',
						description: 'How closely the model looks at the images (low is cheaper)',
					},
				],
			},
		],
	},
	{
		displayName: 'Instructions',
		name: 'instructions',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Answer in French, in at most two sentences',
		description:
			'A system (developer) message put first. Not carried over when the response continues a previous response.',
	},
	{
		displayName: 'Built-in Tools',
		name: 'builtInTools',
		type: 'collection',
		placeholder: 'Add Tool',
		default: {},
		description: "OpenAI's own tools the model may use while it answers",
		options: [
			{
				displayName: 'Code Interpreter',
				name: 'codeInterpreter',
				type: 'boolean',
				default: true,
				description: 'Whether the model may write and run Python code in a sandbox (an automatic container)',
			},
			{
				displayName: 'Code Interpreter File IDs',
				name: 'codeInterpreterFileIds',
				type: 'string',
				default: '',
				placeholder: 'file-abc123, file-def456',
				description: 'Uploaded files the code can read, separated by commas. Needs Code Interpreter.',
			},
			{
				displayName: 'File Search Max Results',
				name: 'fileSearchMaxResults',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 10,
				description: 'The most search results the file search returns (1–50)',
			},
			{
				displayName: 'File Search Vector Store IDs',
				name: 'fileSearchVectorStoreIds',
				type: 'string',
				default: '',
				placeholder: 'vs_abc123',
				description: 'Turns on file search over these vector stores (IDs separated by commas)',
			},
			{
				displayName: 'Web Search',
				name: 'webSearch',
				type: 'options',
				options: [
					{ name: 'On (High Context)', value: 'high' },
					{ name: 'On (Low Context)', value: 'low' },
					{ name: 'On (Medium Context)', value: 'medium' },
				],
				default: 'medium',
				description: 'Turns on web search; the context size sets how much of the pages the model reads',
			},
		],
	},
	{
		displayName: 'Function Tools (JSON)',
		name: 'functionTools',
		type: 'json',
		default: '[]',
		description:
			'Your own functions the model may call, as a JSON list: <code>[{"type": "function", "name": "get_weather", "parameters": {…}}]</code>. The Chat Completions shape (<code>{"type": "function", "function": {…}}</code>) is converted. Any other tool object is sent as it is.',
		hint: 'The model answers with function_call items; run the function and send its output back with Previous Response ID',
	},
	{
		displayName: 'Output Format',
		name: 'textFormat',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'Free text' },
			{ name: 'JSON Object', value: 'json_object', description: 'Any valid JSON object. Say "JSON" in the input or instructions.' },
			{ name: 'JSON Schema', value: 'json_schema', description: 'JSON that follows the schema below' },
		],
		default: 'text',
		description: 'What the model outputs. For the JSON formats the output field "text" holds the parsed object.',
	},
	{
		displayName: 'Schema Name',
		name: 'jsonSchemaName',
		type: 'string',
		default: 'response',
		description: 'A name for the schema: letters, digits, _ and -, at most 64 characters',
		displayOptions: { show: { textFormat: ['json_schema'] } },
	},
	{
		displayName: 'JSON Schema',
		name: 'jsonSchema',
		type: 'json',
		required: true,
		default: JSON_SCHEMA_EXAMPLE,
		description: 'The JSON Schema the output must follow',
		displayOptions: { show: { textFormat: ['json_schema'] } },
	},
	{
		displayName: 'Strict',
		name: 'jsonSchemaStrict',
		type: 'boolean',
		default: true,
		description:
			'Whether the output must follow the schema exactly. Strict schemas need "additionalProperties": false and every property listed in "required".',
		displayOptions: { show: { textFormat: ['json_schema'] } },
	},
	{
		displayName: 'Options',
		name: 'responseOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Max Output Tokens',
				name: 'maxOutputTokens',
				type: 'number',
				typeOptions: { minValue: 16 },
				default: 1024,
				description: 'The most tokens the response may have, reasoning tokens included',
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				placeholder: '{"customer": "acme"}',
				description: 'Up to 16 key-value pairs (text values) stored with the response',
			},
			{
				displayName: 'Parallel Tool Calls',
				name: 'parallelToolCalls',
				type: 'boolean',
				default: true,
				description: 'Whether the model may call several tools at once',
			},
			{
				displayName: 'Previous Response ID',
				name: 'previousResponseId',
				type: 'string',
				default: '',
				placeholder: 'resp_abc123',
				description: 'Continue the conversation of this stored response (it must have been created with Store on)',
			},
			{
				displayName: 'Reasoning Effort',
				name: 'reasoningEffort',
				type: 'options',
				options: [
					{ name: 'Extra High', value: 'xhigh' },
					{ name: 'High', value: 'high' },
					{ name: 'Low', value: 'low' },
					{ name: 'Medium', value: 'medium' },
					{ name: 'Minimal', value: 'minimal' },
					{ name: 'None', value: 'none' },
				],
				default: 'medium',
				description: 'How much reasoning models (gpt-5, o-series) think before answering. Not every model takes every value.',
			},
			{
				displayName: 'Reasoning Summary',
				name: 'reasoningSummary',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Concise', value: 'concise' },
					{ name: 'Detailed', value: 'detailed' },
				],
				default: 'auto',
				description: "Whether reasoning models add a summary of their reasoning to the output",
			},
			{
				displayName: 'Service Tier',
				name: 'serviceTier',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Default', value: 'default' },
					{ name: 'Flex', value: 'flex', description: 'Cheaper and slower' },
					{ name: 'Priority', value: 'priority', description: 'Faster, at a higher price' },
				],
				default: 'auto',
				description: 'The processing tier the request is served with',
			},
			{
				displayName: 'Store',
				name: 'store',
				type: 'boolean',
				default: true,
				description:
					'Whether OpenAI keeps the response so that it can be retrieved or continued with Previous Response ID. Background mode needs it on.',
			},
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
				default: 1,
				description: 'Randomness from 0 to 2: lower is more focused. Change this or Top P, not both.',
			},
			{
				displayName: 'Tool Choice',
				name: 'toolChoice',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: 'The model decides' },
					{ name: 'None', value: 'none', description: 'No tool is called' },
					{ name: 'Required', value: 'required', description: 'At least one tool is called' },
				],
				default: 'auto',
				description: 'Whether the model must, may or must not call tools',
			},
			{
				displayName: 'Top P',
				name: 'topP',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 1,
				description: 'Nucleus sampling from 0 to 1: 0.1 means only the top 10 % probability mass is considered',
			},
			{
				displayName: 'Truncation',
				name: 'truncation',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: 'Drop the oldest input when the context window is full' },
					{ name: 'Disabled', value: 'disabled', description: 'Fail when the input is too long' },
				],
				default: 'disabled',
				description: 'What happens when the conversation no longer fits the context window',
			},
		],
	},
];

/** Background mode: only for Response → Create (a batch runs in the background anyway). */
export const responseBackgroundFields: INodeProperties[] = [
	{
		displayName: 'Background',
		name: 'background',
		type: 'boolean',
		default: false,
		description:
			'Whether to run the response in the background: OpenAI answers at once with a queued response and the node polls it until it completes, fails, is cancelled or stops incomplete. For long reasoning tasks that would outlast an HTTP request.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		description: 'How long to wait between two checks of the background response',
		displayOptions: { show: { background: [true] } },
	},
	{
		displayName: 'Timeout (Minutes)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long to wait for the background response before failing. The response keeps running at OpenAI.',
		displayOptions: { show: { background: [true] } },
	},
];

export const description: INodeProperties[] = showOnlyFor('response', 'create', [
	...responseFields,
	...responseBackgroundFields,
]);

type ResponseOptions = {
	additionalBodyFields?: unknown;
	maxOutputTokens?: number;
	metadata?: unknown;
	parallelToolCalls?: boolean;
	previousResponseId?: string;
	reasoningEffort?: string;
	reasoningSummary?: string;
	serviceTier?: string;
	store?: boolean;
	temperature?: number;
	toolChoice?: string;
	topP?: number;
	truncation?: string;
};

type MessageEntry = {
	role?: string;
	content?: string;
	imageUrls?: string;
	imageBinaryProperties?: string;
	imageDetail?: string;
};

const SCHEMA_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Splits a comma / newline separated list, dropping blanks. */
export function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

async function buildMessages(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const collection = context.getNodeParameter('inputMessages', itemIndex, {}) as { message?: MessageEntry[] };
	const entries = collection.message ?? [];
	if (entries.length === 0) {
		throw new NodeOperationError(context.getNode(), "The field 'Messages' has no message", { itemIndex });
	}
	const messages: IDataObject[] = [];
	for (const [position, entry] of entries.entries()) {
		const role = entry.role ?? 'user';
		const text = String(entry.content ?? '');
		const urls = splitList(entry.imageUrls);
		const binaryNames = splitList(entry.imageBinaryProperties);
		const hasImages = urls.length + binaryNames.length > 0;
		if (hasImages && role !== 'user') {
			throw new NodeOperationError(
				context.getNode(),
				`Message ${position + 1}: images can only be sent in a user message (this one is '${role}')`,
				{ itemIndex },
			);
		}
		if (!hasImages) {
			if (text.trim() === '') {
				throw new NodeOperationError(context.getNode(), `Message ${position + 1}: the field 'Content' is empty`, { itemIndex });
			}
			messages.push({ role, content: text });
			continue;
		}
		const detail = entry.imageDetail ?? 'auto';
		const content: IDataObject[] = [];
		if (text.trim() !== '') content.push({ type: 'input_text', text });
		for (const url of urls) content.push({ type: 'input_image', image_url: url, detail });
		for (const name of binaryNames) {
			const imageUrl = await binaryImageDataUrl(context, itemIndex, name, `Message ${position + 1}, field 'Image Binary Fields'`);
			content.push({ type: 'input_image', image_url: imageUrl, detail });
		}
		messages.push({ role, content });
	}
	return messages;
}

/** Turns the Function Tools (JSON) field into Responses API tools; Chat Completions' shape is converted. */
function parseFunctionTools(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const fieldName = 'Function Tools (JSON)';
	const parsed = parseJsonParameter<unknown>(context, context.getNodeParameter('functionTools', itemIndex, '[]'), fieldName, itemIndex);
	if (parsed === undefined) return [];
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((tool, position) => {
		if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
			throw new NodeOperationError(context.getNode(), `Field '${fieldName}': entry ${position + 1} is not a JSON object`, {
				itemIndex,
			});
		}
		const entry = tool as IDataObject;
		const nested = entry.function as IDataObject | undefined;
		const type = entry.type ?? 'function';
		if (type !== 'function') return entry; // a built-in or other tool, sent as it is
		const source = nested && typeof nested === 'object' ? nested : entry;
		const name = source.name;
		if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
			throw new NodeOperationError(
				context.getNode(),
				`Field '${fieldName}': function ${position + 1} needs a "name" of letters, digits, _ and - (at most 64 characters)`,
				{ itemIndex },
			);
		}
		const converted: IDataObject = {
			type: 'function',
			name,
			parameters: (source.parameters as IDataObject | undefined) ?? { type: 'object', properties: {} },
			strict: (source.strict as boolean | undefined) ?? false,
		};
		if (source.description !== undefined) converted.description = source.description;
		if (!nested) {
			// Keep any other field the user wrote in the Responses shape.
			for (const [key, value] of Object.entries(entry)) if (!(key in converted)) converted[key] = value;
		}
		return converted;
	});
}

function buildBuiltInTools(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const options = context.getNodeParameter('builtInTools', itemIndex, {}) as {
		codeInterpreter?: boolean;
		codeInterpreterFileIds?: string;
		fileSearchMaxResults?: number;
		fileSearchVectorStoreIds?: string;
		webSearch?: string;
	};
	const tools: IDataObject[] = [];
	if (options.webSearch) tools.push({ type: 'web_search', search_context_size: options.webSearch });
	const vectorStoreIds = splitList(options.fileSearchVectorStoreIds);
	if (options.fileSearchVectorStoreIds !== undefined && vectorStoreIds.length === 0) {
		throw new NodeOperationError(context.getNode(), "The field 'File Search Vector Store IDs' is empty", { itemIndex });
	}
	if (options.fileSearchMaxResults !== undefined && vectorStoreIds.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			"'File Search Max Results' needs 'File Search Vector Store IDs': add the vector stores to search",
			{ itemIndex },
		);
	}
	if (vectorStoreIds.length > 0) {
		const fileSearch: IDataObject = { type: 'file_search', vector_store_ids: vectorStoreIds };
		if (options.fileSearchMaxResults !== undefined) fileSearch.max_num_results = options.fileSearchMaxResults;
		tools.push(fileSearch);
	}
	const fileIds = splitList(options.codeInterpreterFileIds);
	if (options.codeInterpreter === false && fileIds.length > 0) {
		throw new NodeOperationError(context.getNode(), "'Code Interpreter File IDs' needs 'Code Interpreter' on", { itemIndex });
	}
	if (options.codeInterpreter || fileIds.length > 0) {
		const container: IDataObject = { type: 'auto' };
		if (fileIds.length > 0) container.file_ids = fileIds;
		tools.push({ type: 'code_interpreter', container });
	}
	return tools;
}

function buildTextFormat(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const format = context.getNodeParameter('textFormat', itemIndex, 'text') as string;
	if (format === 'json_object') return { format: { type: 'json_object' } };
	if (format !== 'json_schema') return undefined;
	const name = String(context.getNodeParameter('jsonSchemaName', itemIndex, 'response')).trim();
	if (!SCHEMA_NAME.test(name)) {
		throw new NodeOperationError(
			context.getNode(),
			`The field 'Schema Name' must be 1–64 letters, digits, _ or - (got '${name}')`,
			{ itemIndex },
		);
	}
	const schema = parseJsonObjectParameter(context, context.getNodeParameter('jsonSchema', itemIndex, ''), 'JSON Schema', itemIndex);
	if (!schema) throw new NodeOperationError(context.getNode(), "The field 'JSON Schema' is empty", { itemIndex });
	const strict = context.getNodeParameter('jsonSchemaStrict', itemIndex, true) as boolean;
	return { format: { type: 'json_schema', name, schema, strict } };
}

/**
 * The body of POST /responses for one item, from the fields in `responseFields`. Shared with Batch → Create,
 * which writes it as one line of the batch's JSONL.
 */
export async function buildResponseBody(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const model = getModel(this, itemIndex);
	if (!model) throw new NodeOperationError(this.getNode(), "The field 'Model' is empty", { itemIndex });
	const body: IDataObject = { model };

	const inputMode = this.getNodeParameter('inputMode', itemIndex, 'text') as string;
	if (inputMode === 'messages') {
		body.input = await buildMessages(this, itemIndex);
	} else {
		const text = String(this.getNodeParameter('inputText', itemIndex, ''));
		if (text.trim() === '') throw new NodeOperationError(this.getNode(), "The field 'Input' is empty", { itemIndex });
		body.input = text;
	}

	const instructions = String(this.getNodeParameter('instructions', itemIndex, ''));
	if (instructions.trim() !== '') body.instructions = instructions;

	const tools = [...buildBuiltInTools(this, itemIndex), ...parseFunctionTools(this, itemIndex)];
	if (tools.length > 0) body.tools = tools;

	const text = buildTextFormat(this, itemIndex);
	if (text) body.text = text;

	const options = this.getNodeParameter('responseOptions', itemIndex, {}) as ResponseOptions;
	const previousResponseId = options.previousResponseId?.trim();
	if (options.previousResponseId !== undefined && !previousResponseId) {
		throw new NodeOperationError(this.getNode(), "The field 'Previous Response ID' is empty", { itemIndex });
	}
	if (previousResponseId) body.previous_response_id = previousResponseId;
	if (options.reasoningEffort !== undefined || options.reasoningSummary !== undefined) {
		const reasoning: IDataObject = {};
		if (options.reasoningEffort !== undefined) reasoning.effort = options.reasoningEffort;
		if (options.reasoningSummary !== undefined) reasoning.summary = options.reasoningSummary;
		body.reasoning = reasoning;
	}
	if (options.store !== undefined) body.store = options.store;
	const metadata = parseMetadataParameter(this, options.metadata, 'Metadata (JSON)', itemIndex);
	if (metadata) body.metadata = metadata;
	if (options.maxOutputTokens !== undefined) body.max_output_tokens = options.maxOutputTokens;
	if (options.temperature !== undefined) body.temperature = options.temperature;
	if (options.topP !== undefined) body.top_p = options.topP;
	if (options.truncation !== undefined) body.truncation = options.truncation;
	if (options.serviceTier !== undefined) body.service_tier = options.serviceTier;
	if (options.toolChoice !== undefined) body.tool_choice = options.toolChoice;
	if (options.parallelToolCalls !== undefined) body.parallel_tool_calls = options.parallelToolCalls;

	return withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
}

/** The statuses after which a response no longer changes. */
export const TERMINAL_RESPONSE_STATUSES = ['completed', 'failed', 'cancelled', 'incomplete'];

/** The response's output text: every output_text part of its messages, joined. */
export function responseOutputText(response: { output?: unknown }): string {
	const parts: string[] = [];
	for (const item of (response.output as IDataObject[] | undefined) ?? []) {
		if (item?.type !== 'message') continue;
		for (const content of (item.content as IDataObject[] | undefined) ?? []) {
			if (content?.type === 'output_text' && typeof content.text === 'string') parts.push(content.text);
		}
	}
	return parts.join('');
}

/**
 * The output item: the response object with `text` set to its output text (the parsed object for the JSON
 * output formats). The response's own `text` (its format settings) moves to `text_config`.
 */
export function responseToJson(response: OpenAiResponse | IDataObject): IDataObject {
	const raw = response as IDataObject;
	const outputText = responseOutputText(raw);
	const formatType = ((raw.text as IDataObject | undefined)?.format as IDataObject | undefined)?.type;
	let text: unknown = outputText;
	if ((formatType === 'json_object' || formatType === 'json_schema') && outputText.trim() !== '') {
		try {
			text = JSON.parse(outputText);
		} catch {
			text = outputText; // e.g. an incomplete response cut off in the middle of the JSON
		}
	}
	const json: IDataObject = { ...raw, text: text as IDataObject };
	if (raw.text !== undefined) json.text_config = raw.text;
	return json;
}

function failedResponseError(context: IExecuteFunctions, response: IDataObject, itemIndex: number): NodeOperationError {
	const error = (response.error as IDataObject | null | undefined) ?? undefined;
	const message = error?.message ? String(error.message) : `The response ended with status '${String(response.status)}'`;
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: [`Response ID: ${String(response.id)}`, error?.code ? `code: ${String(error.code)}` : undefined]
			.filter(Boolean)
			.join(', '),
	});
}

/** POST /responses; in background mode, polls GET /responses/{id} until the response is final. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = await buildResponseBody.call(this, itemIndex);
	const background = this.getNodeParameter('background', itemIndex, false) as boolean;
	if (background) {
		if (body.store === false) {
			throw new NodeOperationError(this.getNode(), "Background mode needs the option 'Store' on: OpenAI keeps background responses to poll them", {
				itemIndex,
			});
		}
		body.background = true;
	}

	let response = (await client.responses.create(body as unknown as ResponseCreateParamsNonStreaming)) as OpenAiResponse;
	if (background) {
		const intervalSeconds = this.getNodeParameter('pollInterval', itemIndex, 5) as number;
		const timeoutMinutes = this.getNodeParameter('waitTimeout', itemIndex, 60) as number;
		response = await pollUntil<OpenAiResponse>({
			initial: response,
			fetch: async () => await client.responses.retrieve(response.id),
			isDone: (current) => TERMINAL_RESPONSE_STATUSES.includes(String(current.status)),
			intervalMs: intervalSeconds * 1000,
			timeoutMs: timeoutMinutes * 60 * 1000,
			signal: cancelSignal,
			onAbort: () =>
				new NodeOperationError(this.getNode(), `Stopped waiting: the execution was cancelled; the background response ${response.id} keeps running at OpenAI`, {
					itemIndex,
				}),
			onTimeout: (last) =>
				new NodeOperationError(
					this.getNode(),
					`The background response ${last.id} did not finish within ${timeoutMinutes} minutes (status: ${String(last.status)})`,
					{ itemIndex, description: 'It keeps running at OpenAI. Raise Timeout (Minutes) to wait longer.' },
				),
		});
	}
	if (response.status === 'failed' || response.status === 'cancelled') {
		throw failedResponseError(this, response as unknown as IDataObject, itemIndex);
	}
	return [{ json: responseToJson(response), pairedItem: { item: itemIndex } }];
}
