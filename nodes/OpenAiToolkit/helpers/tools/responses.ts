/** The tool loop in the Responses API's words: function tools, `function_call` items, `function_call_output` items. */
import type { IDataObject } from 'n8n-workflow';
import type { Response as OpenAiResponse } from 'openai/resources/responses/responses';

import type { ConnectedTool } from './connected';
import { runToolLoop, type ToolCallRequest, type ToolLoopContext, type TranscriptEntry } from './loop';

/** The connected tools as Responses API function tools (not strict: n8n's schemas need not meet strict mode's rules). */
export function responseFunctionTools(tools: ConnectedTool[]): IDataObject[] {
	return tools.map(({ name, description, parameters }) => ({
		type: 'function',
		name,
		...(description ? { description } : {}),
		parameters,
		strict: false,
	}));
}

function outputItems(response: OpenAiResponse): IDataObject[] {
	return ((response.output as unknown as IDataObject[] | undefined) ?? []).filter((item) => item && typeof item === 'object');
}

function callsOf(response: OpenAiResponse): ToolCallRequest[] {
	return outputItems(response)
		.filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call')
		.map((item) => ({
			id: String(item.call_id),
			name: String(item.name),
			arguments: String((item.type === 'function_call' ? item.arguments : item.input) ?? ''),
		}));
}

/**
 * Response → Create with connected tools: the body with the tools added, then one request per round. The next
 * request repeats the input with every output item so far and a `function_call_output` item per result (this
 * works whether or not responses are stored, also on OpenAI-compatible servers that keep nothing). In a
 * conversation, which keeps the items itself, only the results are sent.
 */
export async function runResponseToolLoop(
	loop: ToolLoopContext,
	create: (body: IDataObject) => Promise<OpenAiResponse>,
	body: IDataObject,
): Promise<{ response: OpenAiResponse; transcript: TranscriptEntry[] }> {
	const first: IDataObject = { ...body, tools: [...((body.tools as IDataObject[] | undefined) ?? []), ...responseFunctionTools(loop.tools)] };
	const inConversation = body.conversation !== undefined && body.conversation !== null;
	const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : ((body.input as IDataObject[] | undefined) ?? []);
	let items: IDataObject[] = [];
	let request = first;
	return await runToolLoop<OpenAiResponse>(loop, {
		send: async () => await create(request),
		callsOf,
		addResults: (response, results) => {
			const outputs = results.map(({ call, output }) => ({ type: 'function_call_output', call_id: call.id, output }));
			if (inConversation) {
				request = { ...first, input: outputs };
				return;
			}
			items = [...items, ...outputItems(response), ...outputs];
			request = { ...first, input: [...input, ...items] };
		},
	});
}
