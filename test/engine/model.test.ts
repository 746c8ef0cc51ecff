/**
 * Model → List run by n8n-core's real engine: output items, pairedItem as the engine stores and follows it,
 * and parameters resolved per item by the engine's own expression evaluation.
 */
import { TEST_API_KEY } from '../support/constants';
import { outputOf, runWorkflow, taskOf } from './support/runWorkflow';
import { useFakeOpenAi } from './support/fakeServer';
import { chain, itemsNode, testCredentials, toolkitNode } from './support/workflow';

const ALL_MODELS = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'omni-moderation-latest', 'dall-e-3', 'whisper-1', 'tts-1'];

describe('engine: Model → List', () => {
	const fake = useFakeOpenAi();

	test('Return All: one output item per model, each paired with the trigger item', async () => {
		const run = await runWorkflow(chain(toolkitNode('List Models', { resource: 'model', operation: 'list', returnAll: true })), {
			credentials: testCredentials(fake.server.url),
		});

		expect(run.status).toBe('success');
		expect(run.data.resultData.error).toBeUndefined();
		const output = outputOf(run, 'List Models');
		expect(output.map((item) => item.json.id)).toEqual(ALL_MODELS);
		expect(output[0].json).toEqual({ id: 'gpt-4o-mini', object: 'model', created: 1700000000, owned_by: 'openai' });
		expect(output.map((item) => item.pairedItem)).toEqual(ALL_MODELS.map(() => ({ item: 0 })));
		expect(taskOf(run, 'List Models').source).toEqual([{ previousNode: 'Start', previousNodeOutput: 0, previousNodeRun: 0 }]);

		expect(fake.server.requests).toHaveLength(1);
		expect(fake.server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', query: {} });
		expect(fake.server.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('Limit given as an expression is resolved by the engine for every item', async () => {
		const workflow = chain(
			itemsNode('Items', [{ limit: 2 }, { limit: 5 }, { limit: 1 }]),
			toolkitNode('List Models', { resource: 'model', operation: 'list', returnAll: false, limit: '={{ $json.limit }}' }),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		const output = outputOf(run, 'List Models');
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['gpt-4o-mini', { item: 0 }],
			['gpt-4o', { item: 0 }],
			['gpt-4o-mini', { item: 1 }],
			['gpt-4o', { item: 1 }],
			['text-embedding-3-small', { item: 1 }],
			['omni-moderation-latest', { item: 1 }],
			['dall-e-3', { item: 1 }],
			['gpt-4o-mini', { item: 2 }],
		]);
		// One GET per input item; the limit is applied while paging, not sent.
		expect(fake.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models', 'GET /v1/models', 'GET /v1/models']);
	});

	test("a later node reaches each model's input item through pairedItem ($('Items').item)", async () => {
		const workflow = chain(
			itemsNode('Items', [
				{ limit: 1, tag: 'first' },
				{ limit: 2, tag: 'second' },
			]),
			toolkitNode('List Models', { resource: 'model', operation: 'list', returnAll: false, limit: '={{ $json.limit }}' }),
			toolkitNode('Get Model', {
				resource: 'customApiCall',
				operation: 'makeRequest',
				url: "={{ 'models/' + $json.id }}",
				headers: "={{ JSON.stringify({ 'X-Source-Tag': $('Items').item.json.tag }) }}",
			}),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		const retrieves = fake.server.requests.filter((r) => r.path !== '/v1/models');
		expect(retrieves.map((r) => [r.path, r.headers['x-source-tag']])).toEqual([
			['/v1/models/gpt-4o-mini', 'first'],
			['/v1/models/gpt-4o-mini', 'second'],
			['/v1/models/gpt-4o', 'second'],
		]);
		const output = outputOf(run, 'Get Model');
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['gpt-4o-mini', { item: 0 }],
			['gpt-4o-mini', { item: 1 }],
			['gpt-4o', { item: 2 }],
		]);
	});
});
