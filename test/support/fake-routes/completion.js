// POST /completions: for each prompt and each of `n` choices answers `echo: <prompt>` (with `echo: true` the
// prompt comes first, as OpenAI does), followed by the suffix when one is given.
'use strict';

module.exports = (server, { json, openAiError }) => {
	server.on('POST', '/v1/completions', (req) => {
		const body = req.body ?? {};
		if (body.prompt === undefined || body.prompt === null) return openAiError(400, "Missing required parameter: 'prompt'.", { param: 'prompt' });
		const prompts = Array.isArray(body.prompt) ? body.prompt : [body.prompt];
		const n = body.n ?? 1;
		const choices = [];
		for (const prompt of prompts) {
			for (let i = 0; i < n; i++) {
				const completion = `echo: ${prompt}${body.suffix ? ` ${body.suffix}` : ''}`;
				choices.push({ text: body.echo ? `${prompt}${completion}` : completion, index: choices.length, logprobs: null, finish_reason: 'stop' });
			}
		}
		return json(200, {
			id: `cmpl-${server.requests.length}`,
			object: 'text_completion',
			created: 1700000000,
			model: body.model ?? 'gpt-3.5-turbo-instruct',
			choices,
			usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
		});
	});
};
