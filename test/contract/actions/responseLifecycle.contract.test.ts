import { runNode } from '../../support/executeContext';
import { expectRequestsConform, useContractProxy } from '../support';

// The Response operations version 2 adds. Prism's own Response answers break the Response schema's oneOfs:
// those violations are located in the response and are ignored; request violations and 4xx answers fail.
jest.setTimeout(60_000);

describe('contract: Response → Retrieve, Cancel, Delete, List Input Items, Count Input Tokens, Compact', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const run = (parameters: Record<string, unknown>) => runNode({ typeVersion: 2, parameters, credentials: credentials() });
	const response = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'response', operation, ...parameters });
	const calls = () => proxy.records.map((record) => `${record.method} ${record.path}`);

	test('Retrieve (with include), Cancel and Delete: GET, POST …/cancel, DELETE /responses/{id}', async () => {
		await run(response('retrieve', { responseId: 'resp_123', options: { include: ['file_search_call.results'] } }));
		await run(response('cancel', { responseId: 'resp_123' }));
		await run(response('delete', { responseId: 'resp_123' }));
		expect(calls()).toEqual(['GET /responses/resp_123', 'POST /responses/resp_123/cancel', 'DELETE /responses/resp_123']);
		expectRequestsConform(proxy.records, 3);
	});

	test('List Input Items: GET /responses/{id}/input_items with a limit and order', async () => {
		await run(response('listInputItems', { responseId: 'resp_123', returnAll: false, limit: 10, options: { order: 'asc' } }));
		expect(calls()[0]).toBe('GET /responses/resp_123/input_items');
		expectRequestsConform(proxy.records);
	});

	test('Count Input Tokens: POST /responses/input_tokens with text, and with messages and every option', async () => {
		await run(response('countInputTokens', { inputText: 'Tell me a joke.' }));
		await run(
			response('countInputTokens', {
				inputMode: 'messages',
				inputMessages: { message: [{ role: 'developer', content: 'Be terse.' }, { role: 'user', content: 'Hi' }] },
				instructions: 'Answer in French.',
				options: {
					conversation: 'conv_123',
					reasoningEffort: 'low',
					tools: '[{"type": "function", "name": "get_time", "parameters": {"type": "object", "properties": {}}, "strict": false}]',
				},
			}),
		);
		await run(response('countInputTokens', { inputMode: 'none', options: { previousResponseId: 'resp_123' } }));
		expect(calls()).toEqual(['POST /responses/input_tokens', 'POST /responses/input_tokens', 'POST /responses/input_tokens']);
		expectRequestsConform(proxy.records, 3);
	});

	test('Compact: POST /responses/compact with JSON items and options, and from a previous response', async () => {
		await run(
			response('compact', {
				inputMode: 'json',
				inputItems:
					'[{"role": "user", "content": "Build a landing page"}, {"id": "msg_001", "type": "message", "status": "completed", "role": "assistant", "content": [{"type": "output_text", "text": "Here it is", "annotations": [], "logprobs": []}]}]',
				instructions: 'Keep the decisions.',
				options: { promptCacheKey: 'site-42', serviceTier: 'flex' },
			}),
		);
		await run(response('compact', { inputMode: 'none', options: { previousResponseId: 'resp_123' } }));
		expect(calls()).toEqual(['POST /responses/compact', 'POST /responses/compact']);
		expectRequestsConform(proxy.records, 2);
	});
});
