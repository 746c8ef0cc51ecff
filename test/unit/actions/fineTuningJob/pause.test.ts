import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { advanceJob, seedJob } from './seed';

describe('Fine-Tuning Job → Pause', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const pause = (fineTuningJobId: string) => ({ resource: 'fineTuningJob', operation: 'pause', fineTuningJobId });

	test('pauses a running job, which then stays where it is', async () => {
		const { jobId } = await seedJob(server);
		await advanceJob(server, jobId, 2);
		const { output } = await runNode({ parameters: pause(jobId), credentials: credentials() });
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/v1/fine_tuning/jobs/${jobId}/pause` });
		expect(output[0].json).toMatchObject({ id: jobId, status: 'paused' });
		await advanceJob(server, jobId, 3);
		expect(server.state.fineTuning.jobs[0].status).toBe('paused');
	});

	test("a job that is not running cannot be paused: OpenAI's message", async () => {
		const { jobId } = await seedJob(server);
		const error = await runNodeExpectingError({ parameters: pause(jobId), credentials: credentials() });
		expect(error.message).toBe(`Only a running job can be paused; ${jobId} is validating_files.`);
	});
});
