import { startFakeOpenAi, type FakeOpenAi, type RecordedRequest } from '../../../support/fake-openai';
import { createExecuteContext, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { buildEmbeddingBody } from '../../../../nodes/OpenAiToolkit/actions/embedding/create.operation';
import {
	estimateTokens,
	MAX_INPUTS_PER_REQUEST,
	MAX_TOKENS_PER_REQUEST,
	packSlots,
	splitByItems,
	type Slot,
} from '../../../../nodes/OpenAiToolkit/actions/embedding/packing';

/** A test route whose vectors spell their text (char codes), answered in reverse order: the split must use `index`. */
function spellingRoute(server: FakeOpenAi) {
	server.on('POST', '/v1/embeddings', (req: RecordedRequest) => {
		const inputs: string[] = req.body.input;
		const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: [...text].map((c) => c.charCodeAt(0)) }));
		return {
			status: 200,
			body: { object: 'list', data: data.reverse(), model: req.body.model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } },
		};
	});
}
const spelled = (embedding: unknown) => String.fromCharCode(...(embedding as number[]));

describe('Embedding → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const embedding = (parameters: Record<string, unknown>) => ({ resource: 'embedding', operation: 'create', ...parameters });

	test('one text: sends model, input and encoding format float; outputs its vector, index, model and usage', async () => {
		const { output } = await runNode({ parameters: embedding({ input: 'The food was delicious' }), credentials: credentials() });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings' });
		expect(server.requests[0].body).toEqual({ model: 'text-embedding-3-small', input: ['The food was delicious'], encoding_format: 'float' });
		expect(output).toHaveLength(1);
		const { embedding: vector, ...rest } = output[0].json;
		expect(rest).toEqual({
			object: 'embedding',
			index: 0,
			model: 'text-embedding-3-small',
			usage: { prompt_tokens: 6, total_tokens: 6 },
			requestInputs: 1,
		});
		expect(vector).toHaveLength(4);
		expect((vector as number[]).every((value) => typeof value === 'number')).toBe(true);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('User ID, dimensions, base64 encoding and Additional Body Fields are sent; a base64 vector stays a text', async () => {
		const { output } = await runNode({
			parameters: embedding({
				model: { __rl: true, mode: 'id', value: 'text-embedding-3-large' },
				input: 'hello',
				user: 'user-42',
				options: { dimensions: 8, encodingFormat: 'base64', additionalBodyFields: '{"extra_field": true}' },
			}),
			credentials: credentials(),
		});
		expect(server.requests[0].body).toEqual({
			model: 'text-embedding-3-large',
			input: ['hello'],
			encoding_format: 'base64',
			dimensions: 8,
			user: 'user-42',
			extra_field: true,
		});
		expect(typeof output[0].json.embedding).toBe('string');
		expect(Buffer.from(output[0].json.embedding as string, 'base64')).toHaveLength(8 * 4);
	});

	test('buildEmbeddingBody gives one item’s own request (for Batch), without sending', async () => {
		const single = createExecuteContext({ parameters: embedding({ input: 'one' }) });
		await expect(buildEmbeddingBody.call(single.context, 0)).resolves.toEqual({
			model: 'text-embedding-3-small',
			input: 'one',
			encoding_format: 'float',
		});
		const list = createExecuteContext({ parameters: embedding({ input: ['a', 2, 'c'], options: { dimensions: 256 } }) });
		await expect(buildEmbeddingBody.call(list.context, 0)).resolves.toEqual({
			model: 'text-embedding-3-small',
			input: ['a', '2', 'c'],
			encoding_format: 'float',
			dimensions: 256,
		});
		expect(server.requests).toHaveLength(0);
	});

	test('uneven items (single texts and lists of several) share one request and get their own vectors back, in order', async () => {
		spellingRoute(server);
		const inputs: Array<string | string[]> = ['alpha', ['b1', 'b2', 'b3'], 'gamma', ['d1'], ['e1', 'e2']];
		const { output } = await runNode({
			parameters: embedding({ input: (i: number) => inputs[i] }),
			items: inputs.map(() => ({ json: {} })),
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].body.input).toEqual(['alpha', 'b1', 'b2', 'b3', 'gamma', 'd1', 'e1', 'e2']);
		expect(output.map((item) => [item.pairedItem, item.json.index, spelled(item.json.embedding)])).toEqual([
			[{ item: 0 }, 0, 'alpha'],
			[{ item: 1 }, 0, 'b1'],
			[{ item: 1 }, 1, 'b2'],
			[{ item: 1 }, 2, 'b3'],
			[{ item: 2 }, 0, 'gamma'],
			[{ item: 3 }, 0, 'd1'],
			[{ item: 4 }, 0, 'e1'],
			[{ item: 4 }, 1, 'e2'],
		]);
		expect(output.every((item) => item.json.requestInputs === 8)).toBe(true);
	});

	test('10,000 one-line items take 5 requests of at most 2,048 inputs, and every vector goes back to its item', async () => {
		spellingRoute(server);
		const lines = Array.from({ length: 10_000 }, (_, i) => `Line ${i}: the quick brown fox jumps over the lazy dog`);
		const { output } = await runNode({
			parameters: embedding({ input: (i: number) => lines[i] }),
			items: lines.map((line) => ({ json: { line } })),
			credentials: credentials(),
		});
		// Requests run concurrently (5 at a time) and may arrive in any order: put them back in text order.
		const requests = [...server.requests].sort((a, b) => lines.indexOf(a.body.input[0]) - lines.indexOf(b.body.input[0]));
		expect(requests.map((r) => r.body.input.length)).toEqual([2048, 2048, 2048, 2048, 1808]);
		expect(requests.flatMap((r) => r.body.input)).toEqual(lines);
		expect(output).toHaveLength(10_000);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(spelled(item.json.embedding)).toBe(lines[i]);
		});
		// 10,000 items through n8n's parameter resolution and 20,000 checks take seconds on a busy machine.
	}, 30_000);

	test('an item whose texts straddle two requests gets all its vectors, in order', async () => {
		spellingRoute(server);
		// 1,000 items of 3 texts: the 683rd item (index 682) has texts at positions 2046, 2047 and 2048.
		const inputs = Array.from({ length: 1000 }, (_, i) => [`${i}-a`, `${i}-b`, `${i}-c`]);
		const { output } = await runNode({
			parameters: embedding({ input: (i: number) => inputs[i] }),
			items: inputs.map(() => ({ json: {} })),
			credentials: credentials(),
		});
		const [first, second] = [...server.requests].sort((a, b) => b.body.input.length - a.body.input.length);
		expect([first, second].map((r) => r.body.input.length)).toEqual([2048, 952]);
		expect(first.body.input.slice(-2)).toEqual(['682-a', '682-b']);
		expect(second.body.input[0]).toBe('682-c');
		const straddling = output.filter((item) => (item.pairedItem as { item: number }).item === 682);
		expect(straddling.map((item) => [item.json.index, spelled(item.json.embedding), item.json.requestInputs])).toEqual([
			[0, '682-a', 2048],
			[1, '682-b', 2048],
			[2, '682-c', 952],
		]);
		expect(output).toHaveLength(3000);
	});

	test('long texts are packed by the token estimate: no request over 300,000 estimated tokens', async () => {
		spellingRoute(server);
		const texts = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(29_998)}`);
		const { output } = await runNode({
			parameters: embedding({ input: (i: number) => texts[i] }),
			items: texts.map(() => ({ json: {} })),
			credentials: credentials(),
		});
		// 30,000 ASCII characters estimate 15,001 tokens: 19 fit in 300,000, the 20th would not.
		expect(server.requests.map((r) => r.body.input.length).sort((a, b) => b - a)).toEqual([19, 19, 2]);
		for (const request of server.requests) {
			expect((request.body.input as string[]).reduce((sum, text) => sum + estimateTokens(text), 0)).toBeLessThanOrEqual(300_000);
		}
		expect(output.map((item) => spelled(item.json.embedding).slice(0, 2))).toEqual(texts.map((text) => text.slice(0, 2)));
	});

	test('items whose settings differ (mapped per item) go to separate requests; output order is kept', async () => {
		const dims = [8, 16, 8, 16, 8];
		const { output } = await runNode({
			parameters: embedding({ input: (i: number) => `t${i}`, options: (i: number) => ({ dimensions: dims[i] }) }),
			items: dims.map(() => ({ json: {} })),
			credentials: credentials(),
		});
		const requests = [...server.requests].sort((a, b) => a.body.dimensions - b.body.dimensions);
		expect(requests.map((r) => [r.body.dimensions, r.body.input])).toEqual([
			[8, ['t0', 't2', 't4']],
			[16, ['t1', 't3']],
		]);
		expect(output.map((item) => (item.json.embedding as number[]).length)).toEqual(dims);
		expect(output.map((item) => item.pairedItem)).toEqual(dims.map((_, i) => ({ item: i })));
	});

	test('Limit: the most vectors per execution; texts past it are not sent', async () => {
		spellingRoute(server);
		const inputs = [['a0', 'a1'], ['b0', 'b1'], ['c0', 'c1'], ['d0', 'd1'], ['e0', 'e1']];
		const { output } = await runNode({
			parameters: embedding({ input: (i: number) => inputs[i], limit: 5 }),
			items: inputs.map(() => ({ json: {} })),
			credentials: credentials(),
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].body.input).toEqual(['a0', 'a1', 'b0', 'b1', 'c0']);
		expect(output.map((item) => [(item.pairedItem as { item: number }).item, spelled(item.json.embedding)])).toEqual([
			[0, 'a0'],
			[0, 'a1'],
			[1, 'b0'],
			[1, 'b1'],
			[2, 'c0'],
		]);
	});

	describe('checks before sending', () => {
		test('an empty input fails its item alone under Continue On Fail; the others share one request', async () => {
			spellingRoute(server);
			const inputs: unknown[] = ['one', '', ['three-a', 'three-b'], ['four-a', ' '], [], 'six', { text: 'x' }];
			const { output } = await runNode({
				parameters: embedding({ input: (i: number) => inputs[i] }),
				items: inputs.map(() => ({ json: {} })),
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0].body.input).toEqual(['one', 'three-a', 'three-b', 'six']);
			expect(output.map((item) => [(item.pairedItem as { item: number }).item, item.json.error ?? spelled(item.json.embedding)])).toEqual([
				[0, 'one'],
				[1, "The field 'Input Text to Embed' is empty"],
				[2, 'three-a'],
				[2, 'three-b'],
				[3, "Entry 2 of the field 'Input Text to Embed' is empty"],
				[4, "The field 'Input Text to Embed' is an empty list"],
				[5, 'six'],
				[6, "The field 'Input Text to Embed' must be a text or a list of texts (got an object)"],
			]);
			expect(output[1].json.description).toBe('Item 2 (index 1).');
		});

		test('other checks name their field: model, dimensions, Additional Body Fields', async () => {
			const bad = [
				{ model: { __rl: true, mode: 'id', value: '' } },
				{ options: { dimensions: 0 } },
				{ options: { additionalBodyFields: '{' } },
			];
			const { output } = await runNode({
				parameters: {
					...embedding({}),
					input: 'ok',
					model: (i: number) => (bad[i - 1] as any)?.model ?? { __rl: true, mode: 'list', value: 'text-embedding-3-small' },
					options: (i: number) => (bad[i - 1] as any)?.options ?? {},
				},
				items: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(output.map((item) => item.json.error ?? 'vector')).toEqual([
				'vector',
				"The field 'Model' is empty",
				"The field 'Dimensions' must be at least 1 (got 0)",
				"Invalid JSON in field 'Additional Body Fields (JSON)'",
			]);
			expect(server.requests).toHaveLength(1);
		});

		test.each([
			[{ options: { dimensions: NaN } }, "The field 'Dimensions' must be a number (got 'NaN')"],
			[{ options: { dimensions: 'wide' } }, "The field 'Dimensions' must be a number (got 'wide')"],
			[{ options: { dimensions: -256 } }, "The field 'Dimensions' must be at least 1 (got -256)"],
			[{ options: { dimensions: 25.6 } }, "The field 'Dimensions' must be a whole number (got 25.6)"],
			[{ options: { dimensions: 1e300 } }, "The field 'Dimensions' must be a whole number (got 1e+300)"],
			[{ limit: NaN }, "The field 'Limit' must be a number (got 'NaN')"],
			[{ limit: 'abc' }, "The field 'Limit' must be a number (got 'abc')"],
			[{ limit: -1 }, "The field 'Limit' must be at least 0 (got -1)"],
			[{ limit: Infinity }, "The field 'Limit' must be a number (got 'Infinity')"],
		])('the number %j fails naming the field and the item, and nothing is sent', async (bad, message) => {
			const error = await runNodeExpectingError({
				parameters: embedding({ input: 'fine', ...bad }),
				items: [{ json: {} }, { json: {} }],
				credentials: credentials(),
			});
			expect(error.message).toBe(message);
			expect(error.description).toBe('Item 1 (index 0).');
			expect(server.requests).toHaveLength(0);
		});

		test('without Continue On Fail an empty input fails the node and nothing is sent', async () => {
			const inputs = ['fine', ''];
			const error = await runNodeExpectingError({
				parameters: embedding({ input: (i: number) => inputs[i] }),
				items: [{ json: {} }, { json: {} }],
				credentials: credentials(),
			});
			expect(error.message).toBe("The field 'Input Text to Embed' is empty");
			expect(error.context?.itemIndex).toBe(1);
			expect(server.requests).toHaveLength(0);
		});
	});

	describe('API errors', () => {
		test('a text the API rejects fails its own item only: the packed request is split until the culprit is found', async () => {
			const texts = Array.from({ length: 10 }, (_, i) => (i === 7 ? 'y'.repeat(40_000) : `text ${i}`));
			const { output } = await runNode({
				parameters: embedding({ input: (i: number) => texts[i] }),
				items: texts.map(() => ({ json: {} })),
				continueOnFail: true,
				credentials: credentials(),
			});
			// all 10 → rejected; 0-4 fine, 5-9 rejected; 5-7 rejected, 8-9 fine; 5-6 fine, 7 rejected.
			expect(server.requests.map((r) => r.body.input.length)).toEqual([10, 5, 5, 3, 2, 2, 1]);
			expect(output).toHaveLength(10);
			expect(output[7].json).toMatchObject({
				error: "This model's maximum context length is 8192 tokens, however you requested 10000 tokens in input 0.",
				status: 400,
				param: 'input',
			});
			expect(output.filter((_, i) => i !== 7).every((item) => Array.isArray(item.json.embedding))).toBe(true);
			expect(output.map((item) => item.pairedItem)).toEqual(texts.map((_, i) => ({ item: i })));
		});

		test('an error of the settings (both halves fail alike) fails all items without splitting further', async () => {
			server.on('POST', '/v1/embeddings', () => ({
				status: 400,
				body: { error: { message: 'This model does not support specifying dimensions.', type: 'invalid_request_error', param: 'dimensions', code: null } },
			}));
			const { output } = await runNode({
				parameters: embedding({ input: (i: number) => `t${i}`, options: { dimensions: 3 } }),
				items: Array.from({ length: 8 }, () => ({ json: {} })),
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(server.requests.map((r) => r.body.input.length)).toEqual([8, 4, 4]);
			expect(output.map((item) => item.json.error)).toEqual(Array(8).fill('This model does not support specifying dimensions.'));
		});

		test('a server error fails the items of its request; the items of other requests go on', async () => {
			spellingRoute(server);
			server.queueFault({ status: 500, body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } } });
			const inputs = Array.from({ length: 2100 }, (_, i) => `t${i}`);
			const { output } = await runNode({
				parameters: embedding({ input: (i: number) => inputs[i], requestOptions: { maxRetries: 0, concurrency: 1 } }),
				items: inputs.map(() => ({ json: {} })),
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(server.requests.map((r) => r.body.input.length)).toEqual([2048, 52]);
			expect(output).toHaveLength(2100);
			expect(output.slice(0, 2048).every((item) => item.json.error === 'The server had an error' && item.json.status === 500)).toBe(true);
			expect(output.slice(2048).map((item) => spelled(item.json.embedding))).toEqual(inputs.slice(2048));
		});

		test('without Continue On Fail a failed request fails the node and no further request is sent', async () => {
			server.queueFault({ status: 500, body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } } });
			const inputs = Array.from({ length: 4100 }, (_, i) => `t${i}`);
			const error = await runNodeExpectingError({
				parameters: embedding({ input: (i: number) => inputs[i], requestOptions: { maxRetries: 0, concurrency: 1 } }),
				items: inputs.map(() => ({ json: {} })),
				credentials: credentials(),
			});
			expect(error.message).toBe('The server had an error');
			expect(server.requests).toHaveLength(1);
		});
	});
});

describe('embedding packing', () => {
	const slot = (itemIndex: number, textIndex: number, tokens: number): Slot => ({ itemIndex, textIndex, text: 'x', tokens });

	test('the API limits', () => {
		expect(MAX_INPUTS_PER_REQUEST).toBe(2048);
		expect(MAX_TOKENS_PER_REQUEST).toBe(300_000);
	});

	test('the estimate errs high: half an ASCII character count, two per other character, one per input', () => {
		expect(estimateTokens('')).toBe(1);
		expect(estimateTokens('abcd')).toBe(3);
		expect(estimateTokens('The quick brown fox jumps over the lazy dog')).toBe(23); // tiktoken: 9
		expect(estimateTokens('日本語')).toBe(7); // tiktoken: 3
		expect(estimateTokens('é')).toBe(3);
	});

	test('packs by input count and by tokens; a text over the budget gets a request of its own', () => {
		const slots = [slot(0, 0, 4), slot(0, 1, 4), slot(1, 0, 4), slot(2, 0, 20), slot(3, 0, 1)];
		const packed = packSlots(slots, { maxInputs: 2, maxTokens: 10 });
		expect(packed.map((request) => request.map((s) => `${s.itemIndex}.${s.textIndex}`))).toEqual([['0.0', '0.1'], ['1.0'], ['2.0'], ['3.0']]);
	});

	test('splits along item boundaries, keeping an item’s texts together', () => {
		const slots = [slot(0, 0, 1), slot(0, 1, 1), slot(0, 2, 1), slot(1, 0, 1), slot(2, 0, 1)];
		const [left, right] = splitByItems(slots);
		expect(left.map((s) => s.itemIndex)).toEqual([0, 0, 0, 1]);
		expect(right.map((s) => s.itemIndex)).toEqual([2]);
	});
});
