import { APIError } from 'openai';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { WAIT_TOO_LONG_HEADER } from '../transport/fetch';
import { waitTooLongMessage } from '../transport/retryAfter';
import { scrubDeep, scrubSecrets } from './scrub';

/** What a failed item outputs under Continue On Fail. */
export interface ItemErrorJson extends IDataObject {
	error: string;
	status: number | null;
	code: string | null;
	param: string | null;
	type: string | null;
	requestId: string | null;
}

export { scrubSecrets } from './scrub';

/** OpenAI's error fields as text (a server may send any JSON there), scrubbed. */
function apiField(value: unknown, secrets: readonly string[]): string | null {
	if (value === undefined || value === null || value === '') return null;
	return scrubSecrets(typeof value === 'string' ? value : JSON.stringify(value), secrets);
}

/** The wait a server asked for that did not fit (marked by transport/fetch.ts), if that is why this failed. */
function waitTooLong(error: APIError): string | undefined {
	const marker = error.headers?.get(WAIT_TOO_LONG_HEADER);
	if (!marker) return undefined;
	const [asked, allowed] = marker.split(';').map(Number);
	return waitTooLongMessage(Number.isFinite(asked) ? asked : Infinity, Number.isFinite(allowed) ? allowed : 0);
}

/** A message that quotes a body the server sent (JSON.parse's does) says only that the body was not JSON. */
function plainMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	// By name, not instanceof: JSON.parse may run in another realm (Node's fetch); the router keeps its name.
	const name = (error as { name?: unknown } | null)?.name;
	if (name === 'SyntaxError' && /JSON/.test(message)) {
		return 'The server sent an answer that is not valid JSON';
	}
	return message;
}

/**
 * Scrubs every text an n8n error carries: message, description, the messages list, context (OpenAI's fields
 * among them), the error response and the cause. The last step before an error leaves the node.
 */
export function scrubNodeError<E extends NodeApiError | NodeOperationError>(error: E, secrets: readonly string[]): E {
	error.message = scrubSecrets(error.message, secrets);
	if (error.description) error.description = scrubSecrets(error.description, secrets);
	error.messages = scrubDeep(error.messages ?? [], secrets);
	error.context = scrubDeep(error.context ?? {}, secrets);
	const withResponse = error as unknown as { errorResponse?: unknown };
	if (withResponse.errorResponse) withResponse.errorResponse = scrubDeep(withResponse.errorResponse, secrets);
	if (error.stack) error.stack = scrubSecrets(error.stack, secrets);
	const cause = (error as { cause?: unknown }).cause;
	if (cause instanceof Error) {
		cause.message = scrubSecrets(cause.message, secrets);
		if (cause.stack) cause.stack = scrubSecrets(cause.stack, secrets);
		const causeError = cause as Error & { error?: unknown; headers?: unknown; cause?: unknown };
		if (causeError.error) causeError.error = scrubDeep(causeError.error, secrets);
		// The SDK's APIError keeps the response headers and the raw error body; neither is needed past here.
		if (causeError.headers) causeError.headers = undefined;
		if (causeError.cause instanceof Error) causeError.cause.message = scrubSecrets(causeError.cause.message, secrets);
	} else if (cause !== undefined) {
		(error as { cause?: unknown }).cause = scrubDeep(cause, secrets);
	}
	return error;
}

function quotaHint(error: APIError): string | undefined {
	if (error.code === 'insufficient_quota') {
		return 'The OpenAI account is out of credit (insufficient_quota). Retrying will not help: add credit or raise the limit in the OpenAI billing settings.';
	}
	return undefined;
}

/**
 * Turns anything an operation threw into the n8n error the user sees: OpenAI's message, status, code, param
 * and request ID for API errors; our own checks stay NodeOperationErrors. Secrets are scrubbed from both.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return scrubNodeError(error, secrets);
	}
	if (error instanceof APIError && error.status) {
		const openAiMessage = scrubSecrets(
			typeof error.error === 'object' && error.error && 'message' in error.error
				? String((error.error as { message: unknown }).message)
				: error.message,
			secrets,
		);
		const longWait = waitTooLong(error);
		const apiMessage = longWait ?? openAiMessage;
		const code = apiField(error.code, secrets);
		const param = apiField(error.param, secrets);
		const type = apiField(error.type, secrets);
		const requestId = apiField(error.requestID, secrets);
		const details = [
			`HTTP ${error.status}`,
			code ? `code: ${code}` : undefined,
			param ? `param: ${param}` : undefined,
			type ? `type: ${type}` : undefined,
			requestId ? `request ID: ${requestId}` : undefined,
		].filter(Boolean);
		const description = [longWait ? `OpenAI said: ${openAiMessage}` : undefined, quotaHint(error), details.join(', ')]
			.filter(Boolean)
			.join(' ');
		const response: JsonObject = { message: apiMessage, status: error.status, code, param, type, requestId };
		const nodeError = new NodeApiError(node, response, {
			message: apiMessage,
			description,
			httpCode: String(error.status),
			itemIndex,
		});
		// NodeApiError may replace the message with a generic one for some status codes; OpenAI's own is clearer.
		nodeError.message = apiMessage;
		nodeError.context.openai = response;
		return scrubNodeError(nodeError, secrets);
	}
	const message = scrubSecrets(plainMessage(error), secrets);
	const cause = error instanceof Error && error.cause instanceof Error ? plainMessage(error.cause) : undefined;
	const nodeError = new NodeOperationError(node, message, {
		itemIndex,
		description: cause ? scrubSecrets(cause, secrets) : undefined,
	});
	return scrubNodeError(nodeError, secrets);
}

/** The JSON a failed item carries when Continue On Fail is on. */
export function errorToItemJson(error: NodeApiError | NodeOperationError): ItemErrorJson {
	const apiResponse = error.context.openai as JsonObject | undefined;
	const pick = (key: string) => {
		const value = apiResponse?.[key];
		return value === undefined || value === null ? null : String(value);
	};
	const json: ItemErrorJson = {
		error: error.message,
		status: apiResponse?.status !== undefined ? Number(apiResponse.status) : null,
		code: pick('code'),
		param: pick('param'),
		type: pick('type'),
		requestId: pick('requestId'),
	};
	if (error.description) json.description = error.description;
	return json;
}
