import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedFile } from '../file/seed';

describe('Fine-Tuning Job → Create', () => {
	let server: FakeOpenAi;
	let trainingFile: string;
	let validationFile: string;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		trainingFile = seedFile(server, 'train.jsonl', 'fine-tune');
		validationFile = seedFile(server, 'valid.jsonl', 'fine-tune');
	});
	const credentials = () => ({ baseUrl: server.url });
	const create = (extra: Record<string, unknown> = {}) => ({
		resource: 'fineTuningJob',
		operation: 'create',
		model: { __rl: true, mode: 'id', value: 'gpt-4o-mini-2024-07-18' },
		trainingFileId: trainingFile,
		...extra,
	});

	test('sends model, files, suffix, seed, metadata, W&B integration and supervised hyperparameters', async () => {
		const { output } = await runNode({
			parameters: create({
				hyperparameters: { nEpochs: '3', batchSize: 'auto', learningRateMultiplier: '0.5', beta: '0.2' },
				options: {
					validationFileId: validationFile,
					suffix: 'support-bot',
					seed: 7,
					metadata: '{"team": "support"}',
					integrations: '{"project": "ft-runs", "tags": ["n8n"]}',
				},
			}),
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/fine_tuning/jobs' });
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini-2024-07-18',
			training_file: trainingFile,
			validation_file: validationFile,
			suffix: 'support-bot',
			seed: 7,
			metadata: { team: 'support' },
			integrations: [{ type: 'wandb', wandb: { project: 'ft-runs', tags: ['n8n'] } }],
			method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3, batch_size: 'auto', learning_rate_multiplier: 0.5 } } },
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'fine_tuning.job', id: 'ftjob-fake0001', status: 'validating_files', user_provided_suffix: 'support-bot' });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('the least: model and training file, method supervised, nothing else', async () => {
		await runNode({ parameters: create(), credentials: credentials() });
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini-2024-07-18', training_file: trainingFile, method: { type: 'supervised' } });
	});

	test('DPO sends beta with its hyperparameters', async () => {
		await runNode({
			parameters: create({ fineTuningMethod: 'dpo', hyperparameters: { beta: '0.1', nEpochs: 'auto', computeMultiplier: '2' } }),
			credentials: credentials(),
		});
		expect(server.requests[0].body.method).toEqual({ type: 'dpo', dpo: { hyperparameters: { beta: 0.1, n_epochs: 'auto' } } });
	});

	test('reinforcement sends the grader and its own hyperparameters', async () => {
		const grader = { type: 'string_check', name: 'exact', input: '{{sample.output_text}}', reference: '{{item.answer}}', operation: 'eq' };
		await runNode({
			parameters: create({
				model: { __rl: true, mode: 'id', value: 'o4-mini-2025-04-16' },
				fineTuningMethod: 'reinforcement',
				grader: JSON.stringify(grader),
				hyperparameters: { computeMultiplier: '1.5', evalInterval: '10', evalSamples: 'auto', reasoningEffort: 'low', beta: '9' },
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body.method).toEqual({
			type: 'reinforcement',
			reinforcement: { grader, hyperparameters: { compute_multiplier: 1.5, eval_interval: 10, eval_samples: 'auto', reasoning_effort: 'low' } },
		});
	});

	test('checks before sending, each naming its field; Continue On Fail lets the good item through', async () => {
		const bad: Array<[Record<string, unknown>, string]> = [
			[{ hyperparameters: { nEpochs: 'three' } }, "The hyperparameter 'Epochs' must be 'auto' or a whole number between 1 and 50 (got 'three')"],
			[{ hyperparameters: { nEpochs: '51' } }, "The hyperparameter 'Epochs' must be 'auto' or a whole number between 1 and 50 (got '51')"],
			[{ hyperparameters: { nEpochs: 'Infinity' } }, "The hyperparameter 'Epochs' must be 'auto' or a whole number between 1 and 50 (got 'Infinity')"],
			[{ hyperparameters: { learningRateMultiplier: 'NaN' } }, "The hyperparameter 'Learning Rate Multiplier' must be 'auto' or a number above 0 (got 'NaN')"],
			[{ hyperparameters: { batchSize: '2.5' } }, "The hyperparameter 'Batch Size' must be 'auto' or a whole number between 1 and 256 (got '2.5')"],
			[{ hyperparameters: { batchSize: 512 } }, "The hyperparameter 'Batch Size' must be 'auto' or a whole number between 1 and 256 (got '512')"],
			[{ fineTuningMethod: 'dpo', hyperparameters: { beta: '3' } }, "The hyperparameter 'Beta' must be 'auto' or a number above 0 and at most 2 (got '3')"],
			[{ fineTuningMethod: 'reinforcement', grader: '{"type": "string_check"}', hyperparameters: { computeMultiplier: '0' } }, "The hyperparameter 'Compute Multiplier' must be 'auto' or a number above 0.00001 and at most 10 (got '0')"],
			[{ fineTuningMethod: 'reinforcement', grader: '{"type": "string_check"}', hyperparameters: { evalSamples: '-2' } }, "The hyperparameter 'Eval Samples' must be 'auto' or a whole number of at least 1 (got '-2')"],
			[{ hyperparameters: { learningRateMultiplier: '-1' } }, "The hyperparameter 'Learning Rate Multiplier' must be 'auto' or a number above 0 (got '-1')"],
			[{ options: { metadata: '{"team": ' } }, "Invalid JSON in field 'Metadata (JSON)'"],
			[{ options: { metadata: '{"count": {"n": 3}}' } }, "Field 'Metadata (JSON)': the value of 'count' must be text, not an object or list"],
			[{ options: { integrations: '[42]' } }, "Field 'Integrations (JSON)' must hold integration objects, e.g. [{\"type\": \"wandb\", \"wandb\": {\"project\": \"my-project\"}}]"],
			[{ options: { suffix: 'x'.repeat(65) } }, "The field 'Suffix' is 65 characters; at most 64 are allowed"],
			[{ options: { seed: 1.5 } }, "The field 'Seed' must be a whole number (got 1.5)"],
			[{ options: { seed: -1 } }, "The field 'Seed' must be between 0 and 2147483647 (got -1)"],
			[{ options: { seed: 2 ** 31 } }, "The field 'Seed' must be between 0 and 2147483647 (got 2147483648)"],
			[{ options: { seed: 'abc' } }, "The field 'Seed' must be a number (got 'abc')"],
			[{ options: { seed: NaN } }, "The field 'Seed' must be a number (got 'NaN')"],
			[{ trainingFileId: ' ' }, "The field 'Training File ID' is empty"],
			[{ fineTuningMethod: 'reinforcement', grader: '{"name": "no type"}' }, "Field 'Grader (JSON)' needs a grader object with a 'type' (string_check, text_similarity, python, score_model or multi)"],
		];
		const items = [...bad.map(() => ({ json: {} })), { json: {} }];
		const pick = (key: string, fallback: unknown) => (i: number) => (i < bad.length && key in bad[i][0] ? bad[i][0][key] : fallback);
		const { output } = await runNode({
			parameters: {
				...create(),
				hyperparameters: pick('hyperparameters', {}),
				options: pick('options', {}),
				trainingFileId: pick('trainingFileId', trainingFile),
				fineTuningMethod: pick('fineTuningMethod', 'supervised'),
				grader: pick('grader', '{}'),
			},
			items,
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output.slice(0, bad.length).map((item) => item.json.error)).toEqual(bad.map(([, message]) => message));
		expect(output.slice(0, bad.length).map((item) => item.json.description)).toEqual(
			bad.map((_, i) => expect.stringMatching(new RegExp(`Item ${i + 1} \\(index ${i}\\)\\.$`))),
		);
		expect(output[bad.length].json).toMatchObject({ object: 'fine_tuning.job', status: 'validating_files' });
		expect(server.requests).toHaveLength(1);
	});

	test("an unknown training file fails with OpenAI's message and param", async () => {
		const error = await runNodeExpectingError({ parameters: create({ trainingFileId: 'file-nope' }), credentials: credentials() });
		expect(error.message).toBe('invalid training_file: file-nope');
		expect(error.description).toContain('param: training_file');
	});

	test('Additional Body Fields are merged into the request', async () => {
		await runNode({ parameters: create({ options: { additionalBodyFields: '{"hyperparameters": {"n_epochs": 2}}' } }), credentials: credentials() });
		expect(server.requests[0].body).toMatchObject({ hyperparameters: { n_epochs: 2 }, method: { type: 'supervised' } });
	});

	describe('Wait For Completion', () => {
		const wait = (extra: Record<string, unknown> = {}) =>
			create({ waitForCompletion: true, waitPollInterval: 0.001, waitTimeout: 1, options: { suffix: 'w' }, ...extra });

		test('polls until the job has succeeded and outputs the finished job', async () => {
			const { output } = await runNode({ parameters: wait(), credentials: credentials() });
			const polls = server.requests.filter((r) => r.method === 'GET');
			expect(polls).toHaveLength(4);
			expect(polls.every((r) => r.path === '/v1/fine_tuning/jobs/ftjob-fake0001')).toBe(true);
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({
				status: 'succeeded',
				fine_tuned_model: 'ft:gpt-4o-mini-2024-07-18:fake-org:w:ftjob-fake0001',
				trained_tokens: 1234,
			});
		});

		test("a failed job fails the item with the job's own error message", async () => {
			const error = await runNodeExpectingError({
				parameters: wait({ options: { metadata: '{"fake_outcome": "failed"}' } }),
				credentials: credentials(),
			});
			expect(error.message).toBe(
				'The job failed due to an invalid training file. Expected file to have JSONL format, where every line is a valid JSON dictionary.',
			);
			expect(error.description).toBe('Fine-tuning job ftjob-fake0001 failed, code: invalid_training_file, param: training_file');
			expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(4);
		});

		test('under Continue On Fail a failed job is an error item and the other items still wait and succeed', async () => {
			const { output } = await runNode({
				parameters: wait({ options: (i: number) => (i === 0 ? { metadata: '{"fake_outcome": "failed"}' } : {}) }),
				items: [{ json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output[0].json.error).toMatch(/^The job failed due to an invalid training file/);
			expect(output[1].json).toMatchObject({ status: 'succeeded' });
		});

		test('a job cancelled while waiting is an error', async () => {
			server.state.fineTuning.script = [{ status: 'queued', events: [] }, { status: 'cancelled', events: ['Fine-tuning job cancelled'] }];
			const error = await runNodeExpectingError({ parameters: wait(), credentials: credentials() });
			expect(error.message).toBe('The fine-tuning job ftjob-fake0001 was cancelled');
		});

		test('a job that does not end within the timeout fails the item, naming the job and its status', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, () => ({ status: 'running', events: [] }));
			const error = await runNodeExpectingError({ parameters: wait({ waitPollInterval: 0.005, waitTimeout: 0.001 }), credentials: credentials() });
			expect(error.message).toBe('The fine-tuning job ftjob-fake0001 did not finish within 0.001 minutes (status: running)');
			expect(error.description).toContain("raise 'Timeout (Minutes)'");
		});

		test('stops polling when the execution is cancelled', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, () => ({ status: 'running', events: [] }));
			const controller = new AbortController();
			let polls = 0;
			server.setFault((req) => {
				if (req.method === 'GET' && ++polls === 3) controller.abort();
				return undefined;
			});
			const error = await runNodeExpectingError({ parameters: wait({ waitTimeout: 10 }), credentials: credentials(), cancelSignal: controller.signal });
			expect(error.message).toMatch(/the execution was cancelled/);
			expect(polls).toBe(3);
		});

		test.each([
			[{ waitPollInterval: 0 }, "The field 'Poll Interval (Seconds)' must be between 0.001 and 3600 (got 0)"],
			[{ waitPollInterval: NaN }, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
			[{ waitPollInterval: 'abc' }, "The field 'Poll Interval (Seconds)' must be a number (got 'abc')"],
			[{ waitPollInterval: 7200 }, "The field 'Poll Interval (Seconds)' must be between 0.001 and 3600 (got 7200)"],
			[{ waitTimeout: -Infinity }, "The field 'Timeout (Minutes)' must be a number (got '-Infinity')"],
			[{ waitTimeout: '' }, "The field 'Timeout (Minutes)' must be a number (got '')"],
			[{ waitTimeout: 0 }, "The field 'Timeout (Minutes)' must be between 0.001 and 10080 (got 0)"],
		])('a wait setting out of range is refused before the job is created: %j', async (bad, message) => {
			const error = await runNodeExpectingError({ parameters: wait(bad), credentials: credentials() });
			expect(error.message).toBe(message);
			expect(error.description).toBe('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});
	});
});
