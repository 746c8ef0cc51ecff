import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { Response as OpenAiResponse } from 'openai/resources/responses/responses';

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

/**
 * Simplified response (version 2): its ID (for Previous Response ID), status, the function calls the model
 * asks for, why it stopped early, model and usage.
 */
export function simplifiedResponse(full: IDataObject): IDataObject {
	const calls = ((full.output as IDataObject[] | undefined) ?? []).filter((item) => item?.type === 'function_call');
	return {
		id: full.id,
		status: full.status,
		function_calls: calls.length > 0 ? calls : undefined,
		incomplete_details: full.incomplete_details,
		model: full.model,
		usage: full.usage,
	};
}

/** A response that ended failed or cancelled, as the item's error: OpenAI's message, the response ID and code. */
export function failedResponseError(context: IExecuteFunctions, response: IDataObject, itemIndex: number): NodeOperationError {
	const error = (response.error as IDataObject | null | undefined) ?? undefined;
	const message = error?.message ? String(error.message) : `The response ended with status '${String(response.status)}'`;
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: [`Response ID: ${String(response.id)}`, error?.code ? `code: ${String(error.code)}` : undefined]
			.filter(Boolean)
			.join(', '),
	});
}
