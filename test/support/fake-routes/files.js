// The Files API: POST /files (multipart), GET /files (cursor paged: purpose, order, limit, after),
// GET /files/{id}, DELETE /files/{id}, GET /files/{id}/content.
//
// Files live in state.files, an array shared with batch.js (which also writes result files there):
// { id, object, bytes, created_at, filename, purpose, status, expires_at?, content }. A big upload that the
// server only measured (see multipart-counter.js) is stored with its size, lines and sha256 and no content.
// Tests may set state.filesPageSizeCap to make every list page at most that long (to prove paging).
'use strict';

const NOW = 1700000000;
const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

function publicFile(file) {
	const out = {};
	for (const [key, value] of Object.entries(file)) {
		if (!['content', 'data', 'lines', 'sha256'].includes(key) && !key.startsWith('_')) out[key] = value;
	}
	return out;
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.files ??= [];
		state.fileCounter ??= 0;
		state.filesPageSizeCap = undefined;
	});

	const find = (id) => server.state.files.find((file) => file.id === id);
	const notFound = (id) => openAiError(404, `No such File object: ${id}`, { param: 'id' });

	server.on('POST', '/v1/files', (req) => {
		const body = req.body ?? {};
		const file = body.file;
		if (!file || typeof file !== 'object') return openAiError(400, "Missing required parameter: 'file'.", { param: 'file' });
		if (!body.purpose) return openAiError(400, "Missing required parameter: 'purpose'.", { param: 'purpose' });
		if (!PURPOSES.includes(body.purpose)) {
			return openAiError(400, `'${body.purpose}' is not one of ${PURPOSES.map((p) => `'${p}'`).join(', ')} - 'purpose'`, { param: 'purpose' });
		}
		if (body.purpose === 'fine-tune' && !/\.jsonl$/i.test(file.filename ?? '')) {
			return openAiError(400, 'Invalid file format for Fine-Tuning API. Must be .jsonl', { param: 'file' });
		}
		server.state.fileCounter += 1;
		const counter = server.state.fileCounter;
		const created = NOW + counter;
		const seconds = Number(body['expires_after[seconds]']);
		const stored = {
			id: `file-${String(counter).padStart(6, '0')}`,
			object: 'file',
			bytes: file.size,
			created_at: created,
			filename: file.filename,
			purpose: body.purpose,
			status: 'processed',
			expires_at: Number.isFinite(seconds) && body['expires_after[anchor]'] === 'created_at' ? created + seconds : null,
			status_details: null,
			content: file.content,
			lines: file.lines,
			sha256: file.sha256,
		};
		server.state.files.push(stored);
		return json(200, publicFile(stored));
	});

	server.on('GET', '/v1/files', (req) => {
		const order = req.query.order ?? 'desc';
		if (!['asc', 'desc'].includes(order)) return openAiError(400, `Invalid order '${order}'`, { param: 'order' });
		// Oldest first by created_at; equal times keep upload order.
		const sorted = server.state.files
			.map((file, index) => ({ file, index }))
			.filter(({ file }) => !req.query.purpose || file.purpose === req.query.purpose)
			.sort((a, b) => a.file.created_at - b.file.created_at || a.index - b.index)
			.map(({ file }) => file);
		if (order === 'desc') sorted.reverse();
		let limit = Number(req.query.limit ?? 10000) || 10000;
		if (server.state.filesPageSizeCap) limit = Math.min(limit, server.state.filesPageSizeCap);
		const start = req.query.after ? sorted.findIndex((file) => file.id === req.query.after) + 1 : 0;
		const page = sorted.slice(start, start + limit);
		return json(200, {
			object: 'list',
			data: page.map(publicFile),
			first_id: page[0]?.id ?? null,
			last_id: page[page.length - 1]?.id ?? null,
			has_more: start + limit < sorted.length,
		});
	});

	server.on('GET', /^\/v1\/files\/(?<id>[^/]+)$/, (req) => {
		const file = find(req.params.id);
		return file ? json(200, publicFile(file)) : notFound(req.params.id);
	});

	server.on('DELETE', /^\/v1\/files\/(?<id>[^/]+)$/, (req) => {
		const file = find(req.params.id);
		if (!file) return notFound(req.params.id);
		server.state.files = server.state.files.filter((entry) => entry !== file);
		return json(200, { id: file.id, object: 'file', deleted: true });
	});

	server.on('GET', /^\/v1\/files\/(?<id>[^/]+)\/content$/, (req) => {
		const file = find(req.params.id);
		if (!file) return notFound(req.params.id);
		if (file.content === undefined && file.data === undefined) {
			return openAiError(400, `The content of ${file.id} was only measured by the fake server (${file.bytes} bytes), not kept.`);
		}
		const content = file.content ?? file.data;
		return {
			status: 200,
			body: Buffer.isBuffer(content) ? content : Buffer.from(String(content)),
			headers: { 'content-type': 'application/octet-stream' },
		};
	});
};
