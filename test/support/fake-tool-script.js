// A scripted tool-calling model for the fake chat and responses routes (fake-routes/chat.js, responses.js).
// A user message containing `#tool-script <JSON>` plays it: the JSON is a list of rounds, each a list of calls
// `{"name": …, "arguments": {…}}`; the model asks for round 1, then (once that many results are back) round 2, …,
// and then answers `tools answered: <result 1> | <result 2> | …` (every result it got, in order).
// `#tool-script forever {"name": …, "arguments": {…}}` asks for that call every time (for iteration limits).
// Call IDs are `call_<round>_<n>` (1-based), so tests can match results to calls.
'use strict';

const MARKER = /#tool-script\s+(forever\s+)?([\s\S]+)$/;

function textsOf(content) {
	if (typeof content === 'string') return [content];
	if (!Array.isArray(content)) return [];
	return content.filter((part) => typeof part?.text === 'string').map((part) => part.text);
}

/** The script in the first user text that has one, or undefined. */
function scriptIn(userTexts) {
	for (const text of userTexts) {
		const match = MARKER.exec(text);
		if (!match) continue;
		const parsed = JSON.parse(match[2]);
		return match[1] ? { forever: parsed } : { rounds: parsed };
	}
	return undefined;
}

/** What the model does next, given the results it has: `{ calls }` (with IDs) or `{ answer }`. */
function nextTurn(script, results) {
	let round = 0;
	let consumed = 0;
	if (script.forever) round = results.length;
	else {
		while (round < script.rounds.length && consumed + script.rounds[round].length <= results.length) {
			consumed += script.rounds[round].length;
			round += 1;
		}
	}
	const calls = script.forever ? [script.forever] : script.rounds[round];
	if (!calls) return { answer: `tools answered: ${results.join(' | ')}` };
	return {
		calls: calls.map((call, index) => ({
			id: `call_${round + 1}_${index + 1}`,
			name: call.name,
			arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
		})),
	};
}

/** Chat Completions: the choice's message and finish reason for a scripted request, or undefined. */
function chatToolTurn(body) {
	const messages = Array.isArray(body?.messages) ? body.messages : [];
	const script = scriptIn(messages.filter((message) => message?.role === 'user').flatMap((message) => textsOf(message.content)));
	if (!script) return undefined;
	const results = messages.filter((message) => message?.role === 'tool').map((message) => textsOf(message.content).join(''));
	const turn = nextTurn(script, results);
	if (turn.answer !== undefined) return { message: { role: 'assistant', content: turn.answer, refusal: null }, finish_reason: 'stop' };
	const toolCalls = turn.calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
	return { message: { role: 'assistant', content: null, refusal: null, tool_calls: toolCalls }, finish_reason: 'tool_calls' };
}

/** Responses API: the output items for a scripted request, or undefined. */
function responseToolTurn(body, id) {
	const input = typeof body?.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body?.input) ? body.input : [];
	const script = scriptIn(input.filter((item) => item?.role === 'user').flatMap((item) => textsOf(item.content)));
	if (!script) return undefined;
	const results = input.filter((item) => item?.type === 'function_call_output').map((item) => String(item.output));
	const turn = nextTurn(script, results);
	const suffix = id.replace(/^resp_/, '');
	if (turn.answer !== undefined) {
		return [{ type: 'message', id: `msg_${suffix}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: turn.answer, annotations: [] }] }];
	}
	return turn.calls.map((call, index) => ({
		type: 'function_call',
		id: `fc_${suffix}_${index + 1}`,
		call_id: call.id,
		name: call.name,
		arguments: call.arguments,
		status: 'completed',
	}));
}

module.exports = { chatToolTurn, responseToolTurn };
