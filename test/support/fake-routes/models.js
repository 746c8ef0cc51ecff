// GET /models (cursor paged with `after` / `limit`), GET and DELETE /models/{id}.
'use strict';

module.exports = (server, { json, openAiError }) => {
	server.on('GET', '/v1/models', (req) => {
		const ids = server.state.models;
		const limit = Number(req.query.limit ?? 0) || ids.length;
		const start = req.query.after ? ids.indexOf(req.query.after) + 1 : 0;
		const page = ids.slice(start, start + limit);
		return json(200, {
			object: 'list',
			data: page.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: id.startsWith('ft:') ? 'my-org' : server.state.modelOwner })),
			has_more: start + limit < ids.length,
		});
	});
	server.on('GET', /^\/v1\/models\/(?<id>[^/]+)$/, (req) => {
		const id = decodeURIComponent(req.params.id);
		if (!server.state.models.includes(id)) return openAiError(404, `The model '${id}' does not exist`, { code: 'model_not_found', param: 'model' });
		return json(200, { id, object: 'model', created: 1700000000, owned_by: 'openai' });
	});
	server.on('DELETE', /^\/v1\/models\/(?<id>[^/]+)$/, (req) => {
		const id = decodeURIComponent(req.params.id);
		if (!server.state.models.includes(id)) return openAiError(404, `The model '${id}' does not exist`, { code: 'model_not_found', param: 'model' });
		server.state.models = server.state.models.filter((m) => m !== id);
		return json(200, { id, object: 'model', deleted: true });
	});
};
