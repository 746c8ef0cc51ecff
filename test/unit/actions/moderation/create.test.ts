import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('Moderation → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const moderation = (parameters: Record<string, unknown>) => ({ resource: 'moderation', operation: 'create', ...parameters });
	const texts = (...values: unknown[]) => ({ moderationInput: { values: values.map((text) => ({ type: 'text', text })) } });

	test('one entry per text sample is sent as a list of strings; flagged is true when any result is', async () => {
		const { output } = await runNode({
			parameters: moderation(texts('I want to hug everyone', 'I will kill the bugs in this code')),
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/moderations' });
		expect(server.requests[0].body).toEqual({
			model: 'omni-moderation-latest',
			input: ['I want to hug everyone', 'I will kill the bugs in this code'],
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.flagged).toBe(true);
		expect((output[0].json.results as any[]).map((r) => r.flagged)).toEqual([false, true]);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('a single harmless sample: still a list, flagged false; the model can be typed', async () => {
		const { output } = await runNode({
			parameters: moderation({ ...texts('Hello there'), model: { __rl: true, mode: 'id', value: 'text-moderation-latest' } }),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({ model: 'text-moderation-latest', input: ['Hello there'] });
		expect(output[0].json.flagged).toBe(false);
	});

	test('a text entry mapped to a list adds one sample per entry', async () => {
		await runNode({
			parameters: moderation({
				moderationInput: { values: [{ type: 'text', text: ['first', 'second'] }, { type: 'text', text: 'third' }] },
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body.input).toEqual(['first', 'second', 'third']);
	});

	test('with images (by URL or from a binary field) every sample still gets its own result, in the order of the Input list', async () => {
		const { output } = await runNode({
			parameters: moderation({
				moderationInput: {
					values: [
						{ type: 'imageUrl', imageUrl: 'https://example.com/violent.png' },
						{ type: 'text', text: 'Look at this' },
						{ type: 'imageBinary', binaryPropertyName: 'photo' },
						{ type: 'text', text: 'I will kill it' },
					],
				},
				options: { additionalBodyFields: '{"extra": 1}' },
			}),
			items: [{ json: {}, binary: { photo: binaryFrom(PNG, 'p.png', 'image/png') } }],
			credentials: credentials(),
		});
		// The texts go together (a list of strings: one result each); each image alone (a multi-modal input gets
		// one result as a whole).
		const bodies = server.requests.map((r) => r.body);
		expect(bodies).toHaveLength(3);
		expect(bodies).toEqual(
			expect.arrayContaining([
				{ model: 'omni-moderation-latest', input: ['Look at this', 'I will kill it'], extra: 1 },
				{ model: 'omni-moderation-latest', input: [{ type: 'image_url', image_url: { url: 'https://example.com/violent.png' } }], extra: 1 },
				{
					model: 'omni-moderation-latest',
					input: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } }],
					extra: 1,
				},
			]),
		);
		expect(output).toHaveLength(1);
		const results = output[0].json.results as Array<{ flagged: boolean; category_applied_input_types: Record<string, string[]> }>;
		expect(results.map((r) => r.flagged)).toEqual([true, false, false, true]);
		expect(results.map((r) => r.category_applied_input_types.violence)).toEqual([['image'], ['text'], ['image'], ['text']]);
		expect(output[0].json.flagged).toBe(true);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('a single image is one request with one result, as a single text is', async () => {
		const { output } = await runNode({
			parameters: moderation({ moderationInput: { values: [{ type: 'imageUrl', imageUrl: 'https://example.com/cat.png' }] } }),
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(output[0].json.results).toHaveLength(1);
		expect(output[0].json.flagged).toBe(false);
	});

	test('Additional Body Fields are merged into the body', async () => {
		await runNode({
			parameters: moderation({ ...texts('x'), options: { additionalBodyFields: '{"model": "omni-moderation-2024-09-26"}' } }),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({ model: 'omni-moderation-2024-09-26', input: ['x'] });
	});

	describe('checks before sending', () => {
		const cases = [
			{ name: 'no input at all', bad: { moderationInput: { values: [] } }, message: "The field 'Input' is empty: add at least one item to classify" },
			{ name: 'an empty text sample', bad: texts('fine', ' '), message: "Input 2: the field 'Text' is empty" },
			{ name: 'an empty image URL', bad: { moderationInput: { values: [{ type: 'imageUrl', imageUrl: '' }] } }, message: "Input 1: the field 'Image URL' is empty" },
			{ name: 'a missing image binary field', bad: { moderationInput: { values: [{ type: 'imageBinary', binaryPropertyName: 'nope' }] } }, message: "Input 1: the input item has no binary field 'nope'" },
			{ name: 'invalid Additional Body Fields', bad: { ...texts('x'), options: { additionalBodyFields: '{"a":' } }, message: "Invalid JSON in field 'Additional Body Fields (JSON)'" },
		];
		test.each(cases)('$name fails its item only', async ({ bad, message }) => {
			const good: Record<string, unknown> = moderation(texts('ok'));
			const keys = new Set([...Object.keys(good), ...Object.keys(bad)]);
			const { output } = await runNode({
				parameters: Object.fromEntries(
					[...keys].map((key) => [key, (i: number) => (i === 1 ? ((bad as Record<string, unknown>)[key] ?? good[key]) : good[key])]),
				),
				items: [{ json: {} }, { json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output.map((item) => item.json.flagged ?? item.json.error)).toEqual([false, message, false]);
			expect(output[1].json.description).toMatch(/item 2\b/i);
			expect(server.requests).toHaveLength(2);
		});

		test('without Continue On Fail nothing is sent', async () => {
			const error = await runNodeExpectingError({ parameters: moderation(texts('')), credentials: credentials() });
			expect(error.message).toBe("Input 1: the field 'Text' is empty");
			expect(server.requests).toHaveLength(0);
		});
	});
});
