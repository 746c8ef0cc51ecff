import fs from 'node:fs';
import path from 'node:path';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { TEST_API_KEY } from '../../support/constants';
import { OpenAiToolkitTrigger } from '../../../nodes/OpenAiToolkitTrigger/OpenAiToolkitTrigger.node';
import { TIMESTAMP_TOLERANCE_SECONDS } from '../../../nodes/OpenAiToolkitTrigger/verify';
import { TEST_SIGNING_SECRET, runTrigger, signedDelivery, webhookEvent, type TriggerRun } from './webhookContext';

const completed = webhookEvent('batch.completed', 'batch_abc123');

/** Nothing the trigger answered or output holds the signing secret (or its key) or the API key. */
function expectNoSecret(run: TriggerRun) {
	const text = JSON.stringify(run);
	const key = TEST_SIGNING_SECRET.replace(/^whsec_/, '');
	for (const secret of [TEST_SIGNING_SECRET, key, Buffer.from(key, 'base64').toString('utf8'), TEST_API_KEY]) {
		expect(text).not.toContain(secret);
	}
}

function expectRejected(run: TriggerRun, reason: RegExp) {
	expect(run.answered?.status).toBe(400);
	expect(String((run.answered?.body as { error: string }).error)).toMatch(reason);
	expect(run.result).toEqual({ noWebhookResponse: true });
	expectNoSecret(run);
}

describe('OpenAI Toolkit Trigger: verification', () => {
	test('a delivery signed with the secret starts the workflow with the event; n8n answers 200 (onReceived)', async () => {
		const run = await runTrigger(signedDelivery(completed));
		expect(run.answered).toBeUndefined();
		expect(run.result).toEqual({ workflowData: [[{ json: completed }]] });
		const [webhook] = new OpenAiToolkitTrigger().description.webhooks!;
		expect(webhook).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' });
	});

	test('several signatures in the header (a secret being rotated): any match is enough', async () => {
		const delivery = signedDelivery(completed);
		delivery.headers['webhook-signature'] = `v1,AAAAinvalidAAAA= ${delivery.headers['webhook-signature']}`;
		expect((await runTrigger(delivery)).result.workflowData).toHaveLength(1);
	});

	test('a tampered body gets 400 and starts nothing', async () => {
		const delivery = signedDelivery(completed);
		delivery.body = delivery.body.replace('batch_abc123', 'batch_evil');
		expectRejected(await runTrigger(delivery), /signature does not match/);
	});

	test('a delivery signed with another secret gets 400', async () => {
		const delivery = signedDelivery(completed, { secret: `whsec_${Buffer.from('some-other-secret').toString('base64')}` });
		expectRejected(await runTrigger(delivery), /signature does not match/);
	});

	test('a stale timestamp (over 5 minutes old) or one from the future gets 400, even with a good signature', async () => {
		const now = Math.floor(Date.now() / 1000);
		expect(TIMESTAMP_TOLERANCE_SECONDS).toBe(300);
		expectRejected(await runTrigger(signedDelivery(completed, { timestamp: now - 301 })), /too old/);
		expectRejected(await runTrigger(signedDelivery(completed, { timestamp: now + 400 })), /too new/);
		expectRejected(await runTrigger(signedDelivery(completed, { timestamp: Number.NaN })), /timestamp/);
		// Just inside the window is fine.
		expect((await runTrigger(signedDelivery(completed, { timestamp: now - 280 }))).result.workflowData).toHaveLength(1);
	});

	test.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('a missing %s header gets 400', async (header) => {
		const delivery = signedDelivery(completed);
		delete delivery.headers[header];
		expectRejected(await runTrigger(delivery), new RegExp(`Missing the ${header} header`));
	});

	test('a signed body that is not an event gets 400', async () => {
		expectRejected(await runTrigger(signedDelivery('[1,2]')), /not an OpenAI webhook event/);
		expectRejected(await runTrigger(signedDelivery('not json')), /not JSON/);
	});

	test('an empty signing secret answers 500 (OpenAI retries until the credential is fixed), starting nothing', async () => {
		const run = await runTrigger(signedDelivery(completed), { signingSecret: '  ' });
		expect(run.answered?.status).toBe(500);
		expect(run.result).toEqual({ noWebhookResponse: true });
	});
});

describe('OpenAI Toolkit Trigger: events and replays', () => {
	test('an event type not selected is answered 200 and ignored', async () => {
		const run = await runTrigger(signedDelivery(webhookEvent('batch.failed', 'batch_x')), { parameters: { events: ['batch.completed'] } });
		expect(run.answered).toEqual({ status: 200, body: { received: true, ignored: 'event type batch.failed not selected' }, at: expect.any(Number) });
		expect(run.result.workflowData).toBeUndefined();
	});

	test('a replayed webhook-id is answered 200 without a second execution; another ID starts one', async () => {
		const staticData = {};
		const delivery = signedDelivery(completed, { webhookId: 'wh_replay_1' });
		expect((await runTrigger(delivery, { staticData })).result.workflowData).toHaveLength(1);
		const replay = await runTrigger(delivery, { staticData });
		expect(replay.answered).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
		expect(replay.result.workflowData).toBeUndefined();
		// OpenAI's retry is a new signature over the same ID: still a replay.
		const retried = await runTrigger(signedDelivery(completed, { webhookId: 'wh_replay_1' }), { staticData });
		expect(retried.result.workflowData).toBeUndefined();
		expect((await runTrigger(signedDelivery(completed, { webhookId: 'wh_replay_2' }), { staticData })).result.workflowData).toHaveLength(1);
		expect(Object.keys((staticData as { seenWebhookIds: object }).seenWebhookIds)).toEqual(['wh_replay_1', 'wh_replay_2']);
	});

	test('a replay is caught from the saved static data alone (after a restart) and per workflow in this process', async () => {
		const saved = { seenWebhookIds: { wh_saved: Date.now() - 60_000 } };
		expect((await runTrigger(signedDelivery(completed, { webhookId: 'wh_saved' }), { staticData: saved })).result.workflowData).toBeUndefined();
		// A delivery being handled right now is a replay even before n8n saved the static data.
		const first = await runTrigger(signedDelivery(completed, { webhookId: 'wh_inflight' }), { staticData: {}, workflowId: 'wf-a' });
		const twin = await runTrigger(signedDelivery(completed, { webhookId: 'wh_inflight' }), { staticData: {}, workflowId: 'wf-a' });
		const otherWorkflow = await runTrigger(signedDelivery(completed, { webhookId: 'wh_inflight' }), { staticData: {}, workflowId: 'wf-b' });
		expect([first, twin, otherWorkflow].map((run) => run.result.workflowData?.length ?? 0)).toEqual([1, 0, 1]);
	});

	test('a bad signature does not record its ID (a forged delivery cannot block the real one)', async () => {
		const staticData = {};
		const forged = signedDelivery(completed, { webhookId: 'wh_forged', secret: `whsec_${Buffer.from('attacker').toString('base64')}` });
		expect((await runTrigger(forged, { staticData })).answered?.status).toBe(400);
		expect(staticData).toEqual({});
		expect((await runTrigger(signedDelivery(completed, { webhookId: 'wh_forged' }), { staticData })).result.workflowData).toHaveLength(1);
	});
});

describe('OpenAI Toolkit Trigger: the description', () => {
	test('Events offers exactly the events of the spec\'s webhooks section', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- js-yaml ships no types
		const yaml = require('js-yaml') as { load(text: string): unknown };
		const spec = yaml.load(fs.readFileSync(path.join(__dirname, '../../contract/openai-openapi.yaml'), 'utf8')) as any;
		const titles = Object.values(spec.webhooks as Record<string, any>)
			.map((hook) => hook.post.requestBody.content['application/json'].schema.$ref.split('/').pop())
			.map((schema: string) => spec.components.schemas[schema].title)
			.sort();
		const events = new OpenAiToolkitTrigger().description.properties.find((p) => p.name === 'events')!;
		expect((events.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(titles);
		expect(titles).toContain('batch.completed');
	});

	test('the API credential is asked for only with Fetch the Object', () => {
		const { credentials, group, inputs } = new OpenAiToolkitTrigger().description;
		expect(group).toEqual(['trigger']);
		expect(inputs).toEqual([]);
		expect(credentials).toEqual([
			{ name: 'openAiToolkitWebhookApi', required: true },
			{ name: 'openAiToolkitApi', required: true, displayOptions: { show: { fetchObject: [true] } } },
		]);
	});
});

describe('OpenAI Toolkit Trigger: Fetch the Object', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const apiCredentials = () => ({ baseUrl: server.url });
	const batch = { id: 'batch_abc123', object: 'batch', status: 'completed', output_file_id: 'file-out', error_file_id: 'file-err', metadata: { job: 'nightly' } };
	const fetching = (extra: Record<string, unknown> = {}) => ({
		apiCredentials: apiCredentials(),
		parameters: { events: ['batch.completed', 'fine_tuning.job.succeeded', 'response.completed', 'eval.run.succeeded'], fetchObject: true, ...extra },
	});

	test('answers 200 first, then retrieves the batch and outputs it with the event', async () => {
		server.on('GET', '/v1/batches/batch_abc123', () => ({ status: 200, body: batch }));
		const run = await runTrigger(signedDelivery(completed), fetching());
		expect(run.answered).toMatchObject({ status: 200, body: { received: true } });
		expect(run.answered!.at).toBeLessThanOrEqual(server.requests[0].receivedAt);
		expect(run.result).toEqual({ noWebhookResponse: true, workflowData: [[{ json: { ...batch, event: completed } }]] });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/batches/batch_abc123']);
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expectNoSecret(run);
	});

	test('Output Result Lines: one item per line of the output and error files, in custom_id order', async () => {
		server.on('GET', '/v1/batches/batch_abc123', () => ({ status: 200, body: batch }));
		const line = (customId: string, status: number) =>
			JSON.stringify({ id: `br_${customId}`, custom_id: customId, response: { status_code: status, request_id: `req_${customId}`, body: { n: customId } }, error: null });
		server.on('GET', '/v1/files/file-out/content', () => ({ status: 200, body: `${line('10', 200)}\n${line('2', 200)}\n\n`, headers: { 'content-type': 'application/octet-stream' } }));
		server.on('GET', '/v1/files/file-err/content', () => ({ status: 200, body: `${line('3', 400)}\n`, headers: { 'content-type': 'application/octet-stream' } }));
		const run = await runTrigger(signedDelivery(completed), fetching({ resultLines: true }));
		expect(run.result.workflowData![0].map((item) => item.json.custom_id)).toEqual(['2', '3', '10']);
		expect(run.result.workflowData![0][1].json).toMatchObject({ custom_id: '3', response: { status_code: 400 } });
	});

	test('a batch without result lines comes out as the batch', async () => {
		server.on('GET', '/v1/batches/batch_abc123', () => ({ status: 200, body: { ...batch, output_file_id: null, error_file_id: null } }));
		const run = await runTrigger(signedDelivery(completed), fetching({ resultLines: true }));
		expect(run.result.workflowData![0]).toEqual([{ json: { ...batch, output_file_id: null, error_file_id: null, event: completed } }]);
	});

	test('fine-tuning jobs and responses are retrieved from their own endpoints; eval runs come out as they are', async () => {
		server.on('GET', '/v1/fine_tuning/jobs/ftjob-1', () => ({ status: 200, body: { id: 'ftjob-1', object: 'fine_tuning.job', status: 'succeeded', fine_tuned_model: 'ft:gpt-4o-mini:x' } }));
		server.on('GET', '/v1/responses/resp_1', () => ({ status: 200, body: { id: 'resp_1', object: 'response', status: 'completed', output: [] } }));
		const job = await runTrigger(signedDelivery(webhookEvent('fine_tuning.job.succeeded', 'ftjob-1')), fetching());
		expect(job.result.workflowData![0][0].json).toMatchObject({ id: 'ftjob-1', fine_tuned_model: 'ft:gpt-4o-mini:x', event: { type: 'fine_tuning.job.succeeded' } });
		const response = await runTrigger(signedDelivery(webhookEvent('response.completed', 'resp_1')), fetching());
		expect(response.result.workflowData![0][0].json).toMatchObject({ id: 'resp_1', object: 'response', event: { type: 'response.completed' } });
		const evalRun = webhookEvent('eval.run.succeeded', 'evalrun_1');
		expect((await runTrigger(signedDelivery(evalRun), fetching())).result.workflowData).toEqual([[{ json: evalRun }]]);
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/fine_tuning/jobs/ftjob-1', '/v1/responses/resp_1']);
	});

	test('a failed fetch keeps the event, with fetchError (OpenAI got its 200 already); no secret leaks', async () => {
		server.on('GET', '/v1/batches/batch_abc123', () => ({
			status: 404,
			body: { error: { message: `No batch found (key ${TEST_API_KEY})`, type: 'invalid_request_error', param: null, code: null } },
		}));
		const run = await runTrigger(signedDelivery(completed), fetching());
		expect(run.answered?.status).toBe(200);
		const [[item]] = run.result.workflowData!;
		expect(item.json).toMatchObject({ ...completed, fetchError: { status: 404, message: expect.stringContaining('No batch found') } });
		expectNoSecret(run);
	});

	test('a server error is retried, then reported the same way', async () => {
		server.queueFault({ status: 500, body: { error: { message: 'boom', type: 'server_error', param: null, code: null } } });
		server.on('GET', '/v1/batches/batch_abc123', () => ({ status: 200, body: batch }));
		const run = await runTrigger(signedDelivery(completed), fetching());
		expect(run.result.workflowData![0][0].json).toEqual({ ...batch, event: completed });
		expect(server.requests).toHaveLength(2);
	});

	test('replays and bad signatures never reach the API', async () => {
		const staticData = {};
		const delivery = signedDelivery(completed, { webhookId: 'wh_fetch_replay' });
		server.on('GET', '/v1/batches/batch_abc123', () => ({ status: 200, body: batch }));
		await runTrigger(delivery, { ...fetching(), staticData });
		await runTrigger(delivery, { ...fetching(), staticData });
		const tampered = { ...signedDelivery(completed), body: JSON.stringify({ ...completed, id: 'evt_other' }) };
		expect((await runTrigger(tampered, fetching())).answered?.status).toBe(400);
		expect(server.requests).toHaveLength(1);
	});
});
