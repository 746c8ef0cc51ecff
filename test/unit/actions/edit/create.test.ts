import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode, runNodeExpectingError } from '../../../support/executeContext';
import { EDIT_SYSTEM_PROMPT, editUserMessage } from '../../../../nodes/OpenAiToolkit/actions/edit/create.operation';

describe('Edit → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const edit = (parameters: Record<string, unknown>) => ({ resource: 'edit', operation: 'create', ...parameters });

	describe('emulated by one chat completion (the default)', () => {
		test('asks for the edited text only, and outputs an edit object', async () => {
			const { output } = await runNode({
				parameters: edit({ input: 'What day of the wek is it?', instruction: 'Fix the spelling mistakes' }),
				credentials: credentials(),
			});
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
			expect(server.requests[0].body).toEqual({
				model: 'gpt-4o-mini',
				messages: [
					{ role: 'system', content: EDIT_SYSTEM_PROMPT },
					{ role: 'user', content: 'Instruction:\nFix the spelling mistakes\n\nText:\nWhat day of the wek is it?' },
				],
			});
			const expectedText = `echo: ${editUserMessage('Fix the spelling mistakes', 'What day of the wek is it?')}`;
			expect(output[0].json).toEqual({
				object: 'edit',
				created: 1700000000,
				model: 'gpt-4o-mini',
				choices: [{ text: expectedText, index: 0 }],
				usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
				text: expectedText,
			});
			expect(output[0].pairedItem).toEqual({ item: 0 });
		});

		test('n, temperature and top p are sent, one edit choice per chat choice; an empty input is allowed', async () => {
			const { output } = await runNode({
				parameters: edit({
					model: { __rl: true, mode: 'id', value: 'gpt-4.1-mini' },
					input: '',
					instruction: 'Write a haiku about rain',
					options: { n: 2, temperature: 0.3, topP: 0.5, additionalBodyFields: '{"seed": 1}' },
				}),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({
				model: 'gpt-4.1-mini',
				messages: [
					{ role: 'system', content: EDIT_SYSTEM_PROMPT },
					{ role: 'user', content: 'Instruction:\nWrite a haiku about rain\n\nText:\n' },
				],
				n: 2,
				temperature: 0.3,
				top_p: 0.5,
				seed: 1,
			});
			expect((output[0].json.choices as any[]).map((c) => c.index)).toEqual([0, 1]);
		});
	});

	describe('Endpoint: Legacy /edits', () => {
		test('sends {model, input, instruction, n, temperature, top_p} to /edits and outputs its edit object', async () => {
			const { output } = await runNode({
				parameters: edit({
					model: { __rl: true, mode: 'id', value: 'text-davinci-edit-001' },
					input: 'What day of the wek is it?',
					instruction: 'Fix the spelling mistakes',
					options: { endpoint: 'legacyEdits', n: 2, temperature: 0.7, topP: 1 },
				}),
				credentials: credentials(),
			});
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/edits' });
			expect(server.requests[0].body).toEqual({
				model: 'text-davinci-edit-001',
				input: 'What day of the wek is it?',
				instruction: 'Fix the spelling mistakes',
				n: 2,
				temperature: 0.7,
				top_p: 1,
			});
			expect(output[0].json).toEqual({
				object: 'edit',
				created: 1700000000,
				choices: [
					{ text: 'edited (Fix the spelling mistakes): What day of the wek is it?', index: 0 },
					{ text: 'edited (Fix the spelling mistakes): What day of the wek is it?', index: 1 },
				],
				usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
				text: 'edited (Fix the spelling mistakes): What day of the wek is it?',
			});
		});

		test('without options only model, input and instruction are sent', async () => {
			await runNode({
				parameters: edit({ input: 'teh cat', instruction: 'Fix it', options: { endpoint: 'legacyEdits' } }),
				credentials: credentials(),
			});
			expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', input: 'teh cat', instruction: 'Fix it' });
		});

		test('a server without /edits answers 404, which comes through as an API error', async () => {
			server.on('POST', '/v1/edits', () => ({ status: 404, body: { error: { message: 'Invalid URL (POST /v1/edits)', type: 'invalid_request_error', param: null, code: null } } }));
			const error = await runNodeExpectingError({
				parameters: edit({ input: 'x', instruction: 'y', options: { endpoint: 'legacyEdits' } }),
				credentials: credentials(),
			});
			expect(error.message).toBe('Invalid URL (POST /v1/edits)');
			expect(error.httpCode).toBe('404');
		});
	});

	describe('checks before sending', () => {
		const cases = [
			{ name: 'an empty instruction', bad: { instruction: ' ' }, message: "The field 'Instruction' is empty" },
			{ name: 'a temperature of 3', bad: { options: { temperature: 3 } }, message: "The field 'Temperature' must be between 0 and 2 (got 3)" },
			{ name: 'a top p of -1', bad: { options: { topP: -1 } }, message: "The field 'Top P' must be between 0 and 1 (got -1)" },
			{ name: 'n of 1.5', bad: { options: { n: 1.5 } }, message: "The field 'Number of Choices' must be a whole number (got 1.5)" },
			{ name: 'invalid Additional Body Fields', bad: { options: { additionalBodyFields: '[' } }, message: "Invalid JSON in field 'Additional Body Fields (JSON)'" },
		];
		test.each([
			[{ temperature: NaN }, "The field 'Temperature' must be a number (got 'NaN')"],
			[{ temperature: 2.5 }, "The field 'Temperature' must be between 0 and 2 (got 2.5)"],
			[{ topP: 'abc' }, "The field 'Top P' must be a number (got 'abc')"],
			[{ n: -Infinity }, "The field 'Number of Choices' must be a number (got '-Infinity')"],
			[{ n: 0 }, "The field 'Number of Choices' must be between 1 and 128 (got 0)"],
		])('the number %j fails naming the field and the item, and nothing is sent (both endpoints)', async (options, message) => {
			for (const endpoint of ['chatCompletion', 'legacyEdits']) {
				const error = await runNodeExpectingError({
					parameters: edit({ input: 'teh', instruction: 'Fix', options: { ...options, endpoint } }),
					credentials: credentials(),
				});
				expect(error.message).toBe(message);
				expect(error.description).toBe('Item 1 (index 0).');
			}
			expect(server.requests).toHaveLength(0);
		});

		test.each(cases)('$name fails its item only', async ({ bad, message }) => {
			const good: Record<string, unknown> = edit({ input: 'teh', instruction: 'Fix' });
			const keys = new Set([...Object.keys(good), ...Object.keys(bad)]);
			const { output } = await runNode({
				parameters: Object.fromEntries(
					[...keys].map((key) => [key, (i: number) => (i === 1 ? ((bad as Record<string, unknown>)[key] ?? good[key]) : good[key])]),
				),
				items: [{ json: {} }, { json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output.map((item) => item.json.object ?? item.json.error)).toEqual(['edit', message, 'edit']);
			expect(output[1].json.description).toMatch(/item 2\b/i);
			expect(output[1].pairedItem).toEqual({ item: 1 });
			expect(server.requests).toHaveLength(2);
		});
	});
});
