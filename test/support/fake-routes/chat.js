// POST /chat/completions: answers `echo: <last message>` for each of `n` choices. With a JSON response format
// the answer is JSON instead: `{"echo": "echo: <last message>"}` for json_object, and for json_schema a value
// that follows the schema (every string is the echo text, numbers 0, booleans false, arrays empty).
// Numeric parameters outside the spec's ranges (or null, NaN, text) are refused with a 400, as OpenAI refuses them,
// so that a value the node failed to check shows up as an API error in the tests.
// A user message with `#tool-script …` plays a tool-calling model instead (see ../fake-tool-script.js).
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

module.exports = (server, { json, openAiError }) => {
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
		return json(200, {
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
		});
	});
};
