import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { advanceJob, seedJob } from './seed';

describe('Fine-Tuning Job → Resume', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test('resumes a paused job; resuming one that is not paused fails that item only', async () => {
		const { jobId } = await seedJob(server);
		await advanceJob(server, jobId, 2);
		await runNode({ parameters: { resource: 'fineTuningJob', operation: 'pause', fineTuningJobId: jobId }, credentials: credentials() });
		server.requests.length = 0;
		const { output } = await runNode({
			parameters: { resource: 'fineTuningJob', operation: 'resume', fineTuningJobId: jobId },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /v1/fine_tuning/jobs/${jobId}/resume`,
			`POST /v1/fine_tuning/jobs/${jobId}/resume`,
		]);
		expect(output[0].json).toMatchObject({ id: jobId, status: 'running' });
		expect(output[1].json).toMatchObject({ error: `Only a paused job can be resumed; ${jobId} is running.`, status: 400 });
	});
});
