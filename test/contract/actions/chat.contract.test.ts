import { binaryFrom, runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('contract: Chat → Create Completion against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });
	const chat = (parameters: Record<string, unknown>) => ({ resource: 'chat', operation: 'createCompletion', ...parameters });

	test('every role, names, and the response text', async () => {
		const { output } = await runNode({
			parameters: chat({
				messages: {
					values: [
						{ role: 'system', content: 'Be brief.' },
						{ role: 'developer', content: 'Answer in English.' },
						{ role: 'user', content: 'Hello', name: 'Anna_Berg' },
						{ role: 'assistant', content: 'Hi! How can I help?', name: 'helper' },
						{ role: 'user', content: 'Tell me a joke' },
					],
				},
			}),
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('chat.completion');
		expect(output[0].json).toHaveProperty('text');
		expectAllConform(proxy.records, 1);
	});

	test('every advanced setting, with tools and a named tool choice', async () => {
		await runNode({
			parameters: chat({
				messages: { values: [{ role: 'user', content: 'Weather in Oslo?' }] },
				options: {
					maxCompletionTokens: 300,
					temperature: 0.2,
					topP: 0.9,
					n: 2,
					stop: ['END', '###'],
					presencePenalty: 0.5,
					frequencyPenalty: -0.5,
					logitBias: '{"50256": -100}',
					seed: 42,
					user: 'user-7',
					tools: '[{"name": "get_weather", "description": "Weather now", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]',
					toolChoice: 'function',
					toolChoiceFunctionName: 'get_weather',
					parallelToolCalls: false,
					reasoningEffort: 'low',
					serviceTier: 'flex',
					store: true,
					metadata: '{"project": "newsletter"}',
					topLogprobs: 3,
				},
			}),
			credentials: credentials(),
			continueOnFail: true,
		});
		expectAllConform(proxy.records, 1);
	});

	test('images by URL and from a binary field (data URL), with detail', async () => {
		await runNode({
			parameters: chat({
				messages: {
					values: [
						{
							role: 'user',
							content: 'What is in these pictures?',
							images: {
								image: [
									{ source: 'url', url: 'https://example.com/cat.jpg', detail: 'high' },
									{ source: 'binary', binaryPropertyName: 'data', detail: 'low' },
								],
							},
						},
					],
				},
			}),
			items: [{ json: {}, binary: { data: binaryFrom(PNG, 'p.png', 'image/png') } }],
			credentials: credentials(),
		});
		expectAllConform(proxy.records, 1);
	});

	test('JSON Object and JSON Schema response formats', async () => {
		const formats = ['json_object', 'json_schema'];
		await runNode({
			parameters: chat({
				messages: { values: [{ role: 'user', content: 'Answer in JSON' }] },
				responseFormat: (i: number) => formats[i],
				jsonSchemaName: 'answer_schema',
				jsonSchemaStrict: true,
			}),
			items: [{ json: {} }, { json: {} }],
			// Prism answers with the spec's example text, which is not JSON: the requests are what is checked here.
			continueOnFail: true,
			credentials: credentials(),
		});
		expectAllConform(proxy.records, 2);
	});

	test('Messages (JSON) with a tool call and its result', async () => {
		await runNode({
			parameters: chat({
				messagesInput: 'json',
				messagesJson: [
					{ role: 'user', content: 'Weather?' },
					{ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
					{ role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
				],
			}),
			credentials: credentials(),
		});
		expectAllConform(proxy.records, 1);
	});
});
