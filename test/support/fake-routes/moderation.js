// POST /moderations: one result per text of a list of strings (a single string is one result), one result for a
// multi-modal list as a whole. A text is flagged for violence when it contains "kill", for harassment when
// it contains "hate"; an image is flagged when its URL contains "violent".
'use strict';

const CATEGORIES = ['harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent', 'self-harm', 'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic'];

function result(flags, appliedTypes) {
	const categories = Object.fromEntries(CATEGORIES.map((c) => [c, flags.includes(c)]));
	const scores = Object.fromEntries(CATEGORIES.map((c) => [c, flags.includes(c) ? 0.97 : 0.001]));
	const applied = Object.fromEntries(CATEGORIES.map((c) => [c, appliedTypes]));
	return { flagged: flags.length > 0, categories, category_scores: scores, category_applied_input_types: applied };
}

function textFlags(text) {
	const flags = [];
	if (/kill/i.test(text)) flags.push('violence');
	if (/hate/i.test(text)) flags.push('harassment');
	return flags;
}

module.exports = (server, { json, openAiError }) => {
	server.on('POST', '/v1/moderations', (req) => {
		const body = req.body ?? {};
		const input = body.input;
		if (input === undefined || input === null || (Array.isArray(input) && input.length === 0)) {
			return openAiError(400, "Missing required parameter: 'input'.", { param: 'input' });
		}
		let results;
		if (Array.isArray(input) && input.some((entry) => typeof entry === 'object')) {
			const flags = [];
			const types = new Set();
			for (const part of input) {
				if (part.type === 'text') {
					flags.push(...textFlags(part.text ?? ''));
					types.add('text');
				} else if (part.type === 'image_url') {
					if (/violent/i.test(part.image_url?.url ?? '')) flags.push('violence');
					types.add('image');
				}
			}
			results = [result([...new Set(flags)], [...types])];
		} else {
			results = (Array.isArray(input) ? input : [input]).map((text) => result(textFlags(String(text)), ['text']));
		}
		return json(200, { id: `modr-${server.requests.length}`, model: body.model ?? 'omni-moderation-latest', results });
	});
};
