import { startFakeOpenAi, type FakeOpenAi, type RecordedRequest } from '../../../support/fake-openai';
import { nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';
import { BATCH_LIMITS } from '../../../../nodes/OpenAiToolkit/actions/batch/jsonl';
import { batchWaitSpec } from '../../../../nodes/OpenAiToolkit/actions/batch/fields';
import { chatCompletionFields } from '../../../../nodes/OpenAiToolkit/actions/chat/createCompletion.operation';
import { completionFields } from '../../../../nodes/OpenAiToolkit/actions/completion/create.operation';
import { embeddingFields } from '../../../../nodes/OpenAiToolkit/actions/embedding/create.operation';
import { moderationFields } from '../../../../nodes/OpenAiToolkit/actions/moderation/create.operation';
import { responseFields } from '../../../../nodes/OpenAiToolkit/actions/response/fields';

const questions = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { q: `q${i}` } }));
const userSays = (i: number) => ({ values: [{ role: 'user', content: `q${i}` }] });

/** The JSONL the node uploaded in the given upload request. */
function uploadedLines(request: RecordedRequest): Array<{ custom_id: string; method: string; url: string; body: any }> {
	return request.body.file.content
		.toString('utf8')
		.split('\n')
		.filter(Boolean)
		.map((line: string) => JSON.parse(line));
}

describe('Batch → Create', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		// Tests poll every millisecond and time out after 60 ms; the fields' own minimums (1 s, 1 min) are
		// tested in 'the wait fields are read with their ranges'.
		jest.replaceProperty(batchWaitSpec, 'intervalMin', 0.001);
		jest.replaceProperty(batchWaitSpec, 'timeoutMin', 0.001);
	});
	afterEach(() => jest.restoreAllMocks());
	const credentials = () => ({ baseUrl: server.url });
	const create = (parameters: Record<string, unknown>) => ({ resource: 'batch', operation: 'create', ...parameters });
	const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

	test('each endpoint shows the fields of its own operation (the same definitions), and only while it is selected', () => {
		const properties = nodeDescription().properties;
		const shownFor = (endpoint: string) =>
			properties.filter((p) => {
				const show = p.displayOptions?.show;
				return show?.resource?.[0] === 'batch' && show?.operation?.[0] === 'create' && show?.endpoint?.[0] === endpoint;
			});
		const endpoint = properties.find((p) => p.name === 'endpoint' && p.displayOptions?.show?.resource?.[0] === 'batch')!;
		expect((endpoint.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'chatCompletions',
			'completions',
			'embeddings',
			'moderations',
			'responses',
		]);
		const cases: Array<[string, typeof chatCompletionFields]> = [
			['chatCompletions', chatCompletionFields],
			['completions', completionFields],
			['embeddings', embeddingFields.filter((f) => f.name !== 'limit')],
			['moderations', moderationFields],
			['responses', responseFields],
		];
		for (const [value, fields] of cases) {
			const shown = shownFor(value);
			expect(shown.map((p) => p.name)).toEqual(fields.map((f) => f.name));
			shown.forEach((p, i) => {
				const { displayOptions, ...rest } = p;
				const { displayOptions: original, ...originalRest } = fields[i];
				expect(rest).toEqual(originalRest);
				expect(displayOptions?.show).toEqual({ ...original?.show, resource: ['batch'], operation: ['create'], endpoint: [value] });
			});
		}
		// Embedding's per-execution vector limit means nothing in a batch.
		expect(shownFor('embeddings').some((p) => p.name === 'limit')).toBe(false);
	});

	test('without waiting: all items become one JSONL, uploaded for purpose batch, one batch created, one output item paired with every input item', async () => {
		const { output } = await runNode({
			parameters: create({ messages: userSays, batchOptions: { metadata: '{"job": "nightly", "run": 3}' } }),
			items: questions(3),
			credentials: credentials(),
		});
		expect(paths()).toEqual(['POST /v1/files', 'POST /v1/batches']);
		const upload = server.requests[0];
		expect(upload.body.purpose).toBe('batch');
		expect(upload.body.file).toMatchObject({ filename: 'n8n-batch-input.jsonl', type: 'application/jsonl' });
		expect(upload.body.file.content.toString('utf8')).toBe(
			[0, 1, 2]
				.map(
					(i) =>
						`{"custom_id":"${i}","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"q${i}"}]}}\n`,
				)
				.join(''),
		);
		expect(server.requests[1].body).toEqual({
			input_file_id: 'file-000001',
			endpoint: '/v1/chat/completions',
			completion_window: '24h',
			metadata: { job: 'nightly', run: '3' },
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: 'batch_0001', object: 'batch', status: 'validating', input_file_id: 'file-000001' });
		expect(output[0].json).not.toHaveProperty('split');
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('waiting: polls until completed, maps the out-of-order output and error files back, one item per input item in order, paired', async () => {
		const models = ['gpt-4o-mini', 'gpt-4o', 'nope', 'gpt-4o-mini', 'gpt-4o'];
		const { output } = await runNode({
			parameters: create({
				model: (i: number) => ({ __rl: true, mode: 'id', value: models[i] }),
				messages: userSays,
				waitForCompletion: true,
				pollInterval: 0.001,
			}),
			items: questions(5),
			continueOnFail: true,
			credentials: credentials(),
		});
		// validating → in_progress → completed: two checks, then both result files.
		expect(paths().slice(0, 4)).toEqual(['POST /v1/files', 'POST /v1/batches', 'GET /v1/batches/batch_0001', 'GET /v1/batches/batch_0001']);
		expect(paths().slice(4).sort()).toEqual(['GET /v1/files/file-000002/content', 'GET /v1/files/file-000003/content']);
		// The fake wrote the files out of order; the output is in input order anyway.
		const outputFile = server.state.files.find((f: any) => f.id === 'file-000002');
		expect(
			outputFile.content
				.toString()
				.split('\n')
				.filter(Boolean)
				.map((l: string) => JSON.parse(l).custom_id),
		).toEqual(['4', '3', '1', '0']);

		expect(output).toHaveLength(5);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		for (const i of [0, 1, 3, 4]) {
			expect(output[i].json).toMatchObject({ object: 'chat.completion', model: models[i], id: `chatcmpl-batchreq${i}` });
			expect((output[i].json.choices as any[])[0].message.content).toBe(`echo: q${i}`);
		}
		expect(output[2].json).toMatchObject({
			error: "The batch request of item 2 failed: The model 'nope' does not exist",
			status: 404,
			code: 'model_not_found',
			param: 'model',
			requestId: 'req_batch_2',
		});
	});

	test('waiting without Continue On Fail: the node fails naming the first failed item', async () => {
		const models = ['gpt-4o-mini', 'nope-1', 'gpt-4o-mini', 'nope-3'];
		const error = await runNodeExpectingError({
			parameters: create({
				model: (i: number) => ({ __rl: true, mode: 'id', value: models[i] }),
				messages: userSays,
				waitForCompletion: true,
				pollInterval: 0.001,
			}),
			items: questions(4),
			credentials: credentials(),
		});
		expect(error.message).toBe("The batch request of item 1 failed: The model 'nope-1' does not exist");
		expect(error.httpCode).toBe('404');
		expect(error.context?.itemIndex).toBe(1);
	});

	test.each([
		[
			'failed',
			[0, 1, 2, 3].map(() => 'The batch request of item N did not run: the batch batch_0001 failed: The batch input file could not be validated.'),
		],
		[
			'expired',
			[
				null,
				null,
				'The batch request of item N failed: This request could not be executed before the completion window expired.',
				'The batch request of item N failed: This request could not be executed before the completion window expired.',
			],
		],
		[
			'cancelled',
			[null, null, 'The batch request of item N did not run: the batch batch_0001 was cancelled before this request ran', 'The batch request of item N did not run: the batch batch_0001 was cancelled before this request ran'],
		],
	])('waiting until the batch is %s: what ran is output, every other item is an error that says why', async (outcome, expected) => {
		server.state.batchOutcome = outcome;
		const { output } = await runNode({
			parameters: create({ messages: userSays, waitForCompletion: true, pollInterval: 0.001 }),
			items: questions(4),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expected.forEach((message, i) => {
			if (message === null) expect((output[i].json.choices as any[])[0].message.content).toBe(`echo: q${i}`);
			else expect(output[i].json.error).toBe(message.replace('item N', `item ${i}`));
		});
		const checks = server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/batches/'));
		expect(checks).toHaveLength(outcome === 'failed' ? 1 : 2);
	});

	test('waiting gives up after the timeout, naming the batch that keeps running', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ messages: userSays, waitForCompletion: true, pollInterval: 1, waitTimeout: 0.001 }),
			items: questions(2),
			credentials: credentials(),
		});
		expect(error.message).toBe('The batch batch_0001 did not finish within 0.001 minutes (status: validating)');
		expect(error.description).toContain('Batch → Get Results');
		expect(paths()).toEqual(['POST /v1/files', 'POST /v1/batches']);
	});

	test.each([
		[{ pollInterval: 0.5 }, "The field 'Poll Interval (Seconds)' must be between 1 and 3600 (got 0.5)"],
		[{ pollInterval: NaN }, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
		[{ pollInterval: 'abc' }, "The field 'Poll Interval (Seconds)' must be a number (got 'abc')"],
		[{ pollInterval: '' }, "The field 'Poll Interval (Seconds)' must be a number (got '')"],
		[{ pollInterval: Infinity }, "The field 'Poll Interval (Seconds)' must be a number (got 'Infinity')"],
		[{ waitTimeout: 0.5 }, "The field 'Timeout (Minutes)' must be between 1 and 10080 (got 0.5)"],
		[{ waitTimeout: -5 }, "The field 'Timeout (Minutes)' must be between 1 and 10080 (got -5)"],
		[{ waitTimeout: 1e9 }, "The field 'Timeout (Minutes)' must be between 1 and 10080 (got 1000000000)"],
	])('the wait fields are read with their ranges before anything is uploaded: %j', async (wait, message) => {
		jest.restoreAllMocks(); // the real minimums
		const error = await runNodeExpectingError({
			parameters: create({ messages: userSays, waitForCompletion: true, ...wait }),
			items: questions(2),
			credentials: credentials(),
		});
		expect(error.message).toBe(message);
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('the wait fields carry their ranges and keep their names and defaults', () => {
		const properties = nodeDescription().properties.filter(
			(p) => p.displayOptions?.show?.resource?.[0] === 'batch' && p.displayOptions?.show?.operation?.[0] === 'create',
		);
		const field = (name: string) => properties.find((p) => p.name === name)!;
		expect(field('pollInterval')).toMatchObject({ default: 60, typeOptions: { minValue: 1, maxValue: 3600 } });
		expect(field('waitTimeout')).toMatchObject({ default: 1440, typeOptions: { minValue: 1, maxValue: 10080 } });
		expect(field('pollInterval').displayOptions?.show?.waitForCompletion).toEqual([true]);
		expect(field('waitTimeout').displayOptions?.show?.waitForCompletion).toEqual([true]);
	});

	test('waiting stops when the execution is cancelled', async () => {
		const controller = new AbortController();
		server.on('GET', /^\/v1\/batches\/batch_0001$/, () => {
			controller.abort();
			return { status: 200, body: { id: 'batch_0001', object: 'batch', status: 'in_progress' } };
		});
		const error = await runNodeExpectingError({
			parameters: create({ messages: userSays, waitForCompletion: true, pollInterval: 1 }),
			items: questions(2),
			cancelSignal: controller.signal,
			credentials: credentials(),
		});
		expect(error.message).toMatch(/execution was cancelled/);
		expect(server.requests.filter((r) => r.path === '/v1/batches/batch_0001')).toHaveLength(1);
	});

	test('over the request limit: several batches, clearly reported, each output item paired with its own items', async () => {
		jest.replaceProperty(BATCH_LIMITS, 'maxRequests', 2);
		const { output } = await runNode({ parameters: create({ messages: userSays }), items: questions(5), credentials: credentials() });
		expect(paths()).toEqual(['POST /v1/files', 'POST /v1/batches', 'POST /v1/files', 'POST /v1/batches', 'POST /v1/files', 'POST /v1/batches']);
		const uploads = server.requests.filter((r) => r.path === '/v1/files');
		expect(uploads.map((r) => r.body.file.filename)).toEqual([
			'n8n-batch-input-part-1-of-3.jsonl',
			'n8n-batch-input-part-2-of-3.jsonl',
			'n8n-batch-input-part-3-of-3.jsonl',
		]);
		expect(uploads.map((r) => uploadedLines(r).map((line) => line.custom_id))).toEqual([['0', '1'], ['2', '3'], ['4']]);
		expect(output.map((item) => item.json.id)).toEqual(['batch_0001', 'batch_0002', 'batch_0003']);
		expect(output.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }, { item: 3 }], [{ item: 4 }]]);
		expect(output[1].json.split).toEqual({
			part: 2,
			parts: 3,
			firstItem: 2,
			lastItem: 3,
			requests: 2,
			reason: 'OpenAI takes at most 50,000 requests and 200 MB per batch (and one endpoint URL per batch)',
		});
	});

	test('over the size limit while waiting: several batches, and every item still gets its own result in order', async () => {
		jest.replaceProperty(BATCH_LIMITS, 'maxBytes', 250);
		const { output } = await runNode({
			parameters: create({ messages: userSays, waitForCompletion: true, pollInterval: 0.001 }),
			items: questions(5),
			credentials: credentials(),
		});
		const uploads = server.requests.filter((r) => r.path === '/v1/files');
		expect(uploads.length).toBeGreaterThan(1);
		for (const upload of uploads) expect(upload.body.file.size).toBeLessThanOrEqual(250);
		expect(uploads.flatMap((r) => uploadedLines(r).map((line) => line.custom_id))).toEqual(['0', '1', '2', '3', '4']);
		expect(output.map((item) => (item.json.choices as any[])[0].message.content)).toEqual(['echo: q0', 'echo: q1', 'echo: q2', 'echo: q3', 'echo: q4']);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	test('a request too large for any batch is that item\'s error; under Continue On Fail the others go on', async () => {
		jest.replaceProperty(BATCH_LIMITS, 'maxBytes', 300);
		const { output } = await runNode({
			parameters: create({ messages: (i: number) => ({ values: [{ role: 'user', content: i === 1 ? 'x'.repeat(400) : `q${i}` }] }) }),
			items: questions(3),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output).toHaveLength(2);
		expect(output[0].json.id).toBe('batch_0001');
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(String(output[1].json.error)).toMatch(/^The request is \d+ bytes, more than a whole batch file may have \(300 bytes\)$/);
		expect(output[1].json.description).toBe('Send fewer or shorter inputs with this item. Item 2 (index 1).');
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	test('an item whose request cannot be built stays out of the batch under Continue On Fail; without it nothing is sent', async () => {
		const messages = (i: number) => ({ values: [{ role: 'user', content: i === 1 ? '' : `q${i}` }] });
		const { output } = await runNode({
			parameters: create({ messages }),
			items: questions(3),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(uploadedLines(server.requests[0]).map((line) => line.custom_id)).toEqual(['0', '2']);
		expect(output).toHaveLength(2);
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(String(output[1].json.error)).toContain("'Content'");
		expect(output[1].pairedItem).toEqual({ item: 1 });

		server.reset();
		const error = await runNodeExpectingError({ parameters: create({ messages }), items: questions(3), credentials: credentials() });
		expect(error.message).toContain("'Content'");
		expect(error.context?.itemIndex).toBe(1);
		expect(server.requests).toHaveLength(0);
	});

	test('bad batch metadata is refused before anything is uploaded', async () => {
		const error = await runNodeExpectingError({
			parameters: create({ messages: userSays, batchOptions: { metadata: '{"a": ' } }),
			items: questions(2),
			credentials: credentials(),
		});
		expect(error.message).toBe("Invalid JSON in field 'Metadata (JSON)'");
		expect(server.requests).toHaveLength(0);
	});

	test('Additional Body Fields go into the POST /batches body', async () => {
		await runNode({
			parameters: create({ messages: userSays, batchOptions: { additionalBodyFields: '{"output_expires_after": {"anchor": "created_at", "seconds": 86400}}' } }),
			items: questions(1),
			credentials: credentials(),
		});
		expect(server.requests[1].body).toEqual({
			input_file_id: 'file-000001',
			endpoint: '/v1/chat/completions',
			completion_window: '24h',
			output_expires_after: { anchor: 'created_at', seconds: 86400 },
		});
	});

	test('a failed upload is every item\'s error, with OpenAI\'s message', async () => {
		server.queueFault({ path: '/v1/files', status: 400, body: { error: { message: 'File too large', type: 'invalid_request_error', param: 'file', code: null } } });
		const { output } = await runNode({
			parameters: create({ messages: userSays }),
			items: questions(2),
			continueOnFail: true,
			credentials: credentials(),
		});
		expect(output.map((item) => [item.json.error, item.json.status, item.pairedItem])).toEqual([
			['File too large', 400, { item: 0 }],
			['File too large', 400, { item: 1 }],
		]);
		expect(paths()).toEqual(['POST /v1/files']);
	});

	describe('every endpoint builds its lines with its own operation\'s fields', () => {
		test('Completions: prompt lines go to /v1/completions; chat-message lines to /v1/chat/completions, in a batch of their own', async () => {
			const { output } = await runNode({
				parameters: create({
					endpoint: 'completions',
					inputType: (i: number) => (i === 1 ? 'chatMessages' : 'prompt'),
					model: (i: number) => ({ __rl: true, mode: 'id', value: i === 1 ? 'gpt-4o-mini' : 'gpt-4o' }),
					prompt: (i: number) => `Say ${i}`,
					messages: userSays,
					options: { maxTokens: 20 },
					waitForCompletion: true,
					pollInterval: 0.001,
				}),
				items: questions(3),
				credentials: credentials(),
			});
			const uploads = server.requests.filter((r) => r.path === '/v1/files');
			expect(uploads.map(uploadedLines)).toEqual([
				[
					{ custom_id: '0', method: 'POST', url: '/v1/completions', body: { model: 'gpt-4o', prompt: 'Say 0', max_tokens: 20 } },
					{ custom_id: '2', method: 'POST', url: '/v1/completions', body: { model: 'gpt-4o', prompt: 'Say 2', max_tokens: 20 } },
				],
				[
					{
						custom_id: '1',
						method: 'POST',
						url: '/v1/chat/completions',
						body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q1' }], max_completion_tokens: 20 },
					},
				],
			]);
			expect(server.requests.filter((r) => r.path === '/v1/batches').map((r) => r.body.endpoint)).toEqual(['/v1/completions', '/v1/chat/completions']);
			expect(output.map((item) => item.json.object)).toEqual(['text_completion', 'chat.completion', 'text_completion']);
			expect((output[2].json.choices as any[])[0].text).toBe('echo: Say 2');
		});

		test('Embeddings', async () => {
			const { output } = await runNode({
				parameters: create({
					endpoint: 'embeddings',
					model: { __rl: true, mode: 'id', value: 'text-embedding-3-small' },
					input: (i: number) => `text ${i}`,
					options: { dimensions: 256 },
					waitForCompletion: true,
					pollInterval: 0.001,
				}),
				items: questions(2),
				credentials: credentials(),
			});
			expect(uploadedLines(server.requests[0])).toEqual([0, 1].map((i) => ({
				custom_id: String(i),
				method: 'POST',
				url: '/v1/embeddings',
				body: { model: 'text-embedding-3-small', input: `text ${i}`, encoding_format: 'float', dimensions: 256 },
			})));
			expect(server.requests[1].body.endpoint).toBe('/v1/embeddings');
			expect(output.map((item) => item.json.object)).toEqual(['list', 'list']);
			expect((output[1].json.data as any[])[0].object).toBe('embedding');
		});

		test('Moderations', async () => {
			const { output } = await runNode({
				parameters: create({
					endpoint: 'moderations',
					moderationInput: (i: number) => ({ values: [{ type: 'text', text: i === 0 ? 'I love everyone' : 'hate speech' }] }),
					waitForCompletion: true,
					pollInterval: 0.001,
				}),
				items: questions(2),
				credentials: credentials(),
			});
			expect(uploadedLines(server.requests[0]).map((line) => [line.url, line.body])).toEqual([
				['/v1/moderations', { model: 'omni-moderation-latest', input: ['I love everyone'] }],
				['/v1/moderations', { model: 'omni-moderation-latest', input: ['hate speech'] }],
			]);
			expect(output.map((item) => (item.json.results as any[])[0].flagged)).toEqual([false, true]);
		});

		test('Moderations with an image: alone it is one line; with other samples the item is refused (one line, one result)', async () => {
			const { output } = await runNode({
				parameters: create({
					endpoint: 'moderations',
					moderationInput: (i: number) => ({
						values:
							i === 0
								? [{ type: 'imageUrl', imageUrl: 'https://example.com/violent.png' }]
								: [{ type: 'imageUrl', imageUrl: 'https://example.com/a.png' }, { type: 'text', text: 'and this' }],
					}),
				}),
				items: questions(2),
				continueOnFail: true,
				credentials: credentials(),
			});
			expect(uploadedLines(server.requests[0]).map((line) => line.body)).toEqual([
				{ model: 'omni-moderation-latest', input: [{ type: 'image_url', image_url: { url: 'https://example.com/violent.png' } }] },
			]);
			expect(output[1].json.error).toBe("The field 'Input': in a batch, an item with an image can have only that one sample");
			expect(output[1].json.description).toBe(
				'OpenAI gives a multi-modal input one result as a whole; Moderation → Create sends each image on its own. Item 2 (index 1).',
			);
		});

		test('Responses', async () => {
			const { output } = await runNode({
				parameters: create({
					endpoint: 'responses',
					inputText: (i: number) => `Hello ${i}`,
					instructions: 'Be brief.',
					textFormat: 'json_object',
					responseOptions: { maxOutputTokens: 100 },
					waitForCompletion: true,
					pollInterval: 0.001,
				}),
				items: questions(2),
				credentials: credentials(),
			});
			expect(uploadedLines(server.requests[0])).toEqual([0, 1].map((i) => ({
				custom_id: String(i),
				method: 'POST',
				url: '/v1/responses',
				body: { model: 'gpt-4o-mini', input: `Hello ${i}`, instructions: 'Be brief.', text: { format: { type: 'json_object' } }, max_output_tokens: 100 },
			})));
			expect(output.map((item) => item.json.object)).toEqual(['response', 'response']);
			expect((output[0].json.output as any[])[0].content[0].text).toBe('{"echo":"echo: Hello 0"}');
		});
	});
});
