// POST /edits, the legacy endpoint OpenAI has removed: answers an edit object whose text is
// `edited (<instruction>): <input>` for each of `n` choices.
'use strict';

module.exports = (server, { json, openAiError }) => {
	server.on('POST', '/v1/edits', (req) => {
		const body = req.body ?? {};
		if (!body.instruction) return openAiError(400, "Missing required parameter: 'instruction'.", { param: 'instruction' });
		const n = body.n ?? 1;
		return json(200, {
			object: 'edit',
			created: 1700000000,
			choices: Array.from({ length: n }, (_, index) => ({ text: `edited (${body.instruction}): ${body.input ?? ''}`, index })),
			usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
		});
	});
};
