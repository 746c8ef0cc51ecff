import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { versionOf } from './nodeVersion';

/** The fields of a simplified answer, in order; those a response lacks are left out. */
function present(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
}

/**
 * An operation's answer as its output item. Version 1 outputs the full response as it always has (`text` last).
 * Version 2 puts `text` first, where the output table shows it, and with Simplify Output (on by default) keeps
 * only what a workflow usually maps next: the operation names those fields.
 */
export function answerOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	full: IDataObject,
	simplified: (full: IDataObject) => IDataObject,
): IDataObject {
	if (versionOf(context) === 1) return full;
	const { text, ...rest } = full;
	if (context.getNodeParameter('simplify', itemIndex, false) === true) return { text, ...present(simplified(full)) };
	return { text, ...rest };
}

interface ChatChoice {
	finish_reason?: unknown;
	message?: { tool_calls?: unknown; refusal?: unknown };
}

/** Simplified chat completion: why it stopped, tool calls and refusal when there are any, model, usage. */
export function simplifiedChat(full: IDataObject): IDataObject {
	const choice = (full.choices as ChatChoice[] | undefined)?.[0];
	const toolCalls = choice?.message?.tool_calls;
	return {
		finish_reason: choice?.finish_reason as string | undefined,
		tool_calls: Array.isArray(toolCalls) && toolCalls.length > 0 ? (toolCalls as IDataObject[]) : undefined,
		refusal: choice?.message?.refusal as string | undefined,
		model: full.model as string | undefined,
		usage: full.usage as IDataObject | undefined,
		id: full.id as string | undefined,
	};
}
