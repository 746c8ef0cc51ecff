import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { responseToJson } from '../../../../nodes/OpenAiToolkit/actions/response/create.operation';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('Response → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
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
			parameters: create({ inputText: 'Think long', background: true, pollInterval: 0 }),
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
		const { output } = await runNode({ parameters: create({ inputText: 'Long', background: true, pollInterval: 0 }), credentials: credentials() });
		expect(output[0].json).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, text: 'echo: Long' });
	});

	test('a background response that fails is an error with its message and ID; Continue On Fail goes on', async () => {
		server.state.responseOutcome = 'failed';
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, pollInterval: 0 }),
			credentials: credentials(),
		});
		expect(error.message).toBe('The model failed to generate a response.');
		expect(error.description).toContain('Response ID: resp_0001');
		expect(error.description).toContain('code: server_error');

		server.reset();
		server.state.responseOutcome = 'failed';
		const { output } = await runNode({
			parameters: create({ inputText: 'x', background: (i: number) => i === 0, pollInterval: 0 }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output[0].json.error).toBe('The model failed to generate a response.');
		expect(output[1].json).toMatchObject({ status: 'completed', text: 'echo: x' });
	});

	test('background mode gives up after the timeout, naming the response that keeps running', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ inputText: 'x', background: true, pollInterval: 0, waitTimeout: 0 }),
			credentials: credentials(),
		});
		expect(error.message).toBe('The background response resp_0001 did not finish within 0 minutes (status: queued)');
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
		['a bad schema name', { textFormat: 'json_schema', jsonSchemaName: 'no spaces allowed' }, "The field 'Schema Name' must be 1–64 letters"],
		['a schema that is not JSON', { textFormat: 'json_schema', jsonSchema: '{oops' }, "Invalid JSON in field 'JSON Schema'"],
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
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[0].json.text).toBe('echo: fine');
		expect(output[2].json.text).toBe('echo: fine');
		expect(server.requests).toHaveLength(2);
	});
});
