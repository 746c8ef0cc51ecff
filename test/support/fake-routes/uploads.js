// The Uploads API: POST /uploads, POST /uploads/{id}/parts (multipart `data`), POST /uploads/{id}/complete
// ({part_ids, md5?}: the parts' bytes must add up to the upload's, and the MD5 match where given and the parts
// were kept), POST /uploads/{id}/cancel. A completed upload adds its File to state.files (files.js).
// state.uploads: { id, ..., parts: [{ id, size, sha256, content? }] }; big parts are only measured.
'use strict';

const crypto = require('node:crypto');

const NOW = 1700000000;

function publicUpload(upload) {
	const rest = { ...upload };
	delete rest.parts;
	return rest;
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.uploads = [];
		state.uploadPartCounter = 0;
	});
	const find = (id) => server.state.uploads.find((upload) => upload.id === id);
	const notFound = (id) => openAiError(404, `No such Upload object: ${id}`, { param: 'upload_id' });

	server.on('POST', '/v1/uploads', (req) => {
		const body = req.body ?? {};
		for (const key of ['filename', 'purpose', 'bytes', 'mime_type']) {
			if (body[key] === undefined) return openAiError(400, `Missing required parameter: '${key}'.`, { param: key });
		}
		if (!Number.isSafeInteger(body.bytes) || body.bytes <= 0 || body.bytes > 8 * 1024 ** 3) {
			return openAiError(400, `Invalid 'bytes': ${body.bytes}`, { param: 'bytes' });
		}
		const upload = {
			id: `upload_${String(server.state.uploads.length + 1).padStart(6, '0')}`,
			object: 'upload',
			bytes: body.bytes,
			created_at: NOW,
			filename: body.filename,
			purpose: body.purpose,
			mime_type: body.mime_type,
			status: 'pending',
			expires_at: NOW + 3600,
			file: null,
			expires_after: body.expires_after,
			parts: [],
		};
		server.state.uploads.push(upload);
		return json(200, publicUpload(upload));
	});

	server.on('POST', /^\/v1\/uploads\/(?<id>[^/]+)\/parts$/, (req) => {
		const upload = find(req.params.id);
		if (!upload) return notFound(req.params.id);
		if (upload.status !== 'pending') return openAiError(400, `Upload ${upload.id} is ${upload.status}`);
		const data = req.body?.data;
		if (!data || typeof data !== 'object') return openAiError(400, "Missing required parameter: 'data'.", { param: 'data' });
		if (data.size > 64 * 1024 * 1024) return openAiError(400, 'A part can be at most 64 MB', { param: 'data' });
		server.state.uploadPartCounter += 1;
		const part = {
			id: `part_${String(server.state.uploadPartCounter).padStart(6, '0')}`,
			size: data.size,
			sha256: data.sha256 ?? crypto.createHash('sha256').update(data.content).digest('hex'),
			content: data.content,
		};
		upload.parts.push(part);
		return json(200, { id: part.id, object: 'upload.part', created_at: NOW, upload_id: upload.id });
	});

	server.on('POST', /^\/v1\/uploads\/(?<id>[^/]+)\/complete$/, (req) => {
		const upload = find(req.params.id);
		if (!upload) return notFound(req.params.id);
		if (upload.status !== 'pending') return openAiError(400, `Upload ${upload.id} is ${upload.status}`);
		const ids = req.body?.part_ids;
		if (!Array.isArray(ids)) return openAiError(400, "Missing required parameter: 'part_ids'.", { param: 'part_ids' });
		const parts = ids.map((id) => upload.parts.find((part) => part.id === id));
		if (parts.some((part) => !part)) return openAiError(400, 'Unknown part ID', { param: 'part_ids' });
		const bytes = parts.reduce((sum, part) => sum + part.size, 0);
		if (bytes !== upload.bytes) {
			return openAiError(400, `The parts add up to ${bytes} bytes, not the ${upload.bytes} the upload was created with`);
		}
		const kept = parts.every((part) => part.content);
		const content = kept ? Buffer.concat(parts.map((part) => part.content)) : undefined;
		if (req.body.md5 !== undefined && kept && crypto.createHash('md5').update(content).digest('hex') !== req.body.md5) {
			return openAiError(400, 'The md5 checksum does not match the uploaded bytes', { param: 'md5' });
		}
		server.state.fileCounter = (server.state.fileCounter ?? 0) + 1;
		const file = {
			id: `file-${String(server.state.fileCounter).padStart(6, '0')}`,
			object: 'file',
			bytes,
			created_at: NOW + server.state.fileCounter,
			filename: upload.filename,
			purpose: upload.purpose,
			status: 'processed',
			expires_at: upload.expires_after?.seconds ? NOW + server.state.fileCounter + upload.expires_after.seconds : null,
			status_details: null,
		};
		server.state.files?.push({ ...file, content });
		upload.status = 'completed';
		upload.file = file;
		upload.part_order = parts.map((part) => ({ size: part.size, sha256: part.sha256 }));
		return json(200, publicUpload(upload));
	});

	server.on('POST', /^\/v1\/uploads\/(?<id>[^/]+)\/cancel$/, (req) => {
		const upload = find(req.params.id);
		if (!upload) return notFound(req.params.id);
		if (upload.status !== 'pending') return openAiError(400, `Upload ${upload.id} is ${upload.status}`);
		upload.status = 'cancelled';
		return json(200, publicUpload(upload));
	});
};
