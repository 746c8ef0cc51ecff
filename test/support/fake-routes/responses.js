// The Responses API: POST /responses, GET /responses/{id}, POST /responses/{id}/cancel.
// The model answers `echo: <input text>` (plus how many images it saw), or `{"echo": "…"}` for the JSON output
// formats. Stored responses live in state.responses; `previous_response_id` must name one of them.
// Background responses start `queued` and move on at every GET: queued → in_progress → completed (or to
// state.responseOutcome: 'failed' | 'incomplete', set by a test). Numeric parameters outside the spec's ranges (or
// null, NaN, text) are refused with a 400, so that a value the node failed to check shows up in the tests.
'use strict';

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
		output: [
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
	const response = { ...stored };
	delete response._body;
	return response;
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.responses = new Map();
		state.responseCounter = 0;
		state.responseOutcome = 'completed';
	});

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
		const id = `resp_${String(++server.state.responseCounter).padStart(4, '0')}`;
		const response = makeResponse(body, id);
		if (body.background) {
			Object.assign(response, { status: 'queued', output: [], usage: null });
			server.state.responses.set(id, { ...response, _body: body });
			return json(200, publicResponse(response));
		}
		if (body.store !== false) server.state.responses.set(id, { ...response, _body: body });
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
};

module.exports.makeResponse = makeResponse;
module.exports.inputText = inputText;
