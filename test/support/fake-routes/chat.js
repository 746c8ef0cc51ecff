// POST /chat/completions: answers `echo: <last message>` for each of `n` choices.
'use strict';

module.exports = (server, { json }) => {
	server.on('POST', '/v1/chat/completions', (req) => {
		const messages = Array.isArray(req.body?.messages) ? req.body.messages : [];
		const last = messages[messages.length - 1];
		const text = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
		const n = req.body?.n ?? 1;
		return json(200, {
			id: `chatcmpl-${server.requests.length}`,
			object: 'chat.completion',
			created: 1700000000,
			model: req.body?.model ?? 'gpt-4o-mini',
			choices: Array.from({ length: n }, (_, index) => ({
				index,
				message: { role: 'assistant', content: `echo: ${text}`, refusal: null },
				logprobs: null,
				finish_reason: 'stop',
			})),
			usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
		});
	});
};
