import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { seedJob } from './seed';

describe('Fine-Tuning Job → List', () => {
	let server: FakeOpenAi;
	let jobIds: string[];
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(async () => {
		server.reset();
		jobIds = [];
		for (const team of ['a', 'b', 'a', 'a', 'b']) jobIds.push((await seedJob(server, { metadata: { team } })).jobId);
	});
	const credentials = () => ({ baseUrl: server.url });

	test('Return All follows the cursor across several pages, newest first', async () => {
		server.state.fineTuning.pageSizeCap = 2;
		const { output } = await runNode({ parameters: { resource: 'fineTuningJob', operation: 'list', returnAll: true }, credentials: credentials() });
		expect(output.map((item) => item.json.id)).toEqual([...jobIds].reverse());
		expect(server.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', after: jobIds[3] },
			{ limit: '100', after: jobIds[1] },
		]);
	});

	test('a Limit and a metadata filter', async () => {
		const { output } = await runNode({
			parameters: { resource: 'fineTuningJob', operation: 'list', limit: 2, options: { metadata: '{"team": "a"}' } },
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.id)).toEqual([jobIds[3], jobIds[2]]);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query).toEqual({ limit: '2', 'metadata[team]': 'a' });
	});

	test('a metadata filter that is not a JSON object is refused before sending', async () => {
		const error = await runNodeExpectingError({
			parameters: { resource: 'fineTuningJob', operation: 'list', options: { metadata: '["a"]' } },
			credentials: credentials(),
		});
		expect(error.message).toBe("Field 'Metadata Filter (JSON)' must be a JSON object");
		expect(server.requests).toHaveLength(0);
	});
});
