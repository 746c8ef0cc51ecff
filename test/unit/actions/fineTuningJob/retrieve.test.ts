import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { seedJob } from './seed';

describe('Fine-Tuning Job → Retrieve', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test('gets the job by ID; an unknown or empty ID fails that item only', async () => {
		const { jobId, fileId } = await seedJob(server, { suffix: 'r' });
		const ids = [jobId, 'ftjob-nope', ''];
		const { output } = await runNode({
			parameters: { resource: 'fineTuningJob', operation: 'retrieve', fineTuningJobId: (i: number) => ids[i] },
			items: ids.map(() => ({ json: {} })),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json).toMatchObject({
			object: 'fine_tuning.job',
			id: jobId,
			model: 'gpt-4o-mini-2024-07-18',
			training_file: fileId,
			status: 'queued',
			user_provided_suffix: 'r',
		});
		expect(output[1].json).toMatchObject({ error: 'Could not find fine-tune job: ftjob-nope', status: 404, code: 'fine_tune_not_found' });
		expect(output[2].json).toMatchObject({ error: "The field 'Job ID' is empty", status: null });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/fine_tuning/jobs/${jobId}`, 'GET /v1/fine_tuning/jobs/ftjob-nope']);
	});
});
