import { runNode } from '../../support/executeContext';
import { expectRequestsConform, useContractProxy } from '../support';

// Prism answers from the spec's examples; what matters is that each request the node sends is one the spec
// accepts (a request violation, or a 4xx, fails). The first /responses request takes Prism a few seconds.
jest.setTimeout(60_000);

describe('contract: stored chat completions and Response → Create (version 2 fields) against the Prism mock', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const run = (parameters: Record<string, unknown>) => runNode({ typeVersion: 2, parameters, credentials: credentials() });
	const chat = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'chat', operation, ...parameters });
	const calls = () => proxy.records.map((record) => `${record.method} ${record.path}`);

	test('Chat → List Stored (filters), Retrieve Stored, Update Metadata, Delete Stored, List Stored Messages', async () => {
		await run(chat('listStored', { returnAll: false, limit: 1, options: { metadata: '{"team": "a"}', storedModel: 'gpt-4o-mini', order: 'desc' } }));
		await run(chat('retrieveStored', { completionId: byId('chatcmpl-123') }));
		await run(chat('updateStored', { completionId: byId('chatcmpl-123'), metadata: '{"topic": "x"}' }));
		await run(chat('deleteStored', { completionId: byId('chatcmpl-123') }));
		await run(chat('listStoredMessages', { completionId: byId('chatcmpl-123'), returnAll: false, limit: 1, options: { order: 'asc' } }));
		expect(calls()).toEqual([
			'GET /chat/completions',
			'GET /chat/completions/chatcmpl-123',
			'POST /chat/completions/chatcmpl-123',
			'DELETE /chat/completions/chatcmpl-123',
			'GET /chat/completions/chatcmpl-123/messages',
		]);
		expectRequestsConform(proxy.records, 5);
	});

	test('Response → Create: an MCP server with headers and every version 2 option', async () => {
		await run({
			resource: 'response',
			operation: 'create',
			inputText: 'What is in the docs?',
			mcpServers: {
				server: [
					{
						serverLabel: 'deepwiki',
						serverUrl: 'https://mcp.deepwiki.com/mcp',
						allowedTools: 'ask_question',
						requireApproval: 'never',
						serverDescription: 'Docs',
						authorization: 'token-123',
						headers: { header: [{ name: 'X-Api-Key', value: 'secret-123' }] },
					},
					{ serverLabel: 'drive', connectorId: 'connector_googledrive' },
				],
			},
			responseOptions: {
				include: ['message.output_text.logprobs'],
				verbosity: 'low',
				safetyIdentifier: 'user-1',
				promptCacheKey: 'key',
				promptCacheRetention: '24h',
				maxToolCalls: 2,
				topLogprobs: 3,
				toolChoiceJson: '{"type": "mcp", "server_label": "deepwiki"}',
				compactThreshold: 5000,
				promptTemplate: { template: { id: 'pmpt_1', version: '2', variables: '{"name": "Jane"}' } },
			},
		});
		await run({ resource: 'response', operation: 'create', inputText: 'Hi', responseOptions: { conversation: 'conv_123', compactContext: true } });
		expect(calls()).toEqual(['POST /responses', 'POST /responses']);
		expectRequestsConform(proxy.records, 2);
	});
});
