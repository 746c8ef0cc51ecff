// The Responses API: POST /responses, GET /responses/{id}, POST /responses/{id}/cancel, DELETE /responses/{id},
// GET /responses/{id}/input_items (cursor paged), POST /responses/input_tokens, POST /responses/compact.
// The model answers `echo: <input text>` (plus how many images it saw), or `{"echo": "…"}` for the JSON output
// formats. Stored responses live in state.responses; `previous_response_id` must name one of them.
// Background responses start `queued` and move on at every GET: queued → in_progress → completed (or to
// state.responseOutcome: 'failed' | 'incomplete', set by a test). Numeric parameters outside the spec's ranges (or
// null, NaN, text) are refused with a 400, so that a value the node failed to check shows up in the tests.
// A response created with `conversation` (conversations.js) answers `echo: <input> (earlier: <what the user said
// before>)` and appends its input and output items to the conversation (a background one when it completes).
// Input tokens are counted as words (input, instructions, the conversation or previous response, 10 per tool).
// A user message with `#tool-script …` plays a tool-calling model instead (see ../fake-tool-script.js).
'use strict';

const { responseToolTurn } = require('../fake-tool-script');
const { appendItems, inputItemsOf, itemWords, page, storedItem, userTexts, words } = require('./conversations');

/** [min, max, integer] of the numeric body fields of POST /responses, from the vendored spec. */
const NUMBER_RANGES = {
	max_output_tokens: [16, Infinity, true],
	temperature: [0, 2, false],
	top_p: [0, 1, false],
	top_logprobs: [0, 20, true],
};

function badNumber(body) {
	for (const [name, [min, max, integer]] of Object.entries(NUMBER_RANGES)) {
		if (!(name in body)) continue;
		const value = body[name];
		if (typeof value !== 'number' || !Number.isFinite(value)) return [name, `expected a number, but got ${JSON.stringify(value)} instead`];
		if (integer && !Number.isInteger(value)) return [name, `expected an integer, but got ${value} instead`];
		if (value < min || value > max) return [name, `${value} is out of range [${min}, ${max}]`];
	}
	const fileSearch = Array.isArray(body.tools) ? body.tools.find((tool) => tool?.type === 'file_search') : undefined;
	const maxResults = fileSearch?.max_num_results;
	if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= 50)) {
		return ['tools[].max_num_results', `expected an integer between 1 and 50, but got ${JSON.stringify(maxResults)} instead`];
	}
	return undefined;
}

const TERMINAL = ['completed', 'failed', 'cancelled', 'incomplete'];

/** The text of the input the model answers: a string, or the last user message's text parts. */
function inputText(input) {
	if (typeof input === 'string') return { text: input, images: 0 };
	const messages = Array.isArray(input) ? input : [];
	const last = [...messages].reverse().find((message) => message && message.role === 'user') ?? messages[messages.length - 1];
	if (!last) return { text: '', images: 0 };
	if (typeof last.content === 'string') return { text: last.content, images: 0 };
	const parts = Array.isArray(last.content) ? last.content : [];
	return {
		text: parts.filter((part) => part.type === 'input_text').map((part) => part.text).join(' '),
		images: parts.filter((part) => part.type === 'input_image').length,
	};
}

/** The answer text for a request body, shaped by its output format. */
function answerFor(body) {
	const { text, images } = inputText(body.input);
	const echo = `echo: ${text}${images ? ` [${images} image${images === 1 ? '' : 's'}]` : ''}`;
	const format = body.text?.format?.type;
	return format === 'json_object' || format === 'json_schema' ? JSON.stringify({ echo }) : echo;
}

/** A completed Response object for a request body (also used by the batch route for /v1/responses lines). */
function makeResponse(body, id, createdAt = 1700000000) {
	const answer = answerFor(body);
	return {
		id,
		object: 'response',
		created_at: createdAt,
		status: 'completed',
		background: Boolean(body.background),
		error: null,
		incomplete_details: null,
		instructions: body.instructions ?? null,
		max_output_tokens: body.max_output_tokens ?? null,
		model: body.model,
		output: responseToolTurn(body, id) ?? [
			{
				type: 'message',
				id: `msg_${id.replace(/^resp_/, '')}`,
				status: 'completed',
				role: 'assistant',
				content: [{ type: 'output_text', text: answer, annotations: [] }],
			},
		],
		parallel_tool_calls: body.parallel_tool_calls ?? true,
		previous_response_id: body.previous_response_id ?? null,
		reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
		service_tier: body.service_tier ?? 'default',
		store: body.store ?? true,
		temperature: body.temperature ?? 1,
		text: body.text ?? { format: { type: 'text' } },
		tool_choice: body.tool_choice ?? 'auto',
		tools: body.tools ?? [],
		top_p: body.top_p ?? 1,
		truncation: body.truncation ?? 'disabled',
		usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 10 },
		metadata: body.metadata ?? {},
	};
}

function publicResponse(stored) {
	return Object.fromEntries(Object.entries(stored).filter(([key]) => !key.startsWith('_')));
}

/** The conversation ID of a request body (`conversation` is an ID or `{ id }`), or undefined. */
function conversationOf(body) {
	const conversation = body.conversation;
	if (conversation === undefined || conversation === null) return undefined;
	return typeof conversation === 'string' ? conversation : conversation.id;
}

/**
 * A completed response in a conversation: its answer also says what the user said before, and its input and
 * output items join the conversation.
 */
function joinConversation(state, response, stored) {
	const id = stored._conversation;
	const earlier = userTexts(state, id);
	const part = response.output[0]?.content?.[0];
	if (earlier.length && part) {
		const format = stored._body.text?.format?.type;
		part.text =
			format === 'json_object' || format === 'json_schema'
				? JSON.stringify({ ...JSON.parse(part.text), earlier })
				: `${part.text} (earlier: ${earlier.join(' | ')})`;
	}
	appendItems(state, id, [...stored._inputItems, ...response.output]);
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.responses = new Map();
		state.responseCounter = 0;
		state.responseOutcome = 'completed';
	});

	/** A `conversation` that cannot be used (unknown, or together with previous_response_id), or undefined. */
	function conversationProblem(body, conversation) {
		if (conversation === undefined) return undefined;
		if (body.previous_response_id) {
			return openAiError(400, "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", {
				param: 'conversation',
				code: 'mutually_exclusive_parameters',
			});
		}
		if (!server.state.conversations.has(conversation)) {
			return openAiError(404, `Conversation with id '${conversation}' not found.`, { param: 'conversation', code: 'not_found' });
		}
		return undefined;
	}

	server.on('POST', '/v1/responses', (req) => {
		const body = req.body ?? {};
		if (typeof body.model !== 'string' || body.model === '') return openAiError(400, "Missing required parameter: 'model'.", { param: 'model', code: 'missing_required_parameter' });
		if (!server.state.models.includes(body.model)) {
			return openAiError(400, `The requested model '${body.model}' does not exist.`, { param: 'model', code: 'model_not_found' });
		}
		if (body.input === undefined && !body.previous_response_id) return openAiError(400, "Missing required parameter: 'input'.", { param: 'input' });
		if (body.stream) return openAiError(400, 'The fake server does not stream.', { param: 'stream' });
		const bad = badNumber(body);
		if (bad) return openAiError(400, `Invalid value for '${bad[0]}': ${bad[1]}.`, { param: bad[0], code: 'invalid_value' });
		if (body.previous_response_id && !server.state.responses.has(body.previous_response_id)) {
			return openAiError(400, `Previous response with id '${body.previous_response_id}' not found.`, { param: 'previous_response_id', code: 'previous_response_not_found' });
		}
		if (body.background && body.store === false) {
			return openAiError(400, 'Background mode requires store=true.', { param: 'background' });
		}
		const conversation = conversationOf(body);
		const problem = conversationProblem(body, conversation);
		if (problem) return problem;
		const id = `resp_${String(++server.state.responseCounter).padStart(4, '0')}`;
		const response = makeResponse(body, id);
		const internal = { _body: body, _inputItems: inputItemsOf(server.state, body.input), _conversation: conversation };
		if (conversation) response.conversation = { id: conversation };
		if (body.background) {
			Object.assign(response, { status: 'queued', output: [], usage: null });
			server.state.responses.set(id, { ...response, ...internal });
			return json(200, publicResponse(response));
		}
		if (conversation) joinConversation(server.state, response, internal);
		if (body.store !== false) server.state.responses.set(id, { ...response, ...internal });
		return json(200, response);
	});

	server.on('GET', /^\/v1\/responses\/(?<id>[^/]+)$/, (req) => {
		const stored = server.state.responses.get(req.params.id);
		if (!stored) return openAiError(404, `No response found with id '${req.params.id}'.`, { code: 'not_found' });
		if (stored.background && !TERMINAL.includes(stored.status)) {
			if (stored.status === 'queued') stored.status = 'in_progress';
			else {
				const outcome = server.state.responseOutcome;
				Object.assign(stored, makeResponse(stored._body, stored.id, stored.created_at));
				if (outcome === 'failed') {
					Object.assign(stored, { status: 'failed', output: [], error: { code: 'server_error', message: 'The model failed to generate a response.' } });
				} else if (outcome === 'incomplete') {
					stored.status = 'incomplete';
					stored.incomplete_details = { reason: 'max_output_tokens' };
				}
				if (stored._conversation) {
					stored.conversation = { id: stored._conversation };
					if (stored.status === 'completed') joinConversation(server.state, stored, stored);
				}
			}
		}
		return json(200, publicResponse(stored));
	});

	server.on('POST', /^\/v1\/responses\/(?<id>[^/]+)\/cancel$/, (req) => {
		const stored = server.state.responses.get(req.params.id);
		if (!stored) return openAiError(404, `No response found with id '${req.params.id}'.`, { code: 'not_found' });
		if (!stored.background) return openAiError(400, 'Only background responses can be cancelled.', { param: 'response_id' });
		if (!TERMINAL.includes(stored.status)) stored.status = 'cancelled';
		return json(200, publicResponse(stored));
	});

	const notFound = (id) => openAiError(404, `No response found with id '${id}'.`, { code: 'not_found' });

	server.on('DELETE', /^\/v1\/responses\/(?<id>[^/]+)$/, (req) => {
		if (!server.state.responses.has(req.params.id)) return notFound(req.params.id);
		server.state.responses.delete(req.params.id);
		return json(200, { id: req.params.id, object: 'response', deleted: true });
	});

	server.on('GET', /^\/v1\/responses\/(?<id>[^/]+)\/input_items$/, (req) => {
		const stored = server.state.responses.get(req.params.id);
		if (!stored) return notFound(req.params.id);
		const { body, error } = page(stored._inputItems ?? [], req.query, openAiError);
		return error ?? json(200, body);
	});

	/** What POST /responses/input_tokens and /compact check: known model and previous response, usable input. */
	function requestProblem(body, { modelRequired }) {
		if (modelRequired && (typeof body.model !== 'string' || body.model === '')) {
			return openAiError(400, "Missing required parameter: 'model'.", { param: 'model', code: 'missing_required_parameter' });
		}
		if (body.model !== undefined && body.model !== null && !server.state.models.includes(body.model)) {
			return openAiError(400, `The requested model '${body.model}' does not exist.`, { param: 'model', code: 'model_not_found' });
		}
		if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input)) {
			return openAiError(400, "Invalid type for 'input': expected a string or an array of input items.", { param: 'input' });
		}
		if (body.previous_response_id && !server.state.responses.has(body.previous_response_id)) {
			return openAiError(400, `Previous response with id '${body.previous_response_id}' not found.`, { param: 'previous_response_id', code: 'previous_response_not_found' });
		}
		return conversationProblem(body, conversationOf(body));
	}

	/** The items a request starts from: the previous response's input and output, or the conversation's items. */
	function earlierItems(body) {
		const previous = body.previous_response_id ? server.state.responses.get(body.previous_response_id) : undefined;
		if (previous) return [...(previous._inputItems ?? []), ...(previous.output ?? [])];
		const conversation = conversationOf(body);
		return conversation ? server.state.conversations.get(conversation)._items : [];
	}

	server.on('POST', '/v1/responses/input_tokens', (req) => {
		const body = req.body ?? {};
		const problem = requestProblem(body, { modelRequired: false });
		if (problem) return problem;
		const inputWords = typeof body.input === 'string' ? words(body.input) : itemWords(Array.isArray(body.input) ? body.input : []);
		const tools = Array.isArray(body.tools) ? body.tools.length : 0;
		const count = inputWords + words(body.instructions) + itemWords(earlierItems(body)) + 10 * tools;
		return json(200, { object: 'response.input_tokens', input_tokens: count });
	});

	server.on('POST', '/v1/responses/compact', (req) => {
		const body = req.body ?? {};
		const problem = requestProblem(body, { modelRequired: true });
		if (problem) return problem;
		if (body.input === undefined && !body.previous_response_id) {
			return openAiError(400, "Missing required parameter: 'input' or 'previous_response_id'.", { param: 'input' });
		}
		// Like OpenAI: the user messages stay, everything else becomes one encrypted compaction item.
		const items = [...earlierItems(body), ...inputItemsOf(server.state, body.input)];
		const kept = items.filter((item) => item.type === 'message' && item.role === 'user').map((item) => storedItem(server.state, item));
		const id = `resp_${String(++server.state.responseCounter).padStart(4, '0')}`;
		const compaction = { type: 'compaction', id: `cmp_${id.replace(/^resp_/, '')}`, encrypted_content: `fake-compaction-of-${items.length}-items` };
		const inputTokens = itemWords(items) + words(body.instructions);
		return json(200, {
			id,
			object: 'response.compaction',
			created_at: 1700000000,
			output: [...kept, compaction],
			usage: { input_tokens: inputTokens, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: inputTokens + 5 },
		});
	});
};

module.exports.makeResponse = makeResponse;
module.exports.inputText = inputText;
