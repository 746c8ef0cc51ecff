/**
 * The API key reaches OpenAI (the fake server) and nowhere else: not in output items, not in the errors n8n
 * records, not anywhere in the run data the engine returns (what n8n saves as the execution) — even when the
 * server echoes the key back in its error messages, as OpenAI does for a wrong key.
 */
import { inspect } from 'node:util';

import type { IRun } from 'n8n-workflow';

import { openAiError, type RecordedRequest } from '../support/fake-openai';
import { TEST_API_KEY } from '../support/constants';
import { outputOf, runWorkflow, taskOf } from './support/runWorkflow';
import { useFakeOpenAi } from './support/fakeServer';
import { chain, itemsNode, testCredentials, toolkitNode } from './support/workflow';

/** Every way the run could be stored or shown: as JSON, and as a deep dump (error causes and stacks too). */
function expectNoKeyIn(run: IRun) {
	const serialized = JSON.stringify(run);
	expect(serialized.length).toBeGreaterThan(500);
	expect(serialized).not.toContain(TEST_API_KEY);
	const dump = inspect(run, { depth: null, showHidden: false });
	expect(dump).not.toContain(TEST_API_KEY);
	// Not even the part after the "sk-" prefix.
	expect(dump).not.toContain(TEST_API_KEY.slice(3));
}

const bearerOf = (req: RecordedRequest) => String(req.headers.authorization).replace(/^Bearer /, '');

describe('engine: the API key never appears in the run data', () => {
	const fake = useFakeOpenAi();
	beforeEach(() => {
		// OpenAI's reply to a rejected key quotes the key; this one quotes all of it.
		fake.server.on('GET', '/v1/echo-key', (req) =>
			openAiError(401, `Incorrect API key provided: ${bearerOf(req)}. You can find your API key at https://platform.openai.com/account/api-keys.`, {
				code: 'invalid_api_key',
			}),
		);
		fake.server.on('GET', '/v1/echo-header', (req) =>
			openAiError(500, `Upstream failed for request with Authorization: ${req.headers.authorization}`, { type: 'server_error' }),
		);
		fake.server.on('GET', '/v1/files/f1/content', () => ({ status: 200, body: Buffer.from('bytes'), headers: { 'content-type': 'application/octet-stream' } }));
	});

	test('successful runs: JSON output, binary output and a chained node', async () => {
		const workflow = chain(
			toolkitNode('List Models', { resource: 'model', operation: 'list', returnAll: false, limit: 2 }),
			toolkitNode('Call', { resource: 'customApiCall', operation: 'makeRequest', url: '={{ $json.id === "gpt-4o" ? "files/f1/content" : "models/" + $json.id }}' }),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		expect(outputOf(run, 'Call')[1].binary?.data).toBeDefined();
		expect(fake.server.requests.map(bearerOf)).toEqual([TEST_API_KEY, TEST_API_KEY, TEST_API_KEY]);
		expectNoKeyIn(run);
	});

	test('Continue On Fail: error items from messages that quote the key, a refused URL and a server error', async () => {
		const workflow = chain(
			itemsNode('Items', [{ url: 'echo-key' }, { url: 'echo-header' }, { url: 'https://example.com/x' }, { url: 'models' }]),
			toolkitNode(
				'Call',
				{ resource: 'customApiCall', operation: 'makeRequest', url: '={{ $json.url }}', requestOptions: { maxRetries: 0 } },
				{ onError: 'continueRegularOutput' },
			),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		const output = outputOf(run, 'Call');
		expect(output[0].json).toMatchObject({ status: 401, code: 'invalid_api_key', error: expect.stringContaining('Incorrect API key provided: [redacted].') });
		expect(output[1].json).toMatchObject({ status: 500, error: expect.stringContaining('Authorization: Bearer [redacted]') });
		expect(output[2].json.error).toMatch(/is not on the credential's Base URL/);
		expect(output[3].json.object).toBe('list');
		expect(fake.server.requests.map(bearerOf)).toEqual([TEST_API_KEY, TEST_API_KEY, TEST_API_KEY]);
		// The messages that quoted the key are part of the stored run, redacted.
		expect(JSON.stringify(run)).toContain('Incorrect API key provided: [redacted].');
		expectNoKeyIn(run);
	});

	test('a failed run: the node error n8n records for a rejected key', async () => {
		const workflow = chain(toolkitNode('Call', { resource: 'customApiCall', operation: 'makeRequest', url: 'echo-key' }));
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('error');
		const error = taskOf(run, 'Call').error!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('Incorrect API key provided: [redacted].');
		expect(error.description).toContain('HTTP 401');
		expect(fake.server.requests.map(bearerOf)).toEqual([TEST_API_KEY]);
		expect(JSON.stringify(run.data.resultData.error)).toContain('Incorrect API key provided: [redacted].');
		expectNoKeyIn(run);
	});
});
