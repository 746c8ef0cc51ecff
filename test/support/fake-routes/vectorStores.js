// The Vector Stores API: /vector_stores (create, list, retrieve, update, delete, search), their files
// (add, list, retrieve, update attributes, delete, parsed content) and file batches (create, retrieve, cancel,
// list files). Stores live in state.vectorStores, files of stores in state.vectorStoreFiles, batches in
// state.vectorFileBatches; the files themselves are files.js's (state.files): an unknown file ID is a 404.
// A file added to a store is `in_progress` and finishes after state.vectorStoreProcessingChecks status reads
// (GET of its store, of itself or of its batch; default 1, 0 finishes at once), as `completed`, or as `failed`
// when its ID is in state.failingVectorFiles. Search splits each completed file's text (a PDF's `(…) Tj`
// strings) into paragraphs and scores them by the share of query words they hold. Request bodies are checked
// like the spec's schemas (no unknown keys, the numeric ranges), so what the node must not send shows up.
// The checks and the text reading are ../fake-vector-store-checks.js.
'use strict';

const NOW = 1700000000;

const {
	attributesProblem,
	chunkingProblem,
	expiresProblem,
	fileText,
	filterProblem,
	isInt,
	matches,
	metadataProblem,
	pageOf,
	problem,
} = require('../fake-vector-store-checks');

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.vectorStores = [];
		state.vectorStoreFiles = [];
		state.vectorFileBatches = [];
		state.vectorStoreCounter = 0;
		state.vectorFileBatchCounter = 0;
		state.vectorStoreProcessingChecks = 1;
		state.failingVectorFiles = [];
	});
	const state = () => server.state;
	const badRequest = (message) => openAiError(400, message);
	const storeNotFound = (id) => openAiError(404, `No vector store found with id '${id}'.`, { code: 'not_found' });
	const fileNotFound = (id) => openAiError(404, `No such File object: ${id}`, { param: 'file_id' });
	const filesOf = (storeId) => state().vectorStoreFiles.filter((file) => file.vector_store_id === storeId);

	const finish = (file) => {
		if (state().failingVectorFiles.includes(file.id)) {
			Object.assign(file, { status: 'failed', last_error: { code: 'invalid_file', message: 'The file could not be parsed.' } });
		} else file.status = 'completed';
	};
	const advance = (file) => {
		if (file.status !== 'in_progress') return;
		file._checksLeft -= 1;
		if (file._checksLeft <= 0) finish(file);
	};
	const counts = (files) => {
		const count = (status) => files.filter((file) => file.status === status).length;
		return { in_progress: count('in_progress'), completed: count('completed'), failed: count('failed'), cancelled: count('cancelled'), total: files.length };
	};
	const publicStore = (store) => {
		const files = filesOf(store.id);
		const file_counts = counts(files);
		return { ...store, status: file_counts.in_progress ? 'in_progress' : 'completed', usage_bytes: files.reduce((sum, f) => sum + f.usage_bytes, 0), file_counts };
	};
	const publicFile = (file) => Object.fromEntries(Object.entries(file).filter(([key]) => !key.startsWith('_')));
	const publicBatch = (batch) => {
		const file_counts = counts(state().vectorStoreFiles.filter((file) => file._batchId === batch.id));
		const status = batch.status === 'cancelled' ? 'cancelled' : file_counts.in_progress ? 'in_progress' : 'completed';
		return { ...batch, status, file_counts };
	};
	const findStore = (id) => state().vectorStores.find((store) => store.id === id);
	const findFile = (storeId, fileId) => filesOf(storeId).find((file) => file.id === fileId);

	/** Adds a file to a store (again: replaces it), in_progress until it has been looked at. */
	const attach = (storeId, fileId, { attributes, chunking_strategy: chunking }, batchId) => {
		const source = state().files.find((file) => file.id === fileId);
		state().vectorStoreFiles = state().vectorStoreFiles.filter((file) => !(file.vector_store_id === storeId && file.id === fileId));
		const strategy = chunking?.type === 'static' ? chunking : { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };
		const file = {
			id: fileId, object: 'vector_store.file', usage_bytes: source?.bytes ?? 0, created_at: NOW + state().vectorStoreFiles.length + 1,
			vector_store_id: storeId, status: 'in_progress', last_error: null, chunking_strategy: strategy, attributes: attributes ?? {},
			_checksLeft: state().vectorStoreProcessingChecks, _batchId: batchId,
		};
		if (file._checksLeft <= 0) finish(file);
		state().vectorStoreFiles.push(file);
		return file;
	};
	const missingFile = (ids) => ids.find((id) => !state().files.some((file) => file.id === id));

	server.on('POST', '/v1/vector_stores', (req) => {
		const body = req.body ?? {};
		const bad = problem(body, ['file_ids', 'name', 'description', 'expires_after', 'chunking_strategy', 'metadata']) ??
			chunkingProblem(body.chunking_strategy) ?? expiresProblem(body.expires_after) ?? metadataProblem(body.metadata);
		if (bad) return badRequest(bad);
		const fileIds = body.file_ids ?? [];
		if (!Array.isArray(fileIds) || fileIds.length > 500) return badRequest("Invalid 'file_ids'");
		const missing = missingFile(fileIds);
		if (missing) return fileNotFound(missing);
		const id = `vs_${String(++state().vectorStoreCounter).padStart(4, '0')}`;
		const store = {
			id, object: 'vector_store', created_at: NOW + state().vectorStoreCounter, name: body.name ?? '', description: body.description ?? null,
			metadata: body.metadata ?? {}, last_active_at: NOW + state().vectorStoreCounter,
			expires_after: body.expires_after ?? null, expires_at: body.expires_after ? NOW + body.expires_after.days * 86400 : null,
		};
		state().vectorStores.push(store);
		for (const fileId of fileIds) attach(id, fileId, body);
		return json(200, publicStore(store));
	});
	server.on('GET', '/v1/vector_stores', (req) => {
		const answer = pageOf(state().vectorStores, req.query, openAiError);
		if (answer.status === 200) answer.body.data = answer.body.data.map(publicStore);
		return answer;
	});
	server.on('GET', /^\/v1\/vector_stores\/(?<id>[^/]+)$/, (req) => {
		const store = findStore(req.params.id);
		if (!store) return storeNotFound(req.params.id);
		filesOf(store.id).forEach(advance);
		return json(200, publicStore(store));
	});
	server.on('POST', /^\/v1\/vector_stores\/(?<id>[^/]+)$/, (req) => {
		const store = findStore(req.params.id);
		if (!store) return storeNotFound(req.params.id);
		const body = req.body ?? {};
		const bad = problem(body, ['name', 'expires_after', 'metadata']) ?? expiresProblem(body.expires_after) ?? metadataProblem(body.metadata);
		if (bad) return badRequest(bad);
		if ('name' in body) store.name = body.name;
		if ('metadata' in body) store.metadata = body.metadata;
		if ('expires_after' in body) {
			store.expires_after = body.expires_after;
			store.expires_at = body.expires_after ? NOW + body.expires_after.days * 86400 : null;
		}
		return json(200, publicStore(store));
	});
	server.on('DELETE', /^\/v1\/vector_stores\/(?<id>[^/]+)$/, (req) => {
		if (!findStore(req.params.id)) return storeNotFound(req.params.id);
		state().vectorStores = state().vectorStores.filter((store) => store.id !== req.params.id);
		state().vectorStoreFiles = state().vectorStoreFiles.filter((file) => file.vector_store_id !== req.params.id);
		return json(200, { id: req.params.id, object: 'vector_store.deleted', deleted: true });
	});

	server.on('POST', /^\/v1\/vector_stores\/(?<id>[^/]+)\/search$/, (req) => {
		const store = findStore(req.params.id);
		if (!store) return storeNotFound(req.params.id);
		const body = req.body ?? {};
		const queries = typeof body.query === 'string' ? [body.query] : body.query;
		const bad = problem(body, ['query', 'rewrite_query', 'max_num_results', 'filters', 'ranking_options']) ??
			(!Array.isArray(queries) || queries.length === 0 || !queries.every((q) => typeof q === 'string' && q.trim()) ? "Invalid 'query'" : undefined) ??
			(body.max_num_results !== undefined && !isInt(body.max_num_results, 1, 50) ? `Invalid 'max_num_results': ${JSON.stringify(body.max_num_results)}` : undefined) ??
			(body.rewrite_query !== undefined && typeof body.rewrite_query !== 'boolean' ? "Invalid 'rewrite_query'" : undefined) ??
			(body.filters !== undefined ? filterProblem(body.filters) : undefined) ??
			problem(body.ranking_options, ['ranker', 'score_threshold']) ??
			(body.ranking_options?.ranker !== undefined && !['none', 'auto', 'default-2024-11-15'].includes(body.ranking_options.ranker) ? "Invalid 'ranking_options.ranker'" : undefined) ??
			(body.ranking_options?.score_threshold !== undefined && !(body.ranking_options.score_threshold >= 0 && body.ranking_options.score_threshold <= 1) ? "Invalid 'ranking_options.score_threshold'" : undefined);
		if (bad) return badRequest(bad);
		const words = [...new Set(queries.join(' ').toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])];
		const threshold = body.ranking_options?.score_threshold ?? 0;
		const hits = [];
		for (const file of filesOf(store.id).filter((f) => f.status === 'completed' && (!body.filters || matches(body.filters, f.attributes)))) {
			const source = state().files.find((f) => f.id === file.id);
			for (const chunk of fileText(source).split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean)) {
				const lower = chunk.toLowerCase();
				const score = words.length ? words.filter((word) => lower.includes(word)).length / words.length : 0;
				if (score > 0 && score >= threshold) hits.push({ file_id: file.id, filename: source?.filename ?? file.id, score: Math.round(score * 1e4) / 1e4, attributes: file.attributes, content: [{ type: 'text', text: chunk }] });
			}
		}
		hits.sort((a, b) => b.score - a.score);
		return json(200, { object: 'vector_store.search_results.page', search_query: queries, data: hits.slice(0, body.max_num_results ?? 10), has_more: false, next_page: null });
	});

	server.on('POST', /^\/v1\/vector_stores\/(?<id>[^/]+)\/files$/, (req) => {
		if (!findStore(req.params.id)) return storeNotFound(req.params.id);
		const body = req.body ?? {};
		const bad = problem(body, ['file_id', 'attributes', 'chunking_strategy']) ?? chunkingProblem(body.chunking_strategy) ?? attributesProblem(body.attributes) ??
			(typeof body.file_id !== 'string' ? "Missing required parameter: 'file_id'." : undefined);
		if (bad) return badRequest(bad);
		if (missingFile([body.file_id])) return fileNotFound(body.file_id);
		return json(200, publicFile(attach(req.params.id, body.file_id, body)));
	});
	server.on('GET', /^\/v1\/vector_stores\/(?<id>[^/]+)\/files$/, (req) => {
		if (!findStore(req.params.id)) return storeNotFound(req.params.id);
		const files = filesOf(req.params.id).filter((file) => !req.query.filter || file.status === req.query.filter);
		const answer = pageOf(files, req.query, openAiError);
		if (answer.status === 200) answer.body.data = answer.body.data.map(publicFile);
		return answer;
	});
	const withFile = (handler) => (req) => {
		if (!findStore(req.params.id)) return storeNotFound(req.params.id);
		const file = findFile(req.params.id, req.params.fileId);
		return file ? handler(file, req) : openAiError(404, `No file found with id '${req.params.fileId}' in vector store '${req.params.id}'.`, { code: 'not_found' });
	};
	const FILE_PATH = /^\/v1\/vector_stores\/(?<id>[^/]+)\/files\/(?<fileId>[^/]+)$/;
	server.on('GET', FILE_PATH, withFile((file) => (advance(file), json(200, publicFile(file)))));
	server.on('POST', FILE_PATH, withFile((file, req) => {
		const body = req.body ?? {};
		const bad = problem(body, ['attributes']) ?? (!('attributes' in body) ? "Missing required parameter: 'attributes'." : attributesProblem(body.attributes));
		if (bad) return badRequest(bad);
		file.attributes = body.attributes;
		return json(200, publicFile(file));
	}));
	server.on('DELETE', FILE_PATH, withFile((file) => {
		state().vectorStoreFiles = state().vectorStoreFiles.filter((entry) => entry !== file);
		return json(200, { id: file.id, object: 'vector_store.file.deleted', deleted: true });
	}));
	server.on('GET', /^\/v1\/vector_stores\/(?<id>[^/]+)\/files\/(?<fileId>[^/]+)\/content$/, withFile((file) => {
		const text = fileText(state().files.find((f) => f.id === file.id));
		return json(200, { object: 'vector_store.file_content.page', data: [{ type: 'text', text }], has_more: false, next_page: null });
	}));

	server.on('POST', /^\/v1\/vector_stores\/(?<id>[^/]+)\/file_batches$/, (req) => {
		if (!findStore(req.params.id)) return storeNotFound(req.params.id);
		const body = req.body ?? {};
		const entries = body.file_ids ? body.file_ids.map((file_id) => ({ file_id })) : body.files;
		const bad = problem(body, ['file_ids', 'files', 'attributes', 'chunking_strategy']) ??
			(body.file_ids && body.files ? "'file_ids' and 'files' cannot be used together" : undefined) ??
			(!Array.isArray(entries) || entries.length === 0 || entries.length > 2000 ? "Invalid 'file_ids'" : undefined) ??
			chunkingProblem(body.chunking_strategy) ?? attributesProblem(body.attributes) ??
			entries.map((entry) => problem(entry, ['file_id', 'attributes', 'chunking_strategy']) ?? chunkingProblem(entry.chunking_strategy) ?? attributesProblem(entry.attributes)).find(Boolean);
		if (bad) return badRequest(bad);
		const missing = missingFile(entries.map((entry) => entry.file_id));
		if (missing) return fileNotFound(missing);
		const id = `vsfb_${String(++state().vectorFileBatchCounter).padStart(4, '0')}`;
		const batch = { id, object: 'vector_store.files_batch', created_at: NOW + state().vectorFileBatchCounter, vector_store_id: req.params.id, status: 'in_progress' };
		state().vectorFileBatches.push(batch);
		// Per-file settings win; with file_ids the batch's own apply to every file.
		for (const entry of entries) attach(req.params.id, entry.file_id, body.files ? entry : body, id);
		return json(200, publicBatch(batch));
	});
	const withBatch = (handler) => (req) => {
		const batch = state().vectorFileBatches.find((entry) => entry.id === req.params.batchId && entry.vector_store_id === req.params.id);
		return batch ? handler(batch, req) : openAiError(404, `No file batch found with id '${req.params.batchId}'.`, { code: 'not_found' });
	};
	const batchFiles = (batch) => state().vectorStoreFiles.filter((file) => file._batchId === batch.id);
	server.on('GET', /^\/v1\/vector_stores\/(?<id>[^/]+)\/file_batches\/(?<batchId>[^/]+)$/, withBatch((batch) => {
		batchFiles(batch).forEach(advance);
		return json(200, publicBatch(batch));
	}));
	server.on('POST', /^\/v1\/vector_stores\/(?<id>[^/]+)\/file_batches\/(?<batchId>[^/]+)\/cancel$/, withBatch((batch) => {
		batch.status = 'cancelled';
		batchFiles(batch).filter((file) => file.status === 'in_progress').forEach((file) => (file.status = 'cancelled'));
		return json(200, publicBatch(batch));
	}));
	server.on('GET', /^\/v1\/vector_stores\/(?<id>[^/]+)\/file_batches\/(?<batchId>[^/]+)\/files$/, withBatch((batch, req) => {
		const files = batchFiles(batch).filter((file) => !req.query.filter || file.status === req.query.filter);
		const answer = pageOf(files, req.query, openAiError);
		if (answer.status === 200) answer.body.data = answer.body.data.map(publicFile);
		return answer;
	}));
};

module.exports.fileText = fileText;
