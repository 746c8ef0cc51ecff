import { runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

describe('contract: Model and Custom API Call against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('Model → List', async () => {
		const { output } = await runNode({ parameters: { resource: 'model', operation: 'list', returnAll: true }, credentials: credentials() });
		expect(output.length).toBeGreaterThan(0);
		expect(output[0].json.object).toBe('model');
		expectAllConform(proxy.records, 1);
	});

	test('Model → Retrieve', async () => {
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'retrieve', modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' } },
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('model');
		expectAllConform(proxy.records, 1);
	});

	test('Model → Delete', async () => {
		const { output } = await runNode({
			parameters: { resource: 'model', operation: 'delete', modelId: 'ft:gpt-4o-mini:acme:suffix:abc123' },
			credentials: credentials(),
		});
		expect(output[0].json).toHaveProperty('deleted');
		expectAllConform(proxy.records, 1);
	});

	test('Custom API Call → GET models with a query string', async () => {
		const { output } = await runNode({
			parameters: { resource: 'customApiCall', operation: 'makeRequest', url: 'models', method: 'GET' },
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('list');
		expectAllConform(proxy.records, 1);
	});

	test('Custom API Call → POST a JSON body (moderations)', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'customApiCall',
				operation: 'makeRequest',
				url: '/moderations',
				method: 'POST',
				body: '{"input": "I want to hug everyone", "model": "omni-moderation-latest"}',
			},
			credentials: credentials(),
		});
		expect(output[0].json).toHaveProperty('results');
		expectAllConform(proxy.records, 1);
	});

	test('a request that breaks the spec is caught (the check itself works)', async () => {
		await runNode({
			parameters: { resource: 'customApiCall', operation: 'makeRequest', url: '/embeddings', method: 'POST', body: '{"input": "no model"}' },
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(proxy.records).toHaveLength(1);
		expect(proxy.records[0].violations).toContain("must have required property 'model'");
	});
});
