import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { advanceJob, seedJob } from './seed';

describe('Fine-Tuning Job → List Checkpoints', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test('Return All follows the cursor across pages; a Limit stops early', async () => {
		server.state.fineTuning.script = [1, 2, 3].map((step) => ({ status: 'running', events: [], checkpoint: { step, train_loss: 1 / step } }));
		const { jobId } = await seedJob(server, { suffix: 'ck' });
		await advanceJob(server, jobId, 3);
		server.state.fineTuning.pageSizeCap = 2;
		const all = await runNode({
			parameters: { resource: 'fineTuningJob', operation: 'listCheckpoints', fineTuningJobId: jobId, returnAll: true },
			credentials: credentials(),
		});
		expect(all.output.map((item) => item.json.step_number)).toEqual([3, 2, 1]);
		expect(all.output[0].json).toMatchObject({
			object: 'fine_tuning.job.checkpoint',
			fine_tuning_job_id: jobId,
			fine_tuned_model_checkpoint: `ft:gpt-4o-mini-2024-07-18:fake-org:ck:${jobId}:ckpt-step-3`,
		});
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', after: `ftckpt-${jobId}-2` }]);

		server.requests.length = 0;
		const limited = await runNode({
			parameters: { resource: 'fineTuningJob', operation: 'listCheckpoints', fineTuningJobId: jobId, limit: 1 },
			credentials: credentials(),
		});
		expect(limited.output.map((item) => item.json.step_number)).toEqual([3]);
		expect(server.requests.map((r) => `${r.path}?limit=${r.query.limit}`)).toEqual([`/v1/fine_tuning/jobs/${jobId}/checkpoints?limit=1`]);
	});
});
