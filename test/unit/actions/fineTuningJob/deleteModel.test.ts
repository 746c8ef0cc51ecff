import { fineTuningJob } from '../../../../nodes/OpenAiToolkit/actions/fineTuningJob';
import { model } from '../../../../nodes/OpenAiToolkit/actions/model';
import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';

describe('Fine-Tuning Job → Delete Fine-Tuned Model', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });

	test('is the very same implementation and field as Model → Delete', () => {
		expect(fineTuningJob.operations.deleteModel.execute).toBe(model.operations.delete.execute);
		const field = fineTuningJob.operations.deleteModel.description[0];
		expect(field).toMatchObject({ name: 'modelId', displayName: 'Model ID', displayOptions: { show: { resource: ['fineTuningJob'], operation: ['deleteModel'] } } });
	});

	test('deletes the fine-tuned model; an empty Model ID fails that item only', async () => {
		server.state.models.push('ft:gpt-4o-mini-2024-07-18:fake-org:x:ftjob-1');
		const ids = ['ft:gpt-4o-mini-2024-07-18:fake-org:x:ftjob-1', ''];
		const { output } = await runNode({
			parameters: { resource: 'fineTuningJob', operation: 'deleteModel', modelId: (i: number) => ids[i] },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /v1/models/ft:gpt-4o-mini-2024-07-18:fake-org:x:ftjob-1']);
		expect(output[0].json).toEqual({ id: ids[0], object: 'model', deleted: true });
		expect(output[1].json).toMatchObject({ error: "The field 'Model ID' is empty" });
		expect(server.state.models).not.toContain(ids[0]);
	});
});
