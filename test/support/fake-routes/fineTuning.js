// The Fine-tuning API: POST /fine_tuning/jobs, GET /fine_tuning/jobs (paged), GET /fine_tuning/jobs/{id},
// POST …/cancel, …/pause, …/resume, GET …/events (newest first, paged with `after`), GET …/checkpoints.
//
// A job follows a script: every GET /fine_tuning/jobs/{id} moves it one step on (unless it is paused or has
// ended) and each step adds its events, so a client that polls sees the job progress and events appear over
// several polls. The default script validates → queues → runs (metrics, a checkpoint) → succeeds (the model is
// added to state.models). A job created with metadata {"fake_outcome": "failed"} fails at its last step
// with an error of its own. Tests may set state.fineTuning.script (an array of steps
// { status, events: [message | { message, level, type, data }], error?, checkpoint? }) before creating a job,
// and state.fineTuning.pageSizeCap to cut every list page down (to prove paging).
'use strict';

const NOW = 1700000000;
const TERMINAL = ['succeeded', 'failed', 'cancelled'];

function defaultScript(failed) {
	const running = [
		{ status: 'queued', events: ['Files validated, moving job to queued state'] },
		{ status: 'running', events: ['Fine-tuning job started'] },
		{
			status: 'running',
			events: [
				{ message: 'Step 1/2: training loss=0.80', type: 'metrics', data: { step: 1, train_loss: 0.8, total_steps: 2 } },
				{ message: 'Step 2/2: training loss=0.40', type: 'metrics', data: { step: 2, train_loss: 0.4, total_steps: 2 } },
			],
			checkpoint: { step: 2, train_loss: 0.4 },
		},
	];
	if (failed) {
		return [
			...running,
			{
				status: 'failed',
				events: [{ message: 'The job failed due to an invalid training file.', level: 'error' }],
				error: {
					code: 'invalid_training_file',
					message: 'The job failed due to an invalid training file. Expected file to have JSONL format, where every line is a valid JSON dictionary.',
					param: 'training_file',
				},
			},
		];
	}
	return [...running, { status: 'succeeded', events: ['New fine-tuned model created', 'The job has successfully completed'] }];
}

function publicJob(job) {
	const out = {};
	for (const [key, value] of Object.entries(job)) if (!key.startsWith('_')) out[key] = value;
	return out;
}

/** A newest-first page of `items` (kept oldest first) after the entry with ID `after`. */
function page(items, query, defaultLimit, cap) {
	const newestFirst = [...items].reverse();
	let limit = Number(query.limit ?? defaultLimit) || defaultLimit;
	if (cap) limit = Math.min(limit, cap);
	const start = query.after ? newestFirst.findIndex((item) => item.id === query.after) + 1 : 0;
	const data = newestFirst.slice(start, start + limit);
	return { data, has_more: start + limit < newestFirst.length };
}

/** The metadata filter of GET /fine_tuning/jobs: metadata[key]=value in the query. */
function metadataFilter(query) {
	const filter = {};
	for (const [key, value] of Object.entries(query)) {
		const match = /^metadata\[(.+)\]$/.exec(key);
		if (match) filter[match[1]] = value;
	}
	return filter;
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.fineTuning = { jobs: [], counter: 0, eventCounter: 0, script: undefined, pageSizeCap: undefined };
	});
	const ft = () => server.state.fineTuning;
	const find = (id) => ft().jobs.find((job) => job.id === id);
	const notFound = (id) => openAiError(404, `Could not find fine-tune job: ${id}`, { param: 'fine_tuning_job_id', code: 'fine_tune_not_found' });

	const addEvent = (job, entry) => {
		const event = typeof entry === 'string' ? { message: entry } : entry;
		ft().eventCounter += 1;
		job._events.push({
			object: 'fine_tuning.job.event',
			id: `ftevent-${String(ft().eventCounter).padStart(6, '0')}`,
			created_at: NOW + ft().eventCounter,
			level: event.level ?? 'info',
			message: event.message,
			data: event.data ?? {},
			type: event.type ?? 'message',
		});
	};

	const advance = (job) => {
		if (TERMINAL.includes(job.status) || job.status === 'paused') return;
		const step = job._script[job._step];
		if (!step) return;
		job._step += 1;
		job.status = step.status;
		for (const event of step.events ?? []) addEvent(job, event);
		if (step.checkpoint) {
			job._checkpoints.push({
				object: 'fine_tuning.job.checkpoint',
				id: `ftckpt-${job.id}-${step.checkpoint.step}`,
				created_at: NOW + ft().eventCounter,
				fine_tuned_model_checkpoint: `ft:${job.model}:fake-org:${job.user_provided_suffix ?? ''}:${job.id}:ckpt-step-${step.checkpoint.step}`,
				fine_tuning_job_id: job.id,
				metrics: { step: step.checkpoint.step, train_loss: step.checkpoint.train_loss ?? 0.5, train_mean_token_accuracy: 0.9 },
				step_number: step.checkpoint.step,
			});
		}
		if (step.status === 'running' && job.estimated_finish === null) job.estimated_finish = NOW + 3600;
		if (step.status === 'succeeded') {
			job.fine_tuned_model = `ft:${job.model}:fake-org:${job.user_provided_suffix ?? ''}:${job.id}`;
			job.finished_at = NOW + 3600;
			job.trained_tokens = 1234;
			job.result_files = ['file-results'];
			job.estimated_finish = null;
			server.state.models.push(job.fine_tuned_model);
		}
		if (step.status === 'failed') {
			job.error = step.error ?? { code: 'job_failed', message: 'The job failed.', param: null };
			job.finished_at = NOW + 3600;
			job.estimated_finish = null;
		}
	};

	server.on('POST', '/v1/fine_tuning/jobs', (req) => {
		const body = req.body ?? {};
		if (typeof body.model !== 'string' || !body.model) return openAiError(400, "Missing required parameter: 'model'.", { param: 'model' });
		if (typeof body.training_file !== 'string' || !body.training_file) {
			return openAiError(400, "Missing required parameter: 'training_file'.", { param: 'training_file' });
		}
		for (const param of ['training_file', 'validation_file']) {
			if (body[param] === undefined || body[param] === null) continue;
			const file = server.state.files?.find((entry) => entry.id === body[param]);
			if (!file) return openAiError(400, `invalid ${param}: ${body[param]}`, { param, code: 'invalid_request_error' });
			if (file.purpose !== 'fine-tune') {
				return openAiError(400, `File ${file.id} has purpose '${file.purpose}'; fine-tuning needs 'fine-tune'.`, { param });
			}
		}
		if (body.suffix !== undefined && body.suffix !== null && String(body.suffix).length > 64) {
			return openAiError(400, 'suffix must be at most 64 characters', { param: 'suffix' });
		}
		const method = body.method ?? { type: 'supervised', supervised: { hyperparameters: body.hyperparameters ?? {} } };
		if (method.type === 'reinforcement' && !method.reinforcement?.grader) {
			return openAiError(400, 'A reinforcement fine-tuning job needs a grader.', { param: 'method.reinforcement.grader' });
		}
		ft().counter += 1;
		const id = `ftjob-fake${String(ft().counter).padStart(4, '0')}`;
		const failed = body.metadata?.fake_outcome === 'failed';
		const job = {
			object: 'fine_tuning.job',
			id,
			model: body.model,
			created_at: NOW + ft().counter,
			finished_at: null,
			fine_tuned_model: null,
			organization_id: 'org-fake',
			result_files: [],
			status: 'validating_files',
			validation_file: body.validation_file ?? null,
			training_file: body.training_file,
			hyperparameters: method[method.type]?.hyperparameters ?? { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' },
			trained_tokens: null,
			error: null,
			seed: body.seed ?? 42,
			estimated_finish: null,
			integrations: body.integrations ?? [],
			metadata: body.metadata ?? null,
			method,
			user_provided_suffix: body.suffix ?? null,
			_script: ft().script ?? defaultScript(failed),
			_step: 0,
			_events: [],
			_checkpoints: [],
		};
		ft().jobs.push(job);
		addEvent(job, `Created fine-tuning job: ${id}`);
		addEvent(job, `Validating training file: ${body.training_file}`);
		return json(200, publicJob(job));
	});

	server.on('GET', '/v1/fine_tuning/jobs', (req) => {
		const filter = metadataFilter(req.query);
		const jobs = ft().jobs.filter((job) => Object.entries(filter).every(([key, value]) => String(job.metadata?.[key]) === value));
		const { data, has_more } = page(jobs, req.query, 20, ft().pageSizeCap);
		return json(200, { object: 'list', data: data.map(publicJob), has_more });
	});

	server.on('GET', /^\/v1\/fine_tuning\/jobs\/(?<id>[^/]+)$/, (req) => {
		const job = find(req.params.id);
		if (!job) return notFound(req.params.id);
		advance(job);
		return json(200, publicJob(job));
	});

	server.on('POST', /^\/v1\/fine_tuning\/jobs\/(?<id>[^/]+)\/cancel$/, (req) => {
		const job = find(req.params.id);
		if (!job) return notFound(req.params.id);
		if (TERMINAL.includes(job.status)) {
			return openAiError(400, `Job ${job.id} has already ${job.status === 'cancelled' ? 'been cancelled' : job.status}.`, { code: 'invalid_request_error' });
		}
		job.status = 'cancelled';
		job.finished_at = NOW + 3600;
		addEvent(job, 'Fine-tuning job cancelled');
		return json(200, publicJob(job));
	});

	server.on('POST', /^\/v1\/fine_tuning\/jobs\/(?<id>[^/]+)\/pause$/, (req) => {
		const job = find(req.params.id);
		if (!job) return notFound(req.params.id);
		if (job.status !== 'running') return openAiError(400, `Only a running job can be paused; ${job.id} is ${job.status}.`);
		job.status = 'paused';
		addEvent(job, 'Fine-tuning job paused');
		return json(200, publicJob(job));
	});

	server.on('POST', /^\/v1\/fine_tuning\/jobs\/(?<id>[^/]+)\/resume$/, (req) => {
		const job = find(req.params.id);
		if (!job) return notFound(req.params.id);
		if (job.status !== 'paused') return openAiError(400, `Only a paused job can be resumed; ${job.id} is ${job.status}.`);
		job.status = 'running';
		addEvent(job, 'Fine-tuning job resumed');
		return json(200, publicJob(job));
	});

	server.on('GET', /^\/v1\/fine_tuning\/jobs\/(?<id>[^/]+)\/events$/, (req) => {
		const job = find(req.params.id);
		if (!job) return notFound(req.params.id);
		const { data, has_more } = page(job._events, req.query, 20, ft().pageSizeCap);
		return json(200, { object: 'list', data, has_more });
	});

	server.on('GET', /^\/v1\/fine_tuning\/jobs\/(?<id>[^/]+)\/checkpoints$/, (req) => {
		const job = find(req.params.id);
		if (!job) return notFound(req.params.id);
		const { data, has_more } = page(job._checkpoints, req.query, 10, ft().pageSizeCap);
		return json(200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more });
	});
};
