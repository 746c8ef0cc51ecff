import { APIError } from 'openai';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

/** What a failed item outputs under Continue On Fail. */
export interface ItemErrorJson extends IDataObject {
	error: string;
	status: number | null;
	code: string | null;
	param: string | null;
	type: string | null;
	requestId: string | null;
}

const REDACTED = '[redacted]';

/** Replaces every secret (and any bearer token) in a text. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
	}
	return out.replace(/Bearer\s+[A-Za-z0-9._\-~+/=]{8,}/g, `Bearer ${REDACTED}`);
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
		error.message = scrubSecrets(error.message, secrets);
		if (error.description) error.description = scrubSecrets(error.description, secrets);
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof APIError && error.status) {
		const apiMessage = scrubSecrets(
			typeof error.error === 'object' && error.error && 'message' in error.error
				? String((error.error as { message: unknown }).message)
				: error.message,
			secrets,
		);
		const details = [
			`HTTP ${error.status}`,
			error.code ? `code: ${error.code}` : undefined,
			error.param ? `param: ${error.param}` : undefined,
			error.type ? `type: ${error.type}` : undefined,
			error.requestID ? `request ID: ${error.requestID}` : undefined,
		].filter(Boolean);
		const description = [quotaHint(error), details.join(', ')].filter(Boolean).join(' ');
		const response: JsonObject = {
			message: apiMessage,
			status: error.status,
			code: (error.code as string | null | undefined) ?? null,
			param: (error.param as string | null | undefined) ?? null,
			type: (error.type as string | null | undefined) ?? null,
			requestId: error.requestID ?? null,
		};
		const nodeError = new NodeApiError(node, response, {
			message: apiMessage,
			description,
			httpCode: String(error.status),
			itemIndex,
		});
		// NodeApiError may replace the message with a generic one for some status codes; OpenAI's own is clearer.
		nodeError.message = apiMessage;
		nodeError.context.openai = response;
		return nodeError;
	}
	const message = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
	const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
	return new NodeOperationError(node, message, {
		itemIndex,
		description: cause ? scrubSecrets(cause, secrets) : undefined,
	});
}

/** The JSON a failed item carries when Continue On Fail is on. */
export function errorToItemJson(error: NodeApiError | NodeOperationError): ItemErrorJson {
	const apiResponse = error.context.openai as JsonObject | undefined;
	const pick = (key: string) => (apiResponse?.[key] as string | null | undefined) ?? null;
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
