import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import type { Response as OpenAiResponse, ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { fieldError } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { pollUntil, readWait, type WaitSettings } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { buildResponseBody } from './body';
import { backgroundWaitSpec, responseBackgroundFields, responseFields } from './fields';
import { answerOutput } from '../../helpers/answer';
import { failedResponseError, responseToJson, simplifiedResponse, TERMINAL_RESPONSE_STATUSES } from './output';
import { namedToolNames, runResponseToolLoop, toolLoopFor, TRANSCRIPT_FIELD, type TranscriptEntry } from '../../helpers/tools';

// Batch → Create builds its /v1/responses lines with buildResponseBody.
export { buildResponseBody } from './body';
export { responseOutputText, responseToJson, TERMINAL_RESPONSE_STATUSES } from './output';

// The Background switch comes before the collapsed Options, where a user looks for main switches.
const optionsCollection = responseFields.filter((field) => field.name === 'responseOptions');
export const description: INodeProperties[] = showOnlyFor('response', 'create', [
	...responseFields.filter((field) => !optionsCollection.includes(field)),
	...responseBackgroundFields,
	...optionsCollection,
]);

/** Polls a background response until it is final; the wait was read (and bounded) before it was created. */
async function waitForResponse(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	created: OpenAiResponse,
	{ intervalMs, timeoutMs }: WaitSettings,
): Promise<OpenAiResponse> {
	return await pollUntil<OpenAiResponse>({
		initial: created,
		fetch: async () => await client.responses.retrieve(created.id),
		isDone: (current) => TERMINAL_RESPONSE_STATUSES.includes(String(current.status)),
		intervalMs,
		timeoutMs,
		signal: cancelSignal,
		onAbort: () =>
			new NodeOperationError(
				context.getNode(),
				`Stopped waiting: the execution was cancelled; the background response ${created.id} keeps running at OpenAI`,
				{ itemIndex },
			),
		onTimeout: (last) =>
			new NodeOperationError(
				context.getNode(),
				`The background response ${last.id} did not finish within ${+(timeoutMs / 60_000).toFixed(3)} minutes (status: ${String(last.status)})`,
				{ itemIndex, description: 'It keeps running at OpenAI. Raise Timeout (Minutes) to wait longer.' },
			),
	});
}

/**
 * POST /responses; in background mode, polls GET /responses/{id} until the response is final. With tools
 * connected to the Tools input (version 2), one response per round of tool calls (each polled the same way)
 * until the model answers; the item then also outputs the calls' transcript.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = await buildResponseBody.call(this, itemIndex, operation.secrets);
	const background = this.getNodeParameter('background', itemIndex, false) === true;
	let wait: WaitSettings | undefined;
	if (background) {
		if (body.store === false) {
			throw fieldError(
				this,
				itemIndex,
				"Background mode needs the option 'Store' on: OpenAI keeps background responses to poll them",
			);
		}
		wait = readWait(this, itemIndex, backgroundWaitSpec);
		body.background = true;
	}
	const loop = await toolLoopFor(this, itemIndex, 'responseOptions', namedToolNames(body.tools), operation.cancelSignal);

	const create = async (request: IDataObject): Promise<OpenAiResponse> => {
		let response = (await operation.client.responses.create(request as unknown as ResponseCreateParamsNonStreaming)) as OpenAiResponse;
		if (wait) response = await waitForResponse(this, itemIndex, operation, response, wait);
		if (response.status === 'failed' || response.status === 'cancelled') {
			throw failedResponseError(this, response as unknown as IDataObject, itemIndex);
		}
		return response;
	};
	let response: OpenAiResponse;
	let transcript: TranscriptEntry[] | undefined;
	if (loop) ({ response, transcript } = await runResponseToolLoop(loop, create, body));
	else response = await create(body);
	const json = answerOutput(this, itemIndex, responseToJson(response), simplifiedResponse);
	if (transcript) json[TRANSCRIPT_FIELD] = transcript;
	return [{ json, pairedItem: { item: itemIndex } }];
}
