import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';

describe('Response → Count Input Tokens and Compact (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const response = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'response', operation, ...parameters });
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters, credentials: credentials(), ...extra });
	const runFailing = (parameters: Record<string, unknown>) => runNodeExpectingError({ typeVersion: 2, parameters, credentials: credentials() });

	test('Count Input Tokens: model and input text only, and outputs the count', async () => {
		const { output } = await run(response('countInputTokens', { inputText: 'Tell me a joke' }));
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/responses/input_tokens']);
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', input: 'Tell me a joke' });
		expect(output).toEqual([{ json: { object: 'response.input_tokens', input_tokens: 4 }, pairedItem: { item: 0 } }]);
	});

	test('Count Input Tokens with messages, instructions and every option: the exact body', async () => {
		const tools = [{ type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} } }];
		await run({ resource: 'conversation', operation: 'create', itemsMode: 'messages', messages: { message: [{ role: 'user', content: 'one two three' }] } });
		server.requests.length = 0;
		const { output } = await run(
			response('countInputTokens', {
				chatModel: { __rl: true, mode: 'id', value: 'gpt-4o' },
				inputMode: 'messages',
				inputMessages: { message: [{ role: 'developer', content: 'Be terse.' }, { role: 'user', content: 'Hi there' }] },
				instructions: 'Answer in French.',
				options: { conversation: 'conv_0001', reasoningEffort: 'low', tools: JSON.stringify(tools) },
			}),
		);
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o',
			input: [
				{ role: 'developer', content: 'Be terse.' },
				{ role: 'user', content: 'Hi there' },
			],
			instructions: 'Answer in French.',
			conversation: 'conv_0001',
			reasoning: { effort: 'low' },
			tools,
		});
		// 4 words of input, 3 of instructions, 3 in the conversation, 10 for the tool.
		expect(output[0].json.input_tokens).toBe(20);
	});

	test('Count Input Tokens of JSON items, and of a previous response alone (Input Type None)', async () => {
		const items = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a b' }] }];
		await run(response('countInputTokens', { inputMode: 'json', inputItems: JSON.stringify(items) }));
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', input: items });

		const { output: created } = await run(response('create', { inputText: 'one two', simplify: false }));
		server.requests.length = 0;
		const { output } = await run(response('countInputTokens', { inputMode: 'none', options: { previousResponseId: created[0].json.id } }));
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', previous_response_id: 'resp_0001' });
		// "one two" in, "echo: one two" out.
		expect(output[0].json.input_tokens).toBe(5);
	});

	test.each([
		['Input Type None without a previous response', { inputMode: 'none' }, "The Input Type is 'None', but the option 'Previous Response ID' is not set"],
		['an empty Previous Response ID', { options: { previousResponseId: ' ' } }, "The field 'Previous Response ID' is empty"],
		['an empty Conversation ID', { options: { conversation: '' } }, "The field 'Conversation ID' is empty"],
		['Tools that are no list', { options: { tools: '{"type": "web_search"}' } }, "Field 'Tools (JSON)' must be a JSON list"],
		['empty input items', { inputMode: 'json', inputItems: '[]' }, "The field 'Input Items (JSON)' has no item"],
		['input items that are no objects', { inputMode: 'json', inputItems: '["hi"]' }, "Field 'Input Items (JSON)': entry 1 is not a JSON object"],
		['an empty input text', { inputText: '' }, "The field 'Input' is empty"],
		['bad Additional Body Fields', { options: { additionalBodyFields: '{oops' } }, "Invalid JSON in field 'Additional Body Fields (JSON)'"],
	])('Count Input Tokens refuses %s before sending, naming the field and the item', async (_, parameters, message) => {
		const error = await runFailing(response('countInputTokens', { inputText: 'Hi', ...parameters }));
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('Count Input Tokens: an unknown model keeps OpenAI message; Continue On Fail goes on with the next item', async () => {
		const { output } = await run(response('countInputTokens', { chatModel: { __rl: true, mode: 'id', value: 'x' }, inputText: 'Hi' }), {
			continueOnFail: true,
		});
		expect(output[0].json.error).toBe("The requested model 'x' does not exist.");
		const mixed = await run(
			response('countInputTokens', { chatModel: (i: number) => ({ __rl: true, mode: 'id', value: i === 0 ? 'nope' : 'gpt-4o-mini' }), inputText: 'Hi' }),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(mixed.output.map((item) => item.json.error ?? item.json.input_tokens)).toEqual(["The requested model 'nope' does not exist.", 1]);
		expect(mixed.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Compact JSON items: the exact body; the output is the compacted response (user messages and one compaction item)', async () => {
		const items = [
			{ role: 'user', content: 'Build a landing page' },
			{ id: 'msg_001', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Here it is', annotations: [] }] },
		];
		const { output } = await run(
			response('compact', {
				inputMode: 'json',
				inputItems: JSON.stringify(items),
				instructions: 'Keep the decisions.',
				options: { promptCacheKey: ' site-42 ', serviceTier: 'flex' },
			}),
		);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/responses/compact']);
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			input: items,
			instructions: 'Keep the decisions.',
			prompt_cache_key: 'site-42',
			service_tier: 'flex',
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'response.compaction', output: [{ type: 'message', role: 'user' }, { type: 'compaction' }] });
	});

	test('Compact a previous response (Input Type None); its ID unknown keeps OpenAI message', async () => {
		const { output: created } = await run(response('create', { inputText: 'Hello', simplify: false }));
		server.requests.length = 0;
		const { output } = await run(response('compact', { inputMode: 'none', options: { previousResponseId: created[0].json.id } }));
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', previous_response_id: 'resp_0001' });
		expect((output[0].json.output as unknown[]).length).toBe(2);
		const error = await runFailing(response('compact', { inputMode: 'none', options: { previousResponseId: 'resp_gone' } }));
		expect(error.message).toBe("Previous response with id 'resp_gone' not found.");
		expect(error.httpCode).toBe('400');
	});

	test('Compact refuses an empty model and Input Type None alone before sending', async () => {
		const noModel = await runFailing(response('compact', { chatModel: { __rl: true, mode: 'id', value: ' ' }, inputText: 'Hi' }));
		expect(noModel.message).toBe("The field 'Model' is empty");
		const nothing = await runFailing(response('compact', { inputMode: 'none' }));
		expect(nothing.message).toBe("The Input Type is 'None', but the option 'Previous Response ID' is not set");
		expect(server.requests).toHaveLength(0);
	});
});
