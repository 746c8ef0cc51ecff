import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { TEST_API_KEY } from '../../../support/constants';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('Chat → Create Completion', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const chat = (parameters: Record<string, unknown>) => ({ resource: 'chat', operation: 'createCompletion', ...parameters });
	const userSays = (content: unknown) => ({ messages: { values: [{ role: 'user', content }] } });
	const threeItems = [{ json: {} }, { json: {} }, { json: {} }];

	test('a new node opens on Chat → Create Completion', async () => {
		const properties = nodeDescription().properties;
		expect(properties.find((p) => p.name === 'resource')!.default).toBe('chat');
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'chat')!;
		expect(operation.default).toBe('createCompletion');
		expect(operation.options).toEqual([expect.objectContaining({ name: 'Create Completion', value: 'createCompletion' })]);
	});

	test('sends model and messages only, and outputs the response plus the first choice as text', async () => {
		const { output } = await runNode({ parameters: chat(userSays('Hello')), credentials: credentials() });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini', text: 'echo: Hello' });
		expect((output[0].json.choices as any[])[0].message.content).toBe('echo: Hello');
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('every role with its name, the model typed by ID, and one request per item mapped from the item', async () => {
		const items = [{ json: { q: 'first' } }, { json: { q: 'second' } }];
		const { output } = await runNode({
			parameters: chat({
				model: { __rl: true, mode: 'id', value: 'gpt-4.1' },
				messages: (i: number) => ({
					values: [
						{ role: 'system', content: 'Be brief.' },
						{ role: 'developer', content: 'Answer in English.', name: 'dev_1' },
						{ role: 'assistant', content: 'How can I help?', name: 'Helper' },
						{ role: 'user', content: items[i].json.q, name: 'Anna_Berg' },
					],
				}),
			}),
			items,
			credentials: credentials(),
		});
		// Items run concurrently; put the requests back in item order before comparing.
		const bodies = server.requests.map((r) => r.body).sort((a, b) => a.messages[3].content.localeCompare(b.messages[3].content));
		expect(bodies).toEqual(
			['first', 'second'].map((q) => ({
				model: 'gpt-4.1',
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'developer', content: 'Answer in English.', name: 'dev_1' },
					{ role: 'assistant', content: 'How can I help?', name: 'Helper' },
					{ role: 'user', content: q, name: 'Anna_Berg' },
				],
			})),
		);
		expect(output.map((item) => item.json.text)).toEqual(['echo: first', 'echo: second']);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('every advanced setting is sent under its API name', async () => {
		await runNode({
			parameters: chat({
				...userSays('Weather?'),
				options: {
					maxCompletionTokens: 300,
					temperature: 0.2,
					topP: 0.9,
					n: 2,
					stop: ['END', '###'],
					presencePenalty: 0.5,
					frequencyPenalty: -0.5,
					logitBias: '{"50256": -100, "1234": 5}',
					seed: 42,
					user: 'user-7',
					tools: '[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}]',
					toolChoice: 'required',
					parallelToolCalls: false,
					reasoningEffort: 'low',
					serviceTier: 'flex',
					store: true,
					metadata: '{"project": "newsletter", "run": 3}',
					logprobs: true,
					topLogprobs: 3,
				},
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'Weather?' }],
			max_completion_tokens: 300,
			temperature: 0.2,
			top_p: 0.9,
			n: 2,
			stop: ['END', '###'],
			presence_penalty: 0.5,
			frequency_penalty: -0.5,
			logit_bias: { '50256': -100, '1234': 5 },
			seed: 42,
			user: 'user-7',
			tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }],
			tool_choice: 'required',
			parallel_tool_calls: false,
			reasoning_effort: 'low',
			service_tier: 'flex',
			store: true,
			metadata: { project: 'newsletter', run: '3' },
			logprobs: true,
			top_logprobs: 3,
		});
	});

	test('plain function definitions become function tools; Tool Choice Function names the function', async () => {
		await runNode({
			parameters: chat({
				...userSays('Weather in Oslo?'),
				options: {
					tools: [{ name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } }],
					toolChoice: 'function',
					toolChoiceFunctionName: 'get_weather',
				},
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body.tools).toEqual([
			{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } } },
		]);
		expect(server.requests[0].body.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
	});

	test('Top Log Probabilities alone turns Log Probabilities on; a stop text from an expression becomes a list', async () => {
		await runNode({
			parameters: chat({ ...userSays('Hi'), options: { topLogprobs: 0, stop: 'END' } }),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'Hi' }],
			stop: ['END'],
			logprobs: true,
			top_logprobs: 0,
		});
	});

	test('number settings left empty (or null from an expression) are not sent at all', async () => {
		await runNode({
			parameters: chat({
				...userSays('Hi'),
				options: { maxCompletionTokens: null, temperature: '', topP: ' ', n: null, seed: '', topLogprobs: null, presencePenalty: '' },
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
	});

	test('the fake server refuses a number the node would have had to check (a temperature of 3)', async () => {
		const error = await runNodeExpectingError({
			parameters: chat({ ...userSays('Hi'), options: { additionalBodyFields: '{"temperature": 3}' } }),
			credentials: credentials(),
		});
		expect(error.message).toBe("Invalid value for 'temperature': 3 is out of range [0, 2].");
		expect(error.httpCode).toBe('400');
	});

	test('Additional Body Fields are merged last and override fields set above', async () => {
		await runNode({
			parameters: chat({
				...userSays('Hi'),
				options: { temperature: 0.5, additionalBodyFields: '{"temperature": 0.7, "verbosity": "low", "prompt_cache_key": "k1"}' },
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'Hi' }],
			temperature: 0.7,
			verbosity: 'low',
			prompt_cache_key: 'k1',
		});
	});

	test('Tools (JSON) added but left at its default [] sends no tools', async () => {
		await runNode({ parameters: chat({ ...userSays('Hi'), options: { tools: '[]' } }), credentials: credentials() });
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
	});

	test("'stream: true' through Additional Body Fields is refused before sending (the node needs whole answers)", async () => {
		const error = await runNodeExpectingError({
			parameters: chat({ ...userSays('Hi'), options: { additionalBodyFields: '{"stream": true}' } }),
			credentials: credentials(),
		});
		expect(error.message).toBe("'stream: true' in 'Additional Body Fields (JSON)' is not supported");
		expect(server.requests).toHaveLength(0);
	});

	test('JSON Object format: sends response_format and outputs the parsed object as text', async () => {
		const { output } = await runNode({
			parameters: chat({ ...userSays('Answer in JSON'), responseFormat: 'json_object' }),
			credentials: credentials(),
		});
		expect(server.requests[0].body.response_format).toEqual({ type: 'json_object' });
		expect(output[0].json.text).toEqual({ echo: 'echo: Answer in JSON' });
	});

	test('JSON Schema format: sends name, schema and strict, and outputs the parsed object as text', async () => {
		const schema = {
			type: 'object',
			properties: { title: { type: 'string' }, score: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
			required: ['title', 'score', 'tags'],
			additionalProperties: false,
		};
		const { output } = await runNode({
			parameters: chat({
				...userSays('Rate this'),
				responseFormat: 'json_schema',
				jsonSchemaName: 'rating',
				jsonSchema: JSON.stringify(schema),
				jsonSchemaStrict: false,
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'Rate this' }],
			response_format: { type: 'json_schema', json_schema: { name: 'rating', schema, strict: false } },
		});
		expect(output[0].json.text).toEqual({ title: 'echo: Rate this', score: 0, tags: [] });
		expect((output[0].json.choices as any[])[0].message.content).toBe(JSON.stringify(output[0].json.text));
	});

	test('JSON Schema defaults: name "response", the example schema, strict on', async () => {
		await runNode({ parameters: chat({ ...userSays('x'), responseFormat: 'json_schema' }), credentials: credentials() });
		expect(server.requests[0].body.response_format).toEqual({
			type: 'json_schema',
			json_schema: {
				name: 'response',
				schema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false },
				strict: true,
			},
		});
	});

	test('a reply that is not valid JSON under a JSON format is a clear error keeping the raw text; other items go on', async () => {
		server.on('POST', '/v1/chat/completions', (req) => ({
			status: 200,
			body: {
				id: 'chatcmpl-x',
				object: 'chat.completion',
				created: 1700000000,
				model: 'gpt-4o-mini',
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: req.body.messages[0].content === 'bad' ? '{"answer": "cut off' : '{"answer": "ok"}' },
						finish_reason: req.body.messages[0].content === 'bad' ? 'length' : 'stop',
					},
				],
			},
		}));
		const contents = ['good', 'bad', 'good'];
		const { output } = await runNode({
			parameters: chat({ messages: (i: number) => ({ values: [{ role: 'user', content: contents[i] }] }), responseFormat: 'json_object' }),
			items: threeItems,
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.text)).toEqual([{ answer: 'ok' }, undefined, { answer: 'ok' }]);
		expect(output[1].json.error).toBe("The model's reply is not valid JSON, although the response format is 'json_object'");
		expect(output[1].json.description).toContain('Raw reply: {"answer": "cut off');
		expect(output[1].json.description).toContain('finish_reason: length');
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	test('a tool call (no content) gives text null', async () => {
		server.on('POST', '/v1/chat/completions', () => ({
			status: 200,
			body: {
				id: 'c',
				object: 'chat.completion',
				created: 1,
				model: 'gpt-4o-mini',
				choices: [
					{
						index: 0,
						message: {
							role: 'assistant',
							content: null,
							tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
						},
						finish_reason: 'tool_calls',
					},
				],
			},
		}));
		const { output } = await runNode({ parameters: chat({ ...userSays('Weather?'), responseFormat: 'json_object' }), credentials: credentials() });
		expect(output[0].json.text).toBeNull();
		expect((output[0].json.choices as any[])[0].message.tool_calls[0].function.name).toBe('get_weather');
	});

	describe('images in a user message', () => {
		test('by URL and from a binary field (as a data URL), each with its detail', async () => {
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
										{ source: 'binary', binaryPropertyName: 'photo', detail: 'low' },
										{ source: 'url', url: 'https://example.com/dog.jpg' },
									],
								},
							},
						],
					},
				}),
				items: [{ json: {}, binary: { photo: binaryFrom(PNG, 'photo.png', 'image/png') } }],
				credentials: credentials(),
			});
			expect(server.requests[0].body.messages).toEqual([
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'What is in these pictures?' },
						{ type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
						{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'low' } },
						{ type: 'image_url', image_url: { url: 'https://example.com/dog.jpg', detail: 'auto' } },
					],
				},
			]);
		});

		test('an image alone (empty content) sends only the image part', async () => {
			await runNode({
				parameters: chat({
					messages: { values: [{ role: 'user', content: '', images: { image: [{ source: 'url', url: 'https://example.com/a.png' }] } }] },
				}),
				credentials: credentials(),
			});
			expect(server.requests[0].body.messages).toEqual([
				{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'auto' } }] },
			]);
		});

		test('a binary field that does not exist fails its item only, naming message, image and field', async () => {
			const { output } = await runNode({
				parameters: chat({
					messages: {
						values: [{ role: 'user', content: 'Look', images: { image: [{ source: 'binary', binaryPropertyName: 'photo' }] } }],
					},
				}),
				items: [
					{ json: {}, binary: { photo: binaryFrom(PNG, 'a.png', 'image/png') } },
					{ json: {}, binary: { scan: binaryFrom(PNG, 'b.png', 'image/png') } },
					{ json: {}, binary: { photo: binaryFrom(PNG, 'c.png', 'image/png') } },
				],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(server.requests).toHaveLength(2);
			expect(output[0].json.text).toMatch(/^echo: /);
			expect(output[1].json.error).toBe("Message 1, image 1: the input item has no binary field 'photo'");
			expect(output[1].json.description).toBe('Binary fields on this item: scan. Item 2 (index 1).');
			expect(output[2].json.text).toMatch(/^echo: /);
		});

		test('a binary field that is not an image is refused', async () => {
			const error = await runNodeExpectingError({
				parameters: chat({
					messages: { values: [{ role: 'user', content: 'Look', images: { image: [{ source: 'binary' }] } }] },
				}),
				items: [{ json: {}, binary: { data: binaryFrom('%PDF-1.4', 'doc.pdf', 'application/pdf') } }],
				credentials: credentials(),
			});
			expect(error.message).toBe("Message 1, image 1: the binary field 'data' is not an image (MIME type 'application/pdf')");
			expect(server.requests).toHaveLength(0);
		});

		test('an image URL that is empty is refused', async () => {
			const error = await runNodeExpectingError({
				parameters: chat({ messages: { values: [{ role: 'user', content: 'Look', images: { image: [{ source: 'url', url: ' ' }] } }] } }),
				credentials: credentials(),
			});
			expect(error.message).toBe("Message 1, image 1: the field 'Image URL' is empty");
		});
	});

	describe('Messages (JSON)', () => {
		test('a mapped list is sent as it is', async () => {
			const conversation = [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: [{ type: 'text', text: 'Hi' }], name: 'Bo' },
				{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
				{ role: 'tool', tool_call_id: 'c1', content: '42' },
			];
			await runNode({
				parameters: chat({ messagesInput: 'json', messagesJson: conversation }),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: conversation });
		});

		test('typed JSON text is parsed; a bad role, a bad name and bad JSON are refused', async () => {
			const values = [
				'[{"role": "user", "content": "Hi"}]',
				'[{"role": "robot", "content": "Hi"}]',
				'[{"role": "user", "content": "Hi", "name": "Anna Berg"}]',
				'[{"role": "user", ',
				'{"role": "user"}',
			];
			const { output } = await runNode({
				parameters: chat({ messagesInput: 'json', messagesJson: (i: number) => values[i] }),
				items: values.map(() => ({ json: {} })),
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(server.requests).toHaveLength(1);
			expect(output[0].json.text).toBe('echo: Hi');
			expect(output[1].json.error).toBe(
				"Message 1 of 'Messages (JSON)': 'role' must be one of system, developer, user, assistant, tool, function (got \"robot\")",
			);
			expect(output[2].json.error).toBe(
				"Message 1 of 'Messages (JSON)': the field 'Name' ('Anna Berg') may only contain letters, digits and underscores, at most 64 characters",
			);
			expect(output[3].json.error).toBe("Invalid JSON in field 'Messages (JSON)'");
			expect(output[4].json.error).toBe("The field 'Messages (JSON)' must be a JSON list of messages");
		});
	});

	describe('checks before sending: each error names the field, and Continue On Fail keeps the other items', () => {
		const cases: Array<[string, Record<string, unknown>, string, string?]> = [
			['no messages at all', { messages: { values: [] } }, "The field 'Messages' is empty: add at least one message"],
			['an empty content', { messages: { values: [{ role: 'system', content: 'x' }, { role: 'user', content: '  ' }] } }, "Message 2: the field 'Content' is empty"],
			[
				'a name with a space',
				{ messages: { values: [{ role: 'user', content: 'Hi', name: 'Anna Berg' }] } },
				"Message 1: the field 'Name' ('Anna Berg') may only contain letters, digits and underscores, at most 64 characters",
				'Replace spaces and other characters with underscores, or leave the name empty. Item 2 (index 1).',
			],
			[
				'a name of 65 characters',
				{ messages: { values: [{ role: 'user', content: 'Hi', name: 'a'.repeat(65) }] } },
				`Message 1: the field 'Name' ('${'a'.repeat(65)}') may only contain letters, digits and underscores, at most 64 characters`,
			],
			['a temperature above 2', { ...userSays('Hi'), options: { temperature: 2.5 } }, "The field 'Temperature' must be between 0 and 2 (got 2.5)", 'Item 2 (index 1).'],
			['a negative temperature', { ...userSays('Hi'), options: { temperature: -0.1 } }, "The field 'Temperature' must be between 0 and 2 (got -0.1)"],
			['a top p above 1', { ...userSays('Hi'), options: { topP: 1.5 } }, "The field 'Top P' must be between 0 and 1 (got 1.5)"],
			['a presence penalty below -2', { ...userSays('Hi'), options: { presencePenalty: -3 } }, "The field 'Presence Penalty' must be between -2 and 2 (got -3)"],
			['a frequency penalty above 2', { ...userSays('Hi'), options: { frequencyPenalty: 2.1 } }, "The field 'Frequency Penalty' must be between -2 and 2 (got 2.1)"],
			['n of 0', { ...userSays('Hi'), options: { n: 0 } }, "The field 'Number of Choices' must be between 1 and 128 (got 0)"],
			['five stop sequences', { ...userSays('Hi'), options: { stop: ['a', 'b', 'c', 'd', 'e'] } }, "The field 'Stop Sequences' takes at most 4 sequences (got 5)"],
			['top logprobs of 21', { ...userSays('Hi'), options: { topLogprobs: 21 } }, "The field 'Top Log Probabilities' must be between 0 and 20 (got 21)"],
			['invalid JSON in Logit Bias', { ...userSays('Hi'), options: { logitBias: '{"50256": }' } }, "Invalid JSON in field 'Logit Bias (JSON)'"],
			['a logit bias key that is no token ID', { ...userSays('Hi'), options: { logitBias: '{"hello": 5}' } }, "The field 'Logit Bias (JSON)' maps token IDs to numbers; 'hello' is not a token ID"],
			['a logit bias out of range', { ...userSays('Hi'), options: { logitBias: '{"1": 101}' } }, "The field 'Logit Bias (JSON)' entry '1' must be between -100 and 100 (got 101)"],
			['invalid JSON in Tools', { ...userSays('Hi'), options: { tools: '[{"type": "function",' } }, "Invalid JSON in field 'Tools (JSON)'"],
			['a tool without type or name', { ...userSays('Hi'), options: { tools: '[{"parameters": {}}]' } }, 'Tool 1 in \'Tools (JSON)\' has neither a "type" nor a function "name"'],
			['Tool Choice Function without a name', { ...userSays('Hi'), options: { toolChoice: 'function' } }, "The field 'Tool Choice Function Name' is empty"],
			['invalid JSON in Metadata', { ...userSays('Hi'), options: { metadata: 'project=x' } }, "Invalid JSON in field 'Metadata (JSON)'"],
			['a metadata value that is an object', { ...userSays('Hi'), options: { metadata: '{"a": {"b": 1}}' } }, "Field 'Metadata (JSON)': the value of 'a' must be text, not an object or list"],
			[
				'metadata with 17 keys',
				{ ...userSays('Hi'), options: { metadata: JSON.stringify(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))) } },
				"Field 'Metadata (JSON)' has 17 keys; OpenAI allows at most 16",
			],
			[
				'a metadata key of 65 characters',
				{ ...userSays('Hi'), options: { metadata: { ['k'.repeat(65)]: 'v' } } },
				`Field 'Metadata (JSON)': keys may have at most 64 characters and values at most 512 ('${'k'.repeat(64)}' is too long)`,
			],
			[
				'a metadata value of 513 characters',
				{ ...userSays('Hi'), options: { metadata: { note: 'x'.repeat(513) } } },
				"Field 'Metadata (JSON)': keys may have at most 64 characters and values at most 512 ('note' is too long)",
			],
			['a temperature that is NaN', { ...userSays('Hi'), options: { temperature: NaN } }, "The field 'Temperature' must be a number (got 'NaN')", 'Item 2 (index 1).'],
			['a temperature that is text', { ...userSays('Hi'), options: { temperature: 'abc' } }, "The field 'Temperature' must be a number (got 'abc')"],
			['a top p of Infinity', { ...userSays('Hi'), options: { topP: Infinity } }, "The field 'Top P' must be a number (got 'Infinity')"],
			['a presence penalty that is NaN', { ...userSays('Hi'), options: { presencePenalty: NaN } }, "The field 'Presence Penalty' must be a number (got 'NaN')"],
			['a frequency penalty that is text', { ...userSays('Hi'), options: { frequencyPenalty: 'lots' } }, "The field 'Frequency Penalty' must be a number (got 'lots')"],
			['n of 129', { ...userSays('Hi'), options: { n: 129 } }, "The field 'Number of Choices' must be between 1 and 128 (got 129)"],
			['n of 1.5', { ...userSays('Hi'), options: { n: 1.5 } }, "The field 'Number of Choices' must be a whole number (got 1.5)"],
			['max completion tokens of 0', { ...userSays('Hi'), options: { maxCompletionTokens: 0 } }, "The field 'Max Completion Tokens' must be at least 1 (got 0)"],
			['max completion tokens of 2.5', { ...userSays('Hi'), options: { maxCompletionTokens: 2.5 } }, "The field 'Max Completion Tokens' must be a whole number (got 2.5)"],
			['max completion tokens that are text', { ...userSays('Hi'), options: { maxCompletionTokens: 'abc' } }, "The field 'Max Completion Tokens' must be a number (got 'abc')"],
			['a seed of 1.5', { ...userSays('Hi'), options: { seed: 1.5 } }, "The field 'Seed' must be a whole number (got 1.5)"],
			['a seed of Infinity', { ...userSays('Hi'), options: { seed: -Infinity } }, "The field 'Seed' must be a number (got '-Infinity')"],
			['top logprobs of -1', { ...userSays('Hi'), options: { topLogprobs: -1 } }, "The field 'Top Log Probabilities' must be between 0 and 20 (got -1)"],
			['top logprobs that are NaN', { ...userSays('Hi'), options: { topLogprobs: NaN } }, "The field 'Top Log Probabilities' must be a number (got 'NaN')"],
			['invalid JSON in Additional Body Fields', { ...userSays('Hi'), options: { additionalBodyFields: '{nope}' } }, "Invalid JSON in field 'Additional Body Fields (JSON)'"],
			['invalid JSON in the schema', { ...userSays('Hi'), responseFormat: 'json_schema', jsonSchema: '{"type": ' }, "Invalid JSON in field 'Schema (JSON)'"],
			['an empty schema', { ...userSays('Hi'), responseFormat: 'json_schema', jsonSchema: '{}' }, "The field 'Schema (JSON)' is empty"],
			['a schema name with a space', { ...userSays('Hi'), responseFormat: 'json_schema', jsonSchemaName: 'my schema' }, "The field 'Schema Name' ('my schema') may only contain letters, digits, underscores and dashes, at most 64 characters"],
			['an empty model', { ...userSays('Hi'), model: { __rl: true, mode: 'id', value: ' ' } }, "The field 'Model' is empty"],
		];

		test.each(cases.map(([name, bad, message, description]) => ({ name, bad, message, description })))(
			'$name',
			async ({ bad, message, description }) => {
			const { output } = await runNode({
				parameters: Object.fromEntries(
					Object.entries({ ...chat(userSays('Hi')), ...bad }).map(([key, value]) => [
						key,
						(i: number) => (i === 1 ? value : (chat(userSays('Hi')) as Record<string, unknown>)[key]),
					]),
				),
				items: threeItems,
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output).toHaveLength(3);
			expect(output[1].json.error).toBe(message);
			if (description) expect(output[1].json.description).toBe(description);
			expect(output[1].pairedItem).toEqual({ item: 1 });
			expect(output[0].json.text).toBe('echo: Hi');
			expect(output[2].json.text).toBe('echo: Hi');
			expect(server.requests).toHaveLength(2);
			},
		);

		test('without Continue On Fail the node fails with the error of the item', async () => {
			const error = await runNodeExpectingError({
				parameters: chat({ ...userSays('Hi'), options: { temperature: 3 } }),
				credentials: credentials(),
			});
			expect(error.message).toBe("The field 'Temperature' must be between 0 and 2 (got 3)");
			expect(error.context?.itemIndex).toBe(0);
			expect(server.requests).toHaveLength(0);
		});
	});

	test("OpenAI's own error comes through with status and code, and the key is not in it", async () => {
		server.queueFault({
			status: 400,
			body: { error: { message: "Invalid value for 'reasoning_effort'", type: 'invalid_request_error', param: 'reasoning_effort', code: 'unsupported_value' } },
		});
		const error = await runNodeExpectingError({
			parameters: chat({ ...userSays('Hi'), options: { reasoningEffort: 'high' } }),
			credentials: credentials(),
		});
		expect(error.message).toBe("Invalid value for 'reasoning_effort'");
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('param: reasoning_effort');
		expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
	});
});
