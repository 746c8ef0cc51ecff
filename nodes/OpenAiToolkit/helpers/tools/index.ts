/**
 * The Tools input of version 2's Chat → Create Completion and Response → Create: the connected tools and the
 * loop that runs them (see loop.ts). An operation asks `toolLoopFor` first; without connected tools it sends
 * its one request as before.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readConnectedTools } from './connected';
import type { ToolLoopContext } from './loop';
import { readToolLoopSettings } from './settings';

export { namedToolNames } from './connected';
export { runChatToolLoop } from './chat';
export { runResponseToolLoop } from './responses';
export type { TranscriptEntry } from './loop';

/** Where an item's output keeps the tool calls it made (also with Simplify Output on). */
export const TRANSCRIPT_FIELD = 'tool_calls_transcript';

/**
 * The tool loop of one item, or undefined when no tool is connected. Reads the connected tools and the loop's
 * options (from the operation's Options collection `optionsName`), all checked before anything is sent.
 */
export async function toolLoopFor(
	context: IExecuteFunctions,
	itemIndex: number,
	optionsName: string,
	fieldToolNames: readonly string[],
	signal?: AbortSignal,
): Promise<ToolLoopContext | undefined> {
	const tools = await readConnectedTools(context, itemIndex, fieldToolNames);
	if (tools.length === 0) return undefined;
	const options = context.getNodeParameter(optionsName, itemIndex, {}) as IDataObject;
	const settings = readToolLoopSettings(context, itemIndex, options);
	return { context, itemIndex, tools, fieldToolNames, settings, signal };
}
