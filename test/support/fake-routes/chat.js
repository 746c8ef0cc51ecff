// POST /chat/completions: answers `echo: <last message>` for each of `n` choices. With a JSON response format
// the answer is JSON instead: `{"echo": "echo: <last message>"}` for json_object, and for json_schema a value
// that follows the schema (every string is the echo text, numbers 0, booleans false, arrays empty).
// Numeric parameters outside the spec's ranges (or null, NaN, text) are refused with a 400, as OpenAI refuses them,
// so that a value the node failed to check shows up as an API error in the tests.
// A user message with `#tool-script …` plays a tool-calling model instead (see ../fake-tool-script.js).
// A completion created with `store: true` is kept in state.chatCompletions (id → { completion, messages }) and
// can be listed (metadata and model filters), retrieved, updated (metadata), deleted and its messages listed.
'use strict';

const { chatToolTurn } = require('../fake-tool-script');

/** [min, max, integer] of every numeric body field of POST /chat/completions, from the vendored spec. */
const NUMBER_RANGES = {
	temperature: [0, 2, false],
	top_p: [0, 1, false],
	n: [1, 128, true],
	presence_penalty: [-2, 2, false],
	frequency_penalty: [-2, 2, false],
	top_logprobs: [0, 20, true],
	max_completion_tokens: [1, Infinity, true],
	max_tokens: [1, Infinity, true],
	seed: [-Infinity, Infinity, true],
};

/** The first numeric field of a body that OpenAI would refuse, as [name, reason]; undefined when all are fine. */
function badNumber(body) {
	for (const [name, [min, max, integer]] of Object.entries(NUMBER_RANGES)) {
		if (!body || !(name in body)) continue;
		const value = body[name];
		if (typeof value !== 'number' || !Number.isFinite(value)) return [name, `expected a number, but got ${JSON.stringify(value)} instead`];
		if (integer && !Number.isInteger(value)) return [name, `expected an integer, but got ${value} instead`];
		if (value < min || value > max) return [name, `${value} is out of range [${min}, ${max}]`];
	}
	return undefined;
}

function sampleOf(schema, text, depth = 0) {
	if (!schema || typeof schema !== 'object' || depth > 8) return null;
	if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	if (type === 'object' || schema.properties) {
		const out = {};
		for (const [key, value] of Object.entries(schema.properties ?? {})) out[key] = sampleOf(value, text, depth + 1);
		return out;
	}
	if (type === 'array') return [];
	if (type === 'string') return text;
	if (type === 'number' || type === 'integer') return 0;
	if (type === 'boolean') return false;
	return null;
}

function lastText(messages) {
	const last = messages[messages.length - 1];
	if (typeof last?.content === 'string') return last.content;
	return JSON.stringify(last?.content ?? '');
}

/** One cursor page (limit 1–100, default 20; order asc by default, as OpenAI lists stored completions). */
function storedPage(list, query, openAiError) {
	const limit = query.limit === undefined ? 20 : Number(query.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
		return { error: openAiError(400, `Invalid 'limit': integer between 1 and 100 expected, got '${query.limit}'.`, { param: 'limit' }) };
	}
	const order = query.order ?? 'asc';
	if (!['asc', 'desc'].includes(order)) return { error: openAiError(400, `Invalid 'order': '${order}'.`, { param: 'order' }) };
	const ordered = order === 'asc' ? [...list] : [...list].reverse();
	let start = 0;
	if (query.after !== undefined) {
		start = ordered.findIndex((entry) => entry.id === query.after) + 1;
		if (start === 0) return { error: openAiError(400, `Invalid 'after': no object '${query.after}'.`, { param: 'after' }) };
	}
	const data = ordered.slice(start, start + limit);
	return {
		body: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more: start + limit < ordered.length },
	};
}

/** The metadata filter of a list query (`metadata[key]=value`). */
function metadataFilter(query) {
	return Object.entries(query)
		.map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value])
		.filter(([key]) => key !== undefined);
}

function storeRoutes(server, { json, openAiError }) {
	server.onReset((state) => {
		state.chatCompletions = new Map();
	});
	const find = (id) => server.state.chatCompletions.get(id);
	const notFound = (id) => openAiError(404, `No chat completion found with id '${id}'.`, { param: 'completion_id', code: 'not_found' });

	server.on('GET', '/v1/chat/completions', (req) => {
		const filter = metadataFilter(req.query);
		const list = [...server.state.chatCompletions.values()]
			.map((stored) => stored.completion)
			.filter((completion) => req.query.model === undefined || completion.model === req.query.model)
			.filter((completion) => filter.every(([key, value]) => completion.metadata?.[key] === value));
		const { body, error } = storedPage(list, req.query, openAiError);
		return error ?? json(200, body);
	});
	server.on('GET', /^\/v1\/chat\/completions\/(?<id>[^/]+)$/, (req) => {
		const stored = find(req.params.id);
		return stored ? json(200, stored.completion) : notFound(req.params.id);
	});
	server.on('POST', /^\/v1\/chat\/completions\/(?<id>[^/]+)$/, (req) => {
		const stored = find(req.params.id);
		if (!stored) return notFound(req.params.id);
		const metadata = req.body?.metadata;
		if (metadata === undefined) return openAiError(400, "Missing required parameter: 'metadata'.", { param: 'metadata' });
		if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== 'string'))) {
			return openAiError(400, "Invalid type for 'metadata': expected an object of strings.", { param: 'metadata' });
		}
		stored.completion.metadata = metadata ?? {};
		return json(200, stored.completion);
	});
	server.on('DELETE', /^\/v1\/chat\/completions\/(?<id>[^/]+)$/, (req) => {
		if (!find(req.params.id)) return notFound(req.params.id);
		server.state.chatCompletions.delete(req.params.id);
		return json(200, { object: 'chat.completion.deleted', id: req.params.id, deleted: true });
	});
	server.on('GET', /^\/v1\/chat\/completions\/(?<id>[^/]+)\/messages$/, (req) => {
		const stored = find(req.params.id);
		if (!stored) return notFound(req.params.id);
		const { body, error } = storedPage(stored.messages, req.query, openAiError);
		return error ?? json(200, body);
	});
}

/** A stored completion: the answer plus its request's metadata; its messages as OpenAI lists them (with IDs). */
function storeCompletion(server, completion, body) {
	const messages = (Array.isArray(body.messages) ? body.messages : []).map((message, index) => ({
		id: `${completion.id}-${index}`,
		role: message.role,
		content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? null),
		name: message.name ?? null,
		content_parts: null,
	}));
	server.state.chatCompletions.set(completion.id, { completion: { ...completion, metadata: body.metadata ?? {} }, messages });
}

module.exports = (server, helpers) => {
	const { json, openAiError } = helpers;
	storeRoutes(server, helpers);
	server.on('POST', '/v1/chat/completions', (req) => {
		const bad = badNumber(req.body);
		if (bad) return openAiError(400, `Invalid value for '${bad[0]}': ${bad[1]}.`, { param: bad[0], code: 'invalid_value' });
		const messages = Array.isArray(req.body?.messages) ? req.body.messages : [];
		const text = `echo: ${lastText(messages)}`;
		const format = req.body?.response_format;
		let content = text;
		if (format?.type === 'json_object') content = JSON.stringify({ echo: text });
		if (format?.type === 'json_schema') content = JSON.stringify(sampleOf(format.json_schema?.schema, text));
		const n = req.body?.n ?? 1;
		const scripted = chatToolTurn(req.body);
		const completion = {
			id: `chatcmpl-${server.requests.length}`,
			object: 'chat.completion',
			created: 1700000000,
			model: req.body?.model ?? 'gpt-4o-mini',
			choices: Array.from({ length: n }, (_, index) => ({
				index,
				message: { role: 'assistant', content, refusal: null },
				logprobs: null,
				finish_reason: 'stop',
				...scripted,
			})),
			usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
		};
		if (req.body?.store === true) storeCompletion(server, completion, req.body);
		return json(200, completion);
	});
};
