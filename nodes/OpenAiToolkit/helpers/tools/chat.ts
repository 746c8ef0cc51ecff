/** The tool loop in Chat Completions' words: function tools, `tool_calls`, and `tool` messages with the results. */
import type {
	ChatCompletion,
	ChatCompletionCreateParamsNonStreaming,
	ChatCompletionMessageParam,
	ChatCompletionMessageToolCall,
	ChatCompletionTool,
} from 'openai/resources/chat/completions';

import type { ToolkitClient } from '../../transport/client';
import type { ConnectedTool } from './connected';
import { runToolLoop, type ToolCallRequest, type ToolLoopContext, type TranscriptEntry } from './loop';

type Body = ChatCompletionCreateParamsNonStreaming;

/** The connected tools as Chat Completions function tools. */
export function chatFunctionTools(tools: ConnectedTool[]): ChatCompletionTool[] {
	return tools.map(({ name, description, parameters }) => ({
		type: 'function',
		function: { name, ...(description ? { description } : {}), parameters },
	}));
}

function callOf(call: ChatCompletionMessageToolCall): ToolCallRequest {
	if (call.type === 'function') return { id: call.id, name: call.function.name, arguments: call.function.arguments };
	return { id: call.id, name: call.custom.name, arguments: call.custom.input };
}

/** The assistant's turn as the next request repeats it: its text (if any) and the calls it made. */
function assistantTurn(response: ChatCompletion): ChatCompletionMessageParam {
	const message = response.choices[0]?.message;
	return { role: 'assistant', content: message?.content ?? null, tool_calls: message?.tool_calls ?? [] };
}

/**
 * Chat → Create Completion with connected tools: the body with the tools added, then one request per round,
 * each repeating the conversation so far with the assistant's calls and a `tool` message per result.
 */
export async function runChatToolLoop(
	loop: ToolLoopContext,
	client: ToolkitClient,
	body: Body,
): Promise<{ response: ChatCompletion; transcript: TranscriptEntry[] }> {
	let request: Body = { ...body, tools: [...(body.tools ?? []), ...chatFunctionTools(loop.tools)] };
	return await runToolLoop<ChatCompletion>(loop, {
		send: async () => await client.chat.completions.create(request),
		callsOf: (response) => (response.choices[0]?.message?.tool_calls ?? []).map(callOf),
		addResults: (response, results) => {
			const toolMessages: ChatCompletionMessageParam[] = results.map(({ call, output }) => ({
				role: 'tool',
				tool_call_id: call.id,
				content: output,
			}));
			request = { ...request, messages: [...request.messages, assistantTurn(response), ...toolMessages] };
		},
	});
}
