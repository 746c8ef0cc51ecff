import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import type { Response as OpenAiResponse, ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { textOf } from '../../helpers/checks';
import { binaryImageDataUrl } from '../../helpers/dataUrl';
import { showOnlyFor } from '../../helpers/displayOptions';
import { getModel, withAdditionalBodyFields } from '../../helpers/fields';
import { parseJsonObjectParameter, parseJsonParameter } from '../../helpers/json';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { pollUntil } from '../../helpers/pollUntil';
import type { OperationContext } from '../types';
import { responseBackgroundFields, responseFields } from './fields';

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
		const text = textOf(entry.content);
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
		const text = textOf(this.getNodeParameter('inputText', itemIndex, ''));
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
