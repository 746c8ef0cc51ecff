import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { buildChatCompletionBody } from './body';
import { chatCompletionFields } from './fields';
import { answerOutput, simplifiedChat } from '../../helpers/answer';
import { chatCompletionOutput, refuseStreaming } from './output';

// Batch → Create builds its Chat Completions lines from these.
export { buildChatCompletionBody } from './body';
export { chatCompletionFields } from './fields';

export const description: INodeProperties[] = showOnlyFor('chat', 'createCompletion', chatCompletionFields);

/** POST /chat/completions (Fusion: Create chat completion). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = await buildChatCompletionBody.call(this, itemIndex);
	refuseStreaming(this, itemIndex, body);
	const response = await client.chat.completions.create(body);
	const full = chatCompletionOutput(this, itemIndex, response, body);
	return [{ json: answerOutput(this, itemIndex, full, simplifiedChat), pairedItem: { item: itemIndex } }];
}
