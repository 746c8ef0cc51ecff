import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { advanceJob, seedJob } from './seed';

describe('Fine-Tuning Job → List Events', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	/** Every event the fake server holds for the job, oldest first. */
	const allEvents = (jobId: string) =>
		server.state.fineTuning.jobs.find((job: { id: string }) => job.id === jobId)._events as Array<{ id: string; message: string }>;

	describe('without Stream', () => {
		test('the newest events up to the Limit', async () => {
			const { jobId } = await seedJob(server);
			await advanceJob(server, jobId, 3);
			const { output } = await runNode({
				parameters: { resource: 'fineTuningJob', operation: 'listEvents', fineTuningJobId: jobId, limit: 3 },
				credentials: credentials(),
			});
			expect(output.map((item) => item.json.message)).toEqual(['Step 2/2: training loss=0.40', 'Step 1/2: training loss=0.80', 'Fine-tuning job started']);
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({ path: `/v1/fine_tuning/jobs/${jobId}/events`, query: { limit: '3' } });
			expect(output[0].json).toMatchObject({ object: 'fine_tuning.job.event', type: 'metrics', data: { step: 2, train_loss: 0.4, total_steps: 2 } });
		});

		test('Return All follows the cursor across several pages', async () => {
			const { jobId } = await seedJob(server);
			await advanceJob(server, jobId, 4);
			server.state.fineTuning.pageSizeCap = 2;
			const { output } = await runNode({
				parameters: { resource: 'fineTuningJob', operation: 'listEvents', fineTuningJobId: jobId, returnAll: true },
				credentials: credentials(),
			});
			const events = allEvents(jobId);
			expect(events).toHaveLength(8);
			expect(output.map((item) => item.json.id)).toEqual(events.map((event) => event.id).reverse());
			expect(server.requests.map((r) => r.query)).toEqual([
				{ limit: '100' },
				{ limit: '100', after: events[6].id },
				{ limit: '100', after: events[4].id },
				{ limit: '100', after: events[2].id },
			]);
		});
	});

	describe('with Stream', () => {
		const stream = (jobId: string, extra: Record<string, unknown> = {}) => ({
			resource: 'fineTuningJob',
			operation: 'listEvents',
			fineTuningJobId: jobId,
			stream: true,
			streamPollInterval: 0.001,
			streamTimeout: 1,
			...extra,
		});

		test('follows the job: events appear over several polls, each output once, oldest first, until it succeeds', async () => {
			server.state.fineTuning.script = [
				{ status: 'queued', events: ['queued 1', 'queued 2', 'queued 3'] },
				{ status: 'running', events: [] },
				{ status: 'running', events: ['run 1'] },
				{ status: 'running', events: ['run 2', 'run 3', 'run 4', 'run 5'] },
				{ status: 'succeeded', events: ['done 1', 'done 2'] },
			];
			const { jobId } = await seedJob(server);
			server.state.fineTuning.pageSizeCap = 2; // new events span several pages within one poll too
			const { output } = await runNode({ parameters: stream(jobId), credentials: credentials() });

			const messages = output.map((item) => item.json.message);
			expect(messages).toEqual([
				`Created fine-tuning job: ${jobId}`,
				expect.stringMatching(/^Validating training file: /),
				'queued 1',
				'queued 2',
				'queued 3',
				'run 1',
				'run 2',
				'run 3',
				'run 4',
				'run 5',
				'done 1',
				'done 2',
			]);
			expect(output.map((item) => item.json.id)).toEqual(allEvents(jobId).map((event) => event.id));
			expect(new Set(output.map((item) => item.json.id)).size).toBe(output.length);
			expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);

			// One look at the job per poll, and none after it ended.
			const jobGets = server.requests.filter((r) => r.path === `/v1/fine_tuning/jobs/${jobId}`);
			expect(jobGets).toHaveLength(5);
			expect(server.requests[server.requests.length - 1].path).toBe(`/v1/fine_tuning/jobs/${jobId}/events`);
			// Each poll reads event pages (2 per page here) only back to the last event it had already seen:
			// 5 new → 3 pages, 0 new → 1, 1 new → 1, 4 new → 3, 2 new → 2.
			const eventReads = server.requests.filter((r) => r.path.endsWith('/events'));
			expect(eventReads).toHaveLength(10);
		});

		test('a job that has already ended gives all its events in one poll', async () => {
			const { jobId } = await seedJob(server);
			await advanceJob(server, jobId, 4);
			const { output } = await runNode({ parameters: stream(jobId), credentials: credentials() });
			expect(output.map((item) => item.json.id)).toEqual(allEvents(jobId).map((event) => event.id));
			expect(output[output.length - 1].json.message).toBe('The job has successfully completed');
			expect(server.requests.map((r) => r.path)).toEqual([`/v1/fine_tuning/jobs/${jobId}`, `/v1/fine_tuning/jobs/${jobId}/events`]);
		});

		test('a failing job is followed to its failure, the error event included', async () => {
			const { jobId } = await seedJob(server, { metadata: { fake_outcome: 'failed' } });
			const { output } = await runNode({ parameters: stream(jobId), credentials: credentials() });
			expect(output[output.length - 1].json).toMatchObject({ level: 'error', message: 'The job failed due to an invalid training file.' });
			expect(output).toHaveLength(allEvents(jobId).length);
		});

		test('a cancelled job ends the stream', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, (_, i) => ({ status: 'running', events: [`tick ${i}`] }));
			const { jobId } = await seedJob(server);
			let polls = 0;
			server.setFault((req) => {
				if (req.path === `/v1/fine_tuning/jobs/${jobId}` && ++polls === 3) {
					const job = server.state.fineTuning.jobs[0];
					job.status = 'cancelled';
					job._events.push({ object: 'fine_tuning.job.event', id: 'ftevent-cancel', created_at: 1, level: 'info', message: 'Fine-tuning job cancelled', data: {}, type: 'message' });
				}
				return undefined;
			});
			const { output } = await runNode({ parameters: stream(jobId), credentials: credentials() });
			expect(output.map((item) => item.json.message).slice(-3)).toEqual(['tick 0', 'tick 1', 'Fine-tuning job cancelled']);
			expect(polls).toBe(3);
		});

		test('the timeout ends the stream with an error naming the job, its status and the events so far', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, () => ({ status: 'running', events: [] }));
			const { jobId } = await seedJob(server);
			const error = await runNodeExpectingError({ parameters: stream(jobId, { streamPollInterval: 0.005, streamTimeout: 0.001 }), credentials: credentials() });
			expect(error.message).toBe(`The fine-tuning job ${jobId} did not end within 0.001 minutes (status: running, 2 events so far)`);
		});

		test('under Continue On Fail the timeout outputs the events collected so far, then the error item; other items go on', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, (_, i) => ({ status: 'running', events: i === 0 ? ['tick'] : [] }));
			const { jobId } = await seedJob(server);
			const { output } = await runNode({
				parameters: stream(jobId, { streamPollInterval: 0.005, streamTimeout: 0.001, fineTuningJobId: (i: number) => (i === 0 ? jobId : 'ftjob-nope') }),
				items: [{ json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output.map((item) => item.json.message ?? item.json.error)).toEqual([
				`Created fine-tuning job: ${jobId}`,
				expect.stringMatching(/^Validating training file: /),
				'tick',
				`The fine-tuning job ${jobId} did not end within 0.001 minutes (status: running, 3 events so far)`,
				'Could not find fine-tune job: ftjob-nope',
			]);
			expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 0, 1]);
			expect(output[3].json.description).toBe(
				"The job goes on at OpenAI. Run List Events again later, or raise 'Timeout (Minutes)'. Under Continue On Fail the events so far are output before this error.",
			);
		});

		test('a request that fails while following keeps the events collected before it (Continue On Fail)', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, (_, i) => ({ status: 'running', events: [`tick ${i}`] }));
			const { jobId } = await seedJob(server);
			let polls = 0;
			server.setFault((req) =>
				req.path === `/v1/fine_tuning/jobs/${jobId}` && ++polls === 3
					? { status: 400, body: { error: { message: 'Job is gone', type: 'invalid_request_error', code: null, param: null } } }
					: undefined,
			);
			const { output } = await runNode({ parameters: stream(jobId), continueOnFail: true, credentials: credentials() });
			expect(output.map((item) => item.json.message ?? item.json.error).slice(-3)).toEqual(['tick 0', 'tick 1', 'Job is gone']);
		});

		test.each([
			[{ streamPollInterval: NaN }, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
			[{ streamPollInterval: 'abc' }, "The field 'Poll Interval (Seconds)' must be a number (got 'abc')"],
			[{ streamPollInterval: -1 }, "The field 'Poll Interval (Seconds)' must be between 0.001 and 3600 (got -1)"],
			[{ streamTimeout: Infinity }, "The field 'Timeout (Minutes)' must be a number (got 'Infinity')"],
			[{ streamTimeout: 20000 }, "The field 'Timeout (Minutes)' must be between 0.001 and 10080 (got 20000)"],
		])('a wait setting out of range is refused before anything is sent: %j', async (bad, message) => {
			const error = await runNodeExpectingError({ parameters: stream('ftjob-x', bad), credentials: credentials() });
			expect(error.message).toBe(message);
			expect(error.description).toBe('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('stops when the execution is cancelled', async () => {
			server.state.fineTuning.script = Array.from({ length: 10000 }, () => ({ status: 'running', events: [] }));
			const { jobId } = await seedJob(server);
			const controller = new AbortController();
			let polls = 0;
			server.setFault((req) => {
				if (req.path === `/v1/fine_tuning/jobs/${jobId}` && ++polls === 2) controller.abort();
				return undefined;
			});
			const error = await runNodeExpectingError({ parameters: stream(jobId, { streamTimeout: 10 }), credentials: credentials(), cancelSignal: controller.signal });
			expect(error.message).toMatch(/the execution was cancelled/);
			expect(polls).toBe(2);
		});

		test('a server that hands out the same page again (a cursor that does not move) does not loop', async () => {
			const { jobId } = await seedJob(server);
			await advanceJob(server, jobId, 4);
			const page = [
				{ object: 'fine_tuning.job.event', id: 'ftevent-b', created_at: 2, level: 'info', message: 'second', data: {}, type: 'message' },
				{ object: 'fine_tuning.job.event', id: 'ftevent-a', created_at: 1, level: 'info', message: 'first', data: {}, type: 'message' },
			];
			server.on('GET', /\/events$/, () => ({ status: 200, body: { object: 'list', data: page, has_more: true } }));
			const { output } = await runNode({ parameters: stream(jobId), credentials: credentials() });
			expect(output.map((item) => item.json.message)).toEqual(['first', 'second']);
			expect(server.requests.map((r) => r.query.after)).toEqual([undefined, undefined, 'ftevent-a']);
		});

		test('an unknown job fails that item only; the others are followed', async () => {
			const { jobId } = await seedJob(server);
			await advanceJob(server, jobId, 4);
			const { output } = await runNode({
				parameters: stream(jobId, { fineTuningJobId: (i: number) => (i === 0 ? 'ftjob-nope' : jobId) }),
				items: [{ json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output[0].json).toMatchObject({ error: 'Could not find fine-tune job: ftjob-nope', status: 404 });
			expect(output.slice(1).map((item) => item.json.id)).toEqual(allEvents(jobId).map((event) => event.id));
			expect(output.slice(1).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
		});
	});
});
