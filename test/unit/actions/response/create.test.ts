import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { chatCompletionFields } from '../../../../nodes/OpenAiToolkit/actions/chat/fields';
import { backgroundWaitSpec, responseFields } from '../../../../nodes/OpenAiToolkit/actions/response/fields';
import { responseToJson } from '../../../../nodes/OpenAiToolkit/actions/response/output';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('Response → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		// Background tests poll every millisecond; the fields' own minimums (1 s, 1 min) are tested in
		// 'the wait fields are read with their ranges'.
		jest.replaceProperty(backgroundWaitSpec, 'intervalMin', 0.001);
		jest.replaceProperty(backgroundWaitSpec, 'timeoutMin', 0.001);
	});
	afterEach(() => jest.restoreAllMocks());
	const credentials = () => ({ baseUrl: server.url });
	const create = (parameters: Record<string, unknown>) => ({ resource: 'response', operation: 'create', ...parameters });

	test('sends model and input only, and outputs the response plus its output text as `text`', async () => {
		const { output } = await runNode({ parameters: create({ inputText: 'Hello' }), credentials: credentials() });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/responses' });
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', input: 'Hello' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'response', status: 'completed', text: 'echo: Hello' });
		expect(output[0].json.text_config).toEqual({ format: { type: 'text' } });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('every option, built-in tools and converted function tools end up in the exact body', async () => {
		server.state.responses.set('resp_prev', { id: 'resp_prev', status: 'completed' });
		await runNode({
			parameters: create({
				model: { __rl: true, mode: 'id', value: 'gpt-4o' },
				inputText: 'What is the weather in Oslo?',
				instructions: 'Be brief.',
				builtInTools: {
					webSearch: 'low',
					fileSearchVectorStoreIds: 'vs_1, vs_2',
					fileSearchMaxResults: 5,
					codeInterpreter: true,
					codeInterpreterFileIds: 'file-a',
				},
				functionTools: JSON.stringify([
					{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
					{ type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} }, strict: true },
					{ type: 'image_generation' },
				]),
				responseOptions: {
					previousResponseId: 'resp_prev',
					reasoningEffort: 'low',
					reasoningSummary: 'concise',
					store: false,
					metadata: '{"customer": "acme", "run": 7}',
					maxOutputTokens: 300,
					temperature: 0.2,
					topP: 0.9,
					truncation: 'auto',
					serviceTier: 'flex',
					toolChoice: 'required',
					parallelToolCalls: false,
					additionalBodyFields: '{"user": "u-1", "temperature": 0.3}',
				},
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o',
			input: 'What is the weather in Oslo?',
			instructions: 'Be brief.',
			tools: [
				{ type: 'web_search', search_context_size: 'low' },
				{ type: 'file_search', vector_store_ids: ['vs_1', 'vs_2'], max_num_results: 5 },
				{ type: 'code_interpreter', container: { type: 'auto', file_ids: ['file-a'] } },
				{
					type: 'function',
					name: 'get_weather',
					description: 'Weather now',
					parameters: { type: 'object', properties: { city: { type: 'string' } } },
					strict: false,
				},
				{ type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} }, strict: true },
				{ type: 'image_generation' },
			],
			previous_response_id: 'resp_prev',
			reasoning: { effort: 'low', summary: 'concise' },
			store: false,
			metadata: { customer: 'acme', run: '7' },
			max_output_tokens: 300,
			temperature: 0.3,
			top_p: 0.9,
			truncation: 'auto',
			service_tier: 'flex',
			tool_choice: 'required',
			parallel_tool_calls: false,
			user: 'u-1',
		});
	});

	test('messages with images from a URL and from a binary field', async () => {
		const { output } = await runNode({
			parameters: create({
				inputMode: 'messages',
				inputMessages: {
					message: [
						{ role: 'developer', content: 'Describe images.' },
						{ role: 'assistant', content: 'Send me pictures.' },
						{ role: 'user', content: 'What is on these?', imageUrls: 'https://example.com/a.jpg', imageBinaryProperties: 'photo', imageDetail: 'low' },
					],
				},
			}),
			items: [{ json: {}, binary: { photo: binaryFrom(PNG, 'photo.png', 'image/png') } }],
			credentials: credentials(),
		});
		expect(server.requests[0].body.input).toEqual([
			{ role: 'developer', content: 'Describe images.' },
			{ role: 'assistant', content: 'Send me pictures.' },
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'What is on these?' },
					{ type: 'input_image', image_url: 'https://example.com/a.jpg', detail: 'low' },
					{ type: 'input_image', image_url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'low' },
				],
			},
		]);
		expect(output[0].json.text).toBe('echo: What is on these? [2 images]');
	});

	test('JSON schema output: the format is sent with strict, and `text` holds the parsed object', async () => {
		const schema = { type: 'object', properties: { echo: { type: 'string' } }, required: ['echo'], additionalProperties: false };
		const { output } = await runNode({
			parameters: create({ inputText: 'Hi', textFormat: 'json_schema', jsonSchemaName: 'answer', jsonSchema: JSON.stringify(schema), jsonSchemaStrict: true }),
			credentials: credentials(),
		});
		expect(server.requests[0].body.text).toEqual({ format: { type: 'json_schema', name: 'answer', schema, strict: true } });
		expect(output[0].json.text).toEqual({ echo: 'echo: Hi' });
		expect(output[0].json.text_config).toEqual({ format: { type: 'json_schema', name: 'answer', schema, strict: true } });
	});

	test('JSON object output is parsed too', async () => {
		const { output } = await runNode({ parameters: create({ inputText: 'Answer in JSON', textFormat: 'json_object' }), credentials: credentials() });
		expect(server.requests[0].body.text).toEqual({ format: { type: 'json_object' } });
		expect(output[0].json.text).toEqual({ echo: 'echo: Answer in JSON' });
	});

	test('JSON output cut off in the middle stays text', () => {
		const json = responseToJson({
			id: 'resp_1',
			status: 'incomplete',
			text: { format: { type: 'json_object' } },
			output: [{ type: 'message', content: [{ type: 'output_text', text: '{"echo": "hal' }] }],
		});
		expect(json.text).toBe('{"echo": "hal');
	});

	test('background mode polls GET /responses/{id} until the response is completed', async () => {
		const { output } = await runNode({
			parameters: create({ inputText: 'Think long', background: true, pollInterval: 0.001 }),
			credentials: credentials(),
		});
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/responses',
			'GET /v1/responses/resp_0001',
			'GET /v1/responses/resp_0001',
		]);
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', input: 'Think long', background: true });
		expect(output[0].json).toMatchObject({ id: 'resp_0001', status: 'completed', background: true, text: 'echo: Think long' });
	});

	test('background mode ending incomplete outputs the response as it is', async () => {
		server.state.responseOutcome = 'incomplete';
		const { output } = await runNode({ parameters: create({ inputText: 'Long', background: true, pollInterval: 0.001 }), credentials: credentials() });
		expect(output[0].json).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, text: 'echo: Long' });
	});

	test('a background response that fails is an error with its message and ID; Continue On Fail goes on', async () => {
		server.state.responseOutcome = 'failed';
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, pollInterval: 0.001 }),
			credentials: credentials(),
		});
		expect(error.message).toBe('The model failed to generate a response.');
		expect(error.description).toContain('Response ID: resp_0001');
		expect(error.description).toContain('code: server_error');

		server.reset();
		server.state.responseOutcome = 'failed';
		const { output } = await runNode({
			parameters: create({ inputText: 'x', background: (i: number) => i === 0, pollInterval: 0.001 }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe('The model failed to generate a response.');
		expect(output[1].json).toMatchObject({ status: 'completed', text: 'echo: x' });
	});

	test('background mode gives up after the timeout, naming the response that keeps running', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, pollInterval: 1, waitTimeout: 0.001 }),
			credentials: credentials(),
		});
		expect(error.message).toBe('The background response resp_0001 did not finish within 0.001 minutes (status: queued)');
		expect(server.requests).toHaveLength(1);
	});

	test('background mode stops polling when the execution is cancelled', async () => {
		const controller = new AbortController();
		server.on('GET', /^\/v1\/responses\//, () => {
			controller.abort();
			return { status: 200, body: { id: 'resp_0001', object: 'response', status: 'in_progress', output: [] } };
		});
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, pollInterval: 1 }),
			cancelSignal: controller.signal,
			credentials: credentials(),
		});
		// Aborted while the check was in flight: the request itself is aborted, and no further check is made.
		expect(error.message).toMatch(/execution was cancelled/);
		expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
	});

	test('background mode with Store off is refused before sending', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, responseOptions: { store: false } }),
			credentials: credentials(),
		});
		expect(error.message).toContain("Background mode needs the option 'Store' on");
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		[{ pollInterval: 0.5 }, "The field 'Poll Interval (Seconds)' must be between 1 and 3600 (got 0.5)"],
		[{ pollInterval: NaN }, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
		[{ pollInterval: 'abc' }, "The field 'Poll Interval (Seconds)' must be a number (got 'abc')"],
		[{ pollInterval: Infinity }, "The field 'Poll Interval (Seconds)' must be a number (got 'Infinity')"],
		[{ waitTimeout: 0 }, "The field 'Timeout (Minutes)' must be between 1 and 10080 (got 0)"],
		[{ waitTimeout: -Infinity }, "The field 'Timeout (Minutes)' must be a number (got '-Infinity')"],
		[{ waitTimeout: 1e9 }, "The field 'Timeout (Minutes)' must be between 1 and 10080 (got 1000000000)"],
	])('background mode reads the wait fields with their ranges before sending: %j', async (wait, message) => {
		jest.restoreAllMocks(); // the real minimums
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, ...wait }),
			credentials: credentials(),
		});
		expect(error.message).toBe(message);
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('without background mode the wait fields are not read', async () => {
		const { output } = await runNode({ parameters: create({ inputText: 'x', pollInterval: NaN, waitTimeout: 'abc' }), credentials: credentials() });
		expect(output[0].json.text).toBe('echo: x');
	});

	test('the wait fields keep their names and defaults, with their ranges, shown in background mode only', () => {
		const properties = nodeDescription().properties.filter(
			(p) => p.displayOptions?.show?.resource?.[0] === 'response' && p.displayOptions?.show?.operation?.[0] === 'create',
		);
		const field = (name: string) => properties.find((p) => p.name === name)!;
		expect(field('pollInterval')).toMatchObject({ default: 5, typeOptions: { minValue: 1, maxValue: 3600 } });
		expect(field('waitTimeout')).toMatchObject({ default: 60, typeOptions: { minValue: 1, maxValue: 10080 } });
		expect(field('pollInterval').displayOptions?.show?.background).toEqual([true]);
		expect(field('waitTimeout').displayOptions?.show?.background).toEqual([true]);
	});

	test('number options left empty (or null from an expression) are not sent at all', async () => {
		await runNode({
			parameters: create({
				inputText: 'x',
				builtInTools: { fileSearchVectorStoreIds: 'vs_1', fileSearchMaxResults: '' },
				responseOptions: { maxOutputTokens: null, temperature: '', topP: null },
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			input: 'x',
			tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }],
		});
	});

	test('the fake server refuses a number the node would have had to check (null max_output_tokens)', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', responseOptions: { additionalBodyFields: '{"max_output_tokens": null}' } }),
			credentials: credentials(),
		});
		expect(error.message).toBe("Invalid value for 'max_output_tokens': expected a number, but got null instead.");
		expect(error.httpCode).toBe('400');
	});

	test('Chat and Response share one definition of each common option, under the names each saves', () => {
		const chatOptions = (chatCompletionFields.find((f) => f.name === 'options')!.options ?? []) as Array<{ name: string }>;
		const responseOptions = (responseFields.find((f) => f.name === 'responseOptions')!.options ?? []) as Array<{ name: string }>;
		for (const name of ['reasoningEffort', 'serviceTier', 'temperature', 'topP']) {
			expect(responseOptions.find((o) => o.name === name)).toBe(chatOptions.find((o) => o.name === name));
		}
		const chatMetadata = chatOptions.find((o) => o.name === 'metadata') as any;
		const responseMetadata = responseOptions.find((o) => o.name === 'metadata') as any;
		expect({ ...responseMetadata, placeholder: undefined, description: undefined }).toEqual({
			...chatMetadata,
			placeholder: undefined,
			description: undefined,
		});
		expect((chatOptions.find((o) => o.name === 'reasoningEffort') as any).options.map((o: any) => o.value)).toEqual([
			'none',
			'minimal',
			'low',
			'medium',
			'high',
			'xhigh',
		]);
		// The structured output fields: the same definitions, shown by 'responseFormat' (Chat) or 'textFormat' (Response).
		for (const name of ['jsonObjectNotice', 'jsonSchemaName', 'jsonSchema', 'jsonSchemaStrict']) {
			const { displayOptions: inChat, ...chatField } = chatCompletionFields.find((f) => f.name === name)!;
			const { displayOptions: inResponse, ...responseField } = responseFields.find((f) => f.name === name)!;
			expect(responseField).toEqual(chatField);
			expect(inResponse?.show?.textFormat).toEqual(inChat?.show?.responseFormat);
		}
		const withoutLabel = (field: (typeof responseFields)[number]) => ({ ...field, name: 'format', displayName: 'format' });
		expect(withoutLabel(responseFields.find((f) => f.name === 'textFormat')!)).toEqual(
			withoutLabel(chatCompletionFields.find((f) => f.name === 'responseFormat')!),
		);
		expect(responseFields.find((f) => f.name === 'textFormat')).toMatchObject({ default: 'text' });
		expect(chatCompletionFields.find((f) => f.name === 'responseFormat')).toMatchObject({ default: 'text' });
	});

	test('an API error (unknown previous response) keeps OpenAI message, status and param', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', responseOptions: { previousResponseId: 'resp_missing' } }),
			credentials: credentials(),
		});
		expect(error.message).toBe("Previous response with id 'resp_missing' not found.");
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('param: previous_response_id');
	});

	test.each([
		['an empty input', { inputText: '  ' }, "The field 'Input' is empty"],
		['bad function tools JSON', { functionTools: '[{"name": ' }, "Invalid JSON in field 'Function Tools (JSON)'"],
		['a function without a valid name', { functionTools: '[{"type": "function", "name": "has space"}]' }, "Field 'Function Tools (JSON)': function 1 needs a \"name\""],
		[
			'a bad schema name',
			{ textFormat: 'json_schema', jsonSchemaName: 'no spaces allowed' },
			"The field 'Schema Name' ('no spaces allowed') may only contain letters, digits, underscores and dashes, at most 64 characters",
		],
		['a schema that is not JSON', { textFormat: 'json_schema', jsonSchema: '{oops' }, "Invalid JSON in field 'Schema (JSON)'"],
		['an empty schema', { textFormat: 'json_schema', jsonSchema: '{}' }, "The field 'Schema (JSON)' is empty"],
		['an empty model', { model: { __rl: true, mode: 'id', value: ' ' } }, "The field 'Model' is empty"],
		['max output tokens that are text', { responseOptions: { maxOutputTokens: 'abc' } }, "The field 'Max Output Tokens' must be a number (got 'abc')"],
		['max output tokens that are NaN', { responseOptions: { maxOutputTokens: NaN } }, "The field 'Max Output Tokens' must be a number (got 'NaN')"],
		['max output tokens below 16', { responseOptions: { maxOutputTokens: 15 } }, "The field 'Max Output Tokens' must be at least 16 (got 15)"],
		['max output tokens of 100.5', { responseOptions: { maxOutputTokens: 100.5 } }, "The field 'Max Output Tokens' must be a whole number (got 100.5)"],
		['a temperature that is text', { responseOptions: { temperature: 'abc' } }, "The field 'Temperature' must be a number (got 'abc')"],
		['a temperature of Infinity', { responseOptions: { temperature: Infinity } }, "The field 'Temperature' must be a number (got 'Infinity')"],
		['a temperature above 2', { responseOptions: { temperature: 2.5 } }, "The field 'Temperature' must be between 0 and 2 (got 2.5)"],
		['a top p below 0', { responseOptions: { topP: -0.1 } }, "The field 'Top P' must be between 0 and 1 (got -0.1)"],
		['a top p that is NaN', { responseOptions: { topP: NaN } }, "The field 'Top P' must be a number (got 'NaN')"],
		[
			'file search max results of 51',
			{ builtInTools: { fileSearchVectorStoreIds: 'vs_1', fileSearchMaxResults: 51 } },
			"The field 'File Search Max Results' must be between 1 and 50 (got 51)",
		],
		[
			'file search max results that are text',
			{ builtInTools: { fileSearchVectorStoreIds: 'vs_1', fileSearchMaxResults: 'ten' } },
			"The field 'File Search Max Results' must be a number (got 'ten')",
		],
		[
			'metadata with 17 keys',
			{ responseOptions: { metadata: JSON.stringify(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))) } },
			"Field 'Metadata (JSON)' has 17 keys; OpenAI allows at most 16",
		],
		[
			'a metadata value of 513 characters',
			{ responseOptions: { metadata: { note: 'x'.repeat(513) } } },
			"Field 'Metadata (JSON)': keys may have at most 64 characters and values at most 512 ('note' is too long)",
		],
		['background mode with Store off', { background: true, responseOptions: { store: false } }, "Background mode needs the option 'Store' on"],
		['nested metadata', { responseOptions: { metadata: '{"a": {"b": 1}}' } }, "Field 'Metadata (JSON)': the value of 'a' must be text"],
		['file search max results without vector stores', { builtInTools: { fileSearchMaxResults: 3 } }, "'File Search Max Results' needs 'File Search Vector Store IDs'"],
		['an empty previous response ID', { responseOptions: { previousResponseId: ' ' } }, "The field 'Previous Response ID' is empty"],
		['images in a system message', { inputMode: 'messages', inputMessages: { message: [{ role: 'system', content: 'x', imageUrls: 'https://e.com/a.png' }] } }, 'Message 1: images can only be sent in a user message'],
		['an empty message', { inputMode: 'messages', inputMessages: { message: [{ role: 'user', content: '' }] } }, "Message 1: the field 'Content' is empty"],
		['a binary field that is missing', { inputMode: 'messages', inputMessages: { message: [{ role: 'user', content: 'x', imageBinaryProperties: 'nope' }] } }, "Message 1, field 'Image Binary Fields': the input item has no binary field 'nope'"],
	])('%s is refused before sending, naming the field, and Continue On Fail keeps the other items', async (_label, bad, message) => {
		const good = { inputText: 'fine' };
		const { output } = await runNode({
			parameters: create(
				Object.fromEntries(
					[...new Set([...Object.keys(good), ...Object.keys(bad)])].map((key) => [
						key,
						(i: number) => (i === 1 ? (bad as Record<string, unknown>)[key] ?? (good as Record<string, unknown>)[key] : (good as Record<string, unknown>)[key]),
					]),
				),
			),
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(3);
		expect(String(output[1].json.error)).toContain(message);
		expect(String(output[1].json.description)).toMatch(/Item 2 \(index 1\)\.$/);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[0].json.text).toBe('echo: fine');
		expect(output[2].json.text).toBe('echo: fine');
		expect(server.requests).toHaveLength(2);
	});
});
