import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { createExecuteContext, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { buildCompletionRequest } from '../../../../nodes/OpenAiToolkit/actions/completion/create.operation';

describe('Completion → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const completion = (parameters: Record<string, unknown>) => ({ resource: 'completion', operation: 'create', ...parameters });

	describe('Prompt input → /completions', () => {
		test('sends model and prompt, and outputs the response plus the first choice as text', async () => {
			const { output } = await runNode({ parameters: completion({ prompt: 'Say this is a test' }), credentials: credentials() });
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/completions' });
			expect(server.requests[0].body).toEqual({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' });
			expect(output[0].json).toMatchObject({ object: 'text_completion', text: 'echo: Say this is a test' });
			expect(output[0].pairedItem).toEqual({ item: 0 });
		});

		test('every /completions setting is sent under its API name', async () => {
			const { output } = await runNode({
				parameters: completion({
					model: { __rl: true, mode: 'id', value: 'davinci-002' },
					prompt: 'Once upon a time',
					options: {
						suffix: 'The end.',
						maxTokens: 64,
						temperature: 1.5,
						topP: 0.8,
						n: 2,
						stop: ['\n\n'],
						presencePenalty: 1,
						frequencyPenalty: 0.25,
						bestOf: 3,
						logprobs: 2,
						echo: true,
						logitBias: { '50256': -100 },
						seed: 7,
						user: 'user-9',
					},
				}),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({
				model: 'davinci-002',
				prompt: 'Once upon a time',
				suffix: 'The end.',
				max_tokens: 64,
				temperature: 1.5,
				top_p: 0.8,
				n: 2,
				stop: ['\n\n'],
				presence_penalty: 1,
				frequency_penalty: 0.25,
				best_of: 3,
				logprobs: 2,
				echo: true,
				logit_bias: { '50256': -100 },
				seed: 7,
				user: 'user-9',
			});
			expect(output[0].json.text).toBe('Once upon a timeecho: Once upon a time The end.');
			expect(output[0].json.choices).toHaveLength(2);
		});

		test('Additional Body Fields are merged into the prompt body', async () => {
			await runNode({
				parameters: completion({ prompt: 'Hi', options: { additionalBodyFields: '{"max_tokens": 5, "stream": false}' } }),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi', max_tokens: 5, stream: false });
		});
	});

	test("'stream: true' through Additional Body Fields is refused before sending", async () => {
		const error = await runNodeExpectingError({
			parameters: completion({ prompt: 'Hi', options: { additionalBodyFields: '{"stream": true}' } }),
			credentials: credentials(),
		});
		expect(error.message).toBe("'stream: true' in 'Additional Body Fields (JSON)' is not supported");
		expect(server.requests).toHaveLength(0);
	});

	describe('Chat Messages input → /chat/completions', () => {
		test('uses the shared message editor, the chat model, and maps Max Tokens to max_completion_tokens', async () => {
			const { output } = await runNode({
				parameters: completion({
					inputType: 'chatMessages',
					messages: {
						values: [
							{ role: 'system', content: 'Be brief.' },
							{ role: 'user', content: 'Hello', name: 'Bo' },
						],
					},
					options: { maxTokens: 50, temperature: 0, n: 1, stop: ['END'], seed: 1, user: 'u1' },
				}),
				credentials: credentials(),
			});
			expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
			expect(server.requests[0].body).toEqual({
				model: 'gpt-4o-mini',
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'user', content: 'Hello', name: 'Bo' },
				],
				temperature: 0,
				n: 1,
				stop: ['END'],
				seed: 1,
				user: 'u1',
				max_completion_tokens: 50,
			});
			expect(output[0].json).toMatchObject({ object: 'chat.completion', text: 'echo: Hello' });
		});

		test('prompt-only settings left over from the Prompt input are not sent with chat messages', async () => {
			await runNode({
				parameters: completion({
					inputType: 'chatMessages',
					messages: { values: [{ role: 'user', content: 'Hi' }] },
					options: { suffix: 'x', bestOf: 2, echo: true, logprobs: 3 },
				}),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
		});

		test('Messages (JSON) works here too', async () => {
			await runNode({
				parameters: completion({ inputType: 'chatMessages', messagesInput: 'json', messagesJson: '[{"role":"user","content":"Yo"}]' }),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Yo' }] });
		});
	});

	test('buildCompletionRequest gives the Batch endpoint URL and the body, without sending anything', async () => {
		const prompt = createExecuteContext({ parameters: completion({ prompt: 'P', options: { maxTokens: 3 } }) });
		await expect(buildCompletionRequest.call(prompt.context, 0)).resolves.toEqual({
			url: '/v1/completions',
			body: { model: 'gpt-3.5-turbo-instruct', prompt: 'P', max_tokens: 3 },
		});
		const chat = createExecuteContext({
			parameters: completion({ inputType: 'chatMessages', messages: { values: [{ role: 'user', content: 'C' }] } }),
		});
		await expect(buildCompletionRequest.call(chat.context, 0)).resolves.toEqual({
			url: '/v1/chat/completions',
			body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'C' }] },
		});
		expect(server.requests).toHaveLength(0);
	});

	describe('checks before sending: the error names the field, and the other items go on', () => {
		const cases = [
			{ name: 'an empty prompt', bad: { prompt: '   ' }, message: "The field 'Prompt' is empty" },
			{ name: 'a temperature of 2.01', bad: { options: { temperature: 2.01 } }, message: "The field 'Temperature' must be between 0 and 2 (got 2.01)" },
			{ name: 'best of 21', bad: { options: { bestOf: 21 } }, message: "The field 'Best Of' must be between 1 and 20 (got 21)" },
			{ name: 'logprobs 6', bad: { options: { logprobs: 6 } }, message: "The field 'Log Probabilities' must be between 0 and 5 (got 6)" },
			{ name: 'max tokens 0', bad: { options: { maxTokens: 0 } }, message: "The field 'Max Tokens' must be at least 1 (got 0)" },
			{ name: 'invalid JSON in Logit Bias', bad: { options: { logitBias: '{' } }, message: "Invalid JSON in field 'Logit Bias (JSON)'" },
			{ name: 'a name that breaks the pattern (chat input)', bad: { inputType: 'chatMessages', messages: { values: [{ role: 'user', content: 'x', name: 'a-b' }] } }, message: "Message 1: the field 'Name' ('a-b') may only contain letters, digits and underscores, at most 64 characters" },
			{ name: 'empty messages (chat input)', bad: { inputType: 'chatMessages', messages: { values: [] } }, message: "The field 'Messages' is empty: add at least one message" },
		];
		test.each(cases)('$name', async ({ bad, message }) => {
			const good: Record<string, unknown> = completion({ prompt: 'ok' });
			const keys = new Set([...Object.keys(good), ...Object.keys(bad)]);
			const { output } = await runNode({
				parameters: Object.fromEntries(
					[...keys].map((key) => [key, (i: number) => (i === 1 ? ((bad as Record<string, unknown>)[key] ?? good[key]) : good[key])]),
				),
				items: [{ json: {} }, { json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output.map((item) => item.json.text ?? item.json.error)).toEqual(['echo: ok', message, 'echo: ok']);
			expect(output[1].json.description).toMatch(/item 2\b/i);
			expect(server.requests).toHaveLength(2);
		});

		test.each([
			[{ temperature: NaN }, "The field 'Temperature' must be a number (got 'NaN')"],
			[{ temperature: 'hot' }, "The field 'Temperature' must be a number (got 'hot')"],
			[{ topP: 1.5 }, "The field 'Top P' must be between 0 and 1 (got 1.5)"],
			[{ n: Infinity }, "The field 'Number of Choices' must be a number (got 'Infinity')"],
			[{ n: 129 }, "The field 'Number of Choices' must be between 1 and 128 (got 129)"],
			[{ presencePenalty: -2.5 }, "The field 'Presence Penalty' must be between -2 and 2 (got -2.5)"],
			[{ frequencyPenalty: 'abc' }, "The field 'Frequency Penalty' must be a number (got 'abc')"],
			[{ bestOf: 0 }, "The field 'Best Of' must be between 1 and 20 (got 0)"],
			[{ logprobs: -1 }, "The field 'Log Probabilities' must be between 0 and 5 (got -1)"],
			[{ maxTokens: 1e300 }, "The field 'Max Tokens' must be a whole number (got 1e+300)"],
			[{ maxTokens: 'many' }, "The field 'Max Tokens' must be a number (got 'many')"],
			[{ seed: 0.5 }, "The field 'Seed' must be a whole number (got 0.5)"],
		])('the number %j fails naming the field and the item, and nothing is sent', async (options, message) => {
			const error = await runNodeExpectingError({
				parameters: completion({ prompt: 'ok', options }),
				items: [{ json: {} }, { json: {} }],
				credentials: credentials(),
			});
			expect(error.message).toBe(message);
			expect(error.description).toBe('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('without Continue On Fail nothing is sent', async () => {
			const error = await runNodeExpectingError({ parameters: completion({ prompt: '' }), credentials: credentials() });
			expect(error.message).toBe("The field 'Prompt' is empty");
			expect(server.requests).toHaveLength(0);
		});
	});
});
