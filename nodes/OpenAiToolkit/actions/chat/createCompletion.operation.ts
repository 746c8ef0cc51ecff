import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { buildChatCompletionBody } from './body';
import { chatCompletionFields } from './fields';
import { answerOutput, simplifiedChat } from '../../helpers/answer';
import { chatCompletionOutput, refuseStreaming } from './output';
import { namedToolNames, runChatToolLoop, toolLoopFor, TRANSCRIPT_FIELD, type TranscriptEntry } from '../../helpers/tools';

// Batch → Create builds its Chat Completions lines from these.
export { buildChatCompletionBody } from './body';
export { chatCompletionFields } from './fields';

export const description: INodeProperties[] = showOnlyFor('chat', 'createCompletion', chatCompletionFields);

/**
 * POST /chat/completions (Fusion: Create chat completion). With tools connected to the Tools input (version 2),
 * one request per round of tool calls until the model answers; the item then also outputs the calls' transcript.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = await buildChatCompletionBody.call(this, itemIndex);
	refuseStreaming(this, itemIndex, body);
	const loop = await toolLoopFor(this, itemIndex, 'options', namedToolNames(body.tools), cancelSignal);
	let response: object;
	let transcript: TranscriptEntry[] | undefined;
	if (loop) ({ response, transcript } = await runChatToolLoop(loop, client, body));
	else response = await client.chat.completions.create(body);
	const full = chatCompletionOutput(this, itemIndex, response, body);
	const json = answerOutput(this, itemIndex, full, simplifiedChat);
	if (transcript) json[TRANSCRIPT_FIELD] = transcript;
	return [{ json, pairedItem: { item: itemIndex } }];
}
