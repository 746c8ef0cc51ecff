import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedJob } from './seed';

describe('Fine-Tuning Job → Cancel', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const cancel = (fineTuningJobId: string) => ({ resource: 'fineTuningJob', operation: 'cancel', fineTuningJobId });

	test('cancels a job that has not ended', async () => {
		const { jobId } = await seedJob(server);
		const { output } = await runNode({ parameters: cancel(jobId), credentials: credentials() });
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/v1/fine_tuning/jobs/${jobId}/cancel` });
		expect(output).toEqual([{ json: expect.objectContaining({ id: jobId, status: 'cancelled' }), pairedItem: { item: 0 } }]);
	});

	test("cancelling a job that has ended fails with OpenAI's message", async () => {
		const { jobId } = await seedJob(server);
		await runNode({ parameters: cancel(jobId), credentials: credentials() });
		const error = await runNodeExpectingError({ parameters: cancel(jobId), credentials: credentials() });
		expect(error.message).toBe(`Job ${jobId} has already been cancelled.`);
		expect(error.httpCode).toBe('400');
	});
});
