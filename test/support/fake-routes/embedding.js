// POST /embeddings: a deterministic vector per input (derived from the text, `dimensions` long, 4 by default),
// as floats or, with encoding_format base64, as little-endian float32 bytes in base64 like OpenAI sends them.
// Enforces OpenAI's limits: 1..2048 inputs, no empty string, at most 8192 "tokens" (characters / 4) per input.
'use strict';

function vectorOf(text, dimensions) {
	let hash = 2166136261;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
	const vector = new Array(dimensions);
	for (let d = 0; d < dimensions; d++) vector[d] = (((hash >>> (d % 24)) % 2000) - 1000) / 1000;
	return vector;
}

function toBase64(vector) {
	const buffer = Buffer.alloc(vector.length * 4);
	vector.forEach((value, i) => buffer.writeFloatLE(value, i * 4));
	return buffer.toString('base64');
}

module.exports = (server, { json, openAiError }) => {
	server.on('POST', '/v1/embeddings', (req) => {
		const body = req.body ?? {};
		const inputs = Array.isArray(body.input) ? body.input : [body.input];
		if (!body.model) return openAiError(400, "Missing required parameter: 'model'.", { param: 'model' });
		if (inputs.length === 0 || inputs.length > 2048) {
			return openAiError(400, `'$.input' must have between 1 and 2048 entries, got ${inputs.length}.`, { param: 'input' });
		}
		if (inputs.some((text) => typeof text !== 'string' || text === '')) {
			return openAiError(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", { param: 'input' });
		}
		const tokens = inputs.map((text) => Math.ceil(text.length / 4));
		const tooLong = tokens.findIndex((count) => count > 8192);
		if (tooLong >= 0) {
			return openAiError(400, `This model's maximum context length is 8192 tokens, however you requested ${tokens[tooLong]} tokens in input ${tooLong}.`, { param: 'input' });
		}
		const dimensions = body.dimensions ?? 4;
		const total = tokens.reduce((a, b) => a + b, 0);
		return json(200, {
			object: 'list',
			data: inputs.map((text, index) => {
				const vector = vectorOf(text, dimensions);
				return { object: 'embedding', index, embedding: body.encoding_format === 'base64' ? toBase64(vector) : vector };
			}),
			model: body.model,
			usage: { prompt_tokens: total, total_tokens: total },
		});
	});
};
