// The Batch API: POST /batches, GET /batches (cursor paged), GET /batches/{id}, POST /batches/{id}/cancel.
//
// Uploads and downloads are files.js's routes; files live in state.files, shared with it. A batch reads its JSONL input file when it is created and
// moves on at every GET: validating → in_progress → completed. On completion each line is answered like its
// endpoint would (chat: `echo: <last message>`, completions: `echo: <prompt>`, embeddings, moderations,
// responses); a line whose model is not in state.models fails with 404 model_not_found. Both result files are
// written OUT OF ORDER (reversed), failed lines go to the error file.
// Tests steer the ending with state.batchOutcome: 'completed' (default), 'failed' (validation fails),
// 'expired' (only the first half of the lines ran; the rest are in the error file as batch_expired) or
// 'cancelled' (only the first half ran; the rest have no line at all). POST /cancel also ends in 'cancelled'.
'use strict';

const { makeResponse } = require('./responses');

const ENDPOINTS = ['/v1/responses', '/v1/chat/completions', '/v1/embeddings', '/v1/completions', '/v1/moderations'];
const TERMINAL = ['completed', 'failed', 'expired', 'cancelled'];
const NOW = 1700000000;

// ---- result files, kept in state.files beside the uploads of files.js (same shape) ----

function findFile(state, id) {
	return state.files.find((file) => file.id === id);
}

function fileContent(file) {
	const content = file.content ?? file.data ?? '';
	return Buffer.isBuffer(content) ? content : Buffer.from(String(content));
}

function newFile(state, { filename, purpose, content }) {
	state.fileCounter = (state.fileCounter ?? 0) + 1;
	const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
	const file = {
		id: `file-${String(state.fileCounter).padStart(6, '0')}`,
		object: 'file',
		bytes: buffer.length,
		created_at: NOW + state.fileCounter,
		filename,
		purpose,
		status: 'processed',
		expires_at: null,
		status_details: null,
		content: buffer,
	};
	state.files.push(file);
	return file;
}

// ---- what each endpoint answers ----

function lastMessageText(messages) {
	const last = Array.isArray(messages) ? messages[messages.length - 1] : undefined;
	if (!last) return '';
	if (typeof last.content === 'string') return last.content;
	return (Array.isArray(last.content) ? last.content : []).filter((part) => part.type === 'text').map((part) => part.text).join(' ');
}

function answer(url, body, customId) {
	const id = `batchreq${customId}`;
	switch (url) {
		case '/v1/chat/completions':
			return {
				id: `chatcmpl-${id}`,
				object: 'chat.completion',
				created: NOW,
				model: body.model,
				choices: [{ index: 0, message: { role: 'assistant', content: `echo: ${lastMessageText(body.messages)}`, refusal: null }, logprobs: null, finish_reason: 'stop' }],
				usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
			};
		case '/v1/completions':
			return {
				id: `cmpl-${id}`,
				object: 'text_completion',
				created: NOW,
				model: body.model,
				choices: [{ index: 0, text: `echo: ${Array.isArray(body.prompt) ? body.prompt.join(' ') : body.prompt}`, logprobs: null, finish_reason: 'stop' }],
				usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
			};
		case '/v1/embeddings': {
			const inputs = Array.isArray(body.input) ? body.input : [body.input];
			return {
				object: 'list',
				model: body.model,
				data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: [String(input).length / 100, 0.5, -0.5] })),
				usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
			};
		}
		case '/v1/moderations': {
			const inputs = Array.isArray(body.input) ? body.input : [body.input];
			return {
				id: `modr-${id}`,
				model: body.model ?? 'omni-moderation-latest',
				results: inputs.map((input) => {
					const flagged = /\bhate\b/i.test(typeof input === 'string' ? input : JSON.stringify(input));
					return { flagged, categories: { hate: flagged }, category_scores: { hate: flagged ? 0.9 : 0.01 } };
				}),
			};
		}
		case '/v1/responses':
			return makeResponse(body, `resp_${id}`, NOW);
		default:
			return { echo: body };
	}
}

function resultLine(line, server) {
	const requestId = `req_batch_${line.custom_id}`;
	const model = line.body?.model;
	if (line.url !== '/v1/moderations' || model !== undefined) {
		if (!server.state.models.includes(model)) {
			return {
				ok: false,
				line: {
					id: `batch_req_${line.custom_id}`,
					custom_id: line.custom_id,
					response: {
						status_code: 404,
						request_id: requestId,
						body: { error: { message: `The model '${model}' does not exist`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' } },
					},
					error: null,
				},
			};
		}
	}
	return {
		ok: true,
		line: {
			id: `batch_req_${line.custom_id}`,
			custom_id: line.custom_id,
			response: { status_code: 200, request_id: requestId, body: answer(line.url, line.body ?? {}, line.custom_id) },
			error: null,
		},
	};
}

function toJsonl(lines) {
	return lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length ? '\n' : '');
}

/** Runs the lines (all, or the first half for an expired / cancelled batch) and writes the result files. */
function finish(server, batch, status) {
	const lines = batch._lines;
	const ran = status === 'completed' ? lines : lines.slice(0, Math.ceil(lines.length / 2));
	const output = [];
	const errors = [];
	for (const line of ran) {
		const result = resultLine(line, server);
		(result.ok ? output : errors).push(result.line);
	}
	if (status === 'expired') {
		for (const line of lines.slice(ran.length)) {
			errors.push({
				id: `batch_req_${line.custom_id}`,
				custom_id: line.custom_id,
				response: null,
				error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
			});
		}
	}
	// OpenAI writes results in the order they finish, not in input order.
	output.reverse();
	errors.reverse();
	if (output.length) batch.output_file_id = newFile(server.state, { filename: 'batch_output.jsonl', purpose: 'batch_output', content: toJsonl(output) }).id;
	if (errors.length) batch.error_file_id = newFile(server.state, { filename: 'batch_errors.jsonl', purpose: 'batch_output', content: toJsonl(errors) }).id;
	batch.request_counts = { total: lines.length, completed: output.length, failed: errors.length };
	batch.status = status;
	batch[`${status}_at`] = NOW + 60;
	if (status === 'completed') batch.finalizing_at = NOW + 50;
}

function advance(server, batch) {
	if (TERMINAL.includes(batch.status)) return;
	if (batch.status === 'cancelling') return finish(server, batch, 'cancelled');
	const outcome = server.state.batchOutcome ?? 'completed';
	if (batch.status === 'validating') {
		if (outcome === 'failed' || batch._invalid.length) {
			batch.status = 'failed';
			batch.failed_at = NOW + 10;
			batch.errors = {
				object: 'list',
				data: batch._invalid.length
					? batch._invalid
					: [{ code: 'invalid_request', message: 'The batch input file could not be validated.', param: null, line: null }],
			};
			return;
		}
		batch.status = 'in_progress';
		batch.in_progress_at = NOW + 10;
		batch.request_counts = { total: batch._lines.length, completed: 0, failed: 0 };
		return;
	}
	finish(server, batch, outcome === 'failed' ? 'completed' : outcome);
}

function publicBatch(batch) {
	const out = {};
	for (const [key, value] of Object.entries(batch)) if (!key.startsWith('_')) out[key] = value;
	return out;
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.files ??= []; // files.js keeps the uploads here too
		state.batches = [];
		state.batchOutcome = 'completed';
	});

	server.on('POST', '/v1/batches', (req) => {
		const body = req.body ?? {};
		if (!ENDPOINTS.includes(body.endpoint)) {
			return openAiError(400, `Invalid endpoint '${body.endpoint}'. Supported: ${ENDPOINTS.join(', ')}`, { param: 'endpoint' });
		}
		if (body.completion_window !== '24h') {
			return openAiError(400, "Invalid completion_window: only '24h' is supported.", { param: 'completion_window' });
		}
		const file = findFile(server.state, body.input_file_id);
		if (!file) return openAiError(404, `No such File object: ${body.input_file_id}`, { param: 'input_file_id' });
		if (file.purpose !== 'batch') return openAiError(400, `File ${file.id} was not uploaded with purpose 'batch'.`, { param: 'input_file_id' });

		const lines = [];
		const invalid = [];
		const seen = new Set();
		fileContent(file)
			.toString('utf8')
			.split('\n')
			.forEach((text, index) => {
				if (text.trim() === '') return;
				let line;
				try {
					line = JSON.parse(text);
				} catch {
					invalid.push({ code: 'invalid_json_line', message: 'This line is not valid JSON.', param: null, line: index + 1 });
					return;
				}
				if (typeof line.custom_id !== 'string' || seen.has(line.custom_id)) {
					invalid.push({ code: 'duplicate_custom_id', message: 'custom_id must be a unique string.', param: 'custom_id', line: index + 1 });
				} else if (line.method !== 'POST' || line.url !== body.endpoint) {
					invalid.push({ code: 'mismatched_endpoint', message: `The line's url '${line.url}' does not match the batch endpoint.`, param: 'url', line: index + 1 });
				}
				seen.add(line.custom_id);
				lines.push(line);
			});
		if (lines.length === 0 && invalid.length === 0) invalid.push({ code: 'empty_file', message: 'The input file has no requests.', param: null, line: null });

		const batch = {
			id: `batch_${String(server.state.batches.length + 1).padStart(4, '0')}`,
			object: 'batch',
			endpoint: body.endpoint,
			errors: null,
			input_file_id: file.id,
			completion_window: '24h',
			status: 'validating',
			output_file_id: null,
			error_file_id: null,
			created_at: NOW + server.state.batches.length,
			in_progress_at: null,
			expires_at: NOW + 86400,
			finalizing_at: null,
			completed_at: null,
			failed_at: null,
			expired_at: null,
			cancelling_at: null,
			cancelled_at: null,
			request_counts: { total: 0, completed: 0, failed: 0 },
			metadata: body.metadata ?? null,
			_lines: lines,
			_invalid: invalid,
		};
		server.state.batches.push(batch);
		return json(200, publicBatch(batch));
	});

	server.on('GET', '/v1/batches', (req) => {
		const newestFirst = [...server.state.batches].reverse();
		const limit = Math.min(100, Number(req.query.limit ?? 20) || 20);
		const start = req.query.after ? newestFirst.findIndex((batch) => batch.id === req.query.after) + 1 : 0;
		const page = newestFirst.slice(start, start + limit);
		return json(200, {
			object: 'list',
			data: page.map(publicBatch),
			first_id: page[0]?.id ?? null,
			last_id: page[page.length - 1]?.id ?? null,
			has_more: start + limit < newestFirst.length,
		});
	});

	server.on('GET', /^\/v1\/batches\/(?<id>[^/]+)$/, (req) => {
		const batch = server.state.batches.find((entry) => entry.id === req.params.id);
		if (!batch) return openAiError(404, `No batch found with id '${req.params.id}'.`, { code: 'not_found' });
		advance(server, batch);
		return json(200, publicBatch(batch));
	});

	server.on('POST', /^\/v1\/batches\/(?<id>[^/]+)\/cancel$/, (req) => {
		const batch = server.state.batches.find((entry) => entry.id === req.params.id);
		if (!batch) return openAiError(404, `No batch found with id '${req.params.id}'.`, { code: 'not_found' });
		if (!['validating', 'in_progress', 'finalizing'].includes(batch.status)) {
			return openAiError(409, `Cannot cancel a batch with status '${batch.status}'.`, { code: 'batch_not_cancellable' });
		}
		batch.status = 'cancelling';
		batch.cancelling_at = NOW + 20;
		return json(200, publicBatch(batch));
	});
};

module.exports.findFile = findFile;
