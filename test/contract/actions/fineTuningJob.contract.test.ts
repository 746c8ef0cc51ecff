import { runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

describe('contract: Fine-Tuning Job against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const job = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'fineTuningJob',
		operation,
		fineTuningJobId: 'ftjob-abc123',
		...extra,
	});
	const create = (extra: Record<string, unknown>) =>
		job('create', { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini-2024-07-18' }, trainingFileId: 'file-abc123', ...extra });

	test('Create, supervised, with every option', async () => {
		const { output } = await runNode({
			parameters: create({
				hyperparameters: { nEpochs: '3', batchSize: 'auto', learningRateMultiplier: '0.3' },
				options: {
					validationFileId: 'file-def456',
					suffix: 'support-bot',
					seed: 7,
					metadata: '{"team": "support"}',
					integrations: '[{"type": "wandb", "wandb": {"project": "ft", "entity": "acme", "tags": ["n8n"]}}]',
				},
			}),
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('fine_tuning.job');
		expectAllConform(proxy.records, 1);
	});

	test('Create, DPO with beta', async () => {
		await runNode({ parameters: create({ fineTuningMethod: 'dpo', hyperparameters: { beta: '0.1', nEpochs: 'auto' } }), credentials: credentials() });
		expectAllConform(proxy.records, 1);
	});

	test('Create, reinforcement with a grader', async () => {
		await runNode({
			parameters: create({
				model: { __rl: true, mode: 'id', value: 'o4-mini-2025-04-16' },
				fineTuningMethod: 'reinforcement',
				grader: '{"type": "string_check", "name": "exact", "input": "{{sample.output_text}}", "reference": "{{item.answer}}", "operation": "eq"}',
				hyperparameters: { computeMultiplier: '1', evalInterval: '5', evalSamples: 'auto', reasoningEffort: 'medium' },
			}),
			credentials: credentials(),
		});
		expectAllConform(proxy.records, 1);
	});

	test('Create with Wait For Completion: every status request conforms', async () => {
		await runNode({
			parameters: create({ waitForCompletion: true, waitPollInterval: 0.001, waitTimeout: 0.002 }),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(proxy.records.length).toBeGreaterThanOrEqual(1);
		expectAllConform(proxy.records);
	});

	test.each(['retrieve', 'cancel', 'pause', 'resume'])('%s', async (operation) => {
		const { output } = await runNode({ parameters: job(operation), credentials: credentials() });
		expect(output[0].json.object).toBe('fine_tuning.job');
		expectAllConform(proxy.records, 1);
	});

	test('List with a limit and a metadata filter', async () => {
		await runNode({ parameters: job('list', { limit: 5, options: { metadata: '{"team": "support"}' } }), credentials: credentials() });
		expectAllConform(proxy.records);
	});

	test('List Events with a limit', async () => {
		const { output } = await runNode({ parameters: job('listEvents', { limit: 5 }), credentials: credentials() });
		expect(output[0].json.object).toBe('fine_tuning.job.event');
		expectAllConform(proxy.records);
	});

	test('List Events with Stream: the job and event requests of a poll conform', async () => {
		await runNode({
			parameters: job('listEvents', { stream: true, streamPollInterval: 0.001, streamTimeout: 0.002 }),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(proxy.records.map((record) => record.path)).toEqual(
			expect.arrayContaining(['/fine_tuning/jobs/ftjob-abc123', '/fine_tuning/jobs/ftjob-abc123/events']),
		);
		expectAllConform(proxy.records);
	});

	test('List Checkpoints with a limit', async () => {
		await runNode({ parameters: job('listCheckpoints', { limit: 5 }), credentials: credentials() });
		expectAllConform(proxy.records);
	});

	test('Delete Fine-Tuned Model', async () => {
		const { output } = await runNode({
			parameters: job('deleteModel', { modelId: 'ft:gpt-4o-mini:acme:suffix:abc123' }),
			credentials: credentials(),
		});
		expect(output[0].json).toHaveProperty('deleted');
		expectAllConform(proxy.records, 1);
	});
});
