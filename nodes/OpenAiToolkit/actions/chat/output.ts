import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';

/**
 * The node needs the whole answer in one response: `stream: true` (only possible through Additional Body Fields)
 * would hand back an event stream instead.
 */
export function refuseStreaming(context: IExecuteFunctions, itemIndex: number, body: object): void {
	if ((body as { stream?: unknown }).stream === true) {
		throw fieldError(
			context,
			itemIndex,
			"'stream: true' in 'Additional Body Fields (JSON)' is not supported",
			'The node outputs whole answers; remove "stream" from Additional Body Fields (JSON).',
		);
	}
}

/** The response format a chat request asked for, read from the body actually sent (Additional Body Fields included). */
export function responseFormatOf(body: object): string | undefined {
	const format = (body as { response_format?: { type?: unknown } }).response_format;
	return typeof format?.type === 'string' ? format.type : undefined;
}

interface ChatLikeResponse {
	choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }>;
}

/**
 * A chat completion as an output item: the API's response as it is, plus `text`, the first choice's text. With
 * a JSON object or JSON schema response format, `text` holds the parsed object instead; a reply that is not
 * valid JSON is an error that keeps the raw text in its description. No text (a tool call or a refusal) gives
 * `text: null`.
 */
export function chatCompletionOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	response: object,
	requestBody: object,
): IDataObject {
	const choice = (response as ChatLikeResponse).choices?.[0];
	const content = choice?.message?.content;
	let text: unknown = typeof content === 'string' ? content : null;
	const format = responseFormatOf(requestBody);
	if (typeof content === 'string' && (format === 'json_object' || format === 'json_schema')) {
		try {
			text = JSON.parse(content) as unknown;
		} catch (error) {
			const finish = choice?.finish_reason;
			const cutOff = finish === 'length' ? ' The reply was cut off (finish_reason: length): raise Max Completion Tokens.' : '';
			// The raw reply comes last in the description, so that it can be read (or copied) whole.
			throw new NodeOperationError(
				context.getNode(),
				`The model's reply is not valid JSON, although the response format is '${format}'`,
				{
					itemIndex,
					description: `Item ${itemIndex + 1} (index ${itemIndex}): ${(error as Error).message}.${cutOff} Raw reply: ${content}`,
				},
			);
		}
	}
	return { ...(response as IDataObject), text: text as IDataObject };
}
