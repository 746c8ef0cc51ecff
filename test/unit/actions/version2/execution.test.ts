/*
 * Version 2 nodes run the same operations as version 1, read through their version 2 parameters: per-kind
 * model fields, fields moved into Options, pickers, tucked message options, Simplify Output and Return All.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../../../nodes/OpenAiToolkit/methods';
import { TEST_API_KEY } from '../../../support/constants';
import { binaryFrom, runNode } from '../../../support/executeContext';
import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { seedFile } from '../file/seed';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('version 2 nodes', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters, credentials: { baseUrl: server.url }, ...extra });
	const userSays = (content: string, messageOptions?: Record<string, unknown>) => ({
		messages: { values: [{ role: 'user', content, ...(messageOptions ? { messageOptions } : {}) }] },
	});

	test('Chat: the default model, and by default a simplified answer with text first', async () => {
		const { output } = await run({ resource: 'chat', operation: 'createCompletion', ...userSays('Hello') });
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
		expect(Object.keys(output[0].json)[0]).toBe('text');
		expect(output[0].json).toEqual({
			text: 'echo: Hello',
			finish_reason: 'stop',
			model: 'gpt-4o-mini',
			usage: expect.any(Object),
			id: expect.any(String),
		});
	});

	test('Chat: the model field of its own, Simplify Output off gives the full response with text first', async () => {
		const { output } = await run({
			resource: 'chat',
			operation: 'createCompletion',
			chatModel: { __rl: true, mode: 'id', value: 'gpt-4.1' },
			simplify: false,
			...userSays('Hi'),
		});
		expect(server.requests[0].body.model).toBe('gpt-4.1');
		expect(Object.keys(output[0].json)[0]).toBe('text');
		expect(output[0].json).toMatchObject({ text: 'echo: Hi', object: 'chat.completion' });
		expect(Array.isArray(output[0].json.choices)).toBe(true);
	});

	test("Chat: a message's Name comes from its Message Options, and a user message takes images", async () => {
		await run(
			{
				resource: 'chat',
				operation: 'createCompletion',
				messages: {
					values: [
						{
							role: 'user',
							content: 'What is this?',
							messageOptions: { name: 'Anna_Berg' },
							images: { image: [{ source: 'binary', binaryPropertyName: 'photo', detail: 'low' }] },
						},
					],
				},
			},
			{ items: [{ json: {}, binary: { photo: binaryFrom(PNG, 'p.png', 'image/png') } }] },
		);
		const [message] = server.requests[0].body.messages;
		expect(message.name).toBe('Anna_Berg');
		expect(message.content).toEqual([
			{ type: 'text', text: 'What is this?' },
			{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'low' } },
		]);
	});

	test('Image → Generate uses its own model field (dall-e-3 by default), not Chat\'s', async () => {
		await run({ resource: 'image', operation: 'generate', prompt: 'A red fox' });
		expect(server.requests[0].body).toMatchObject({ model: 'dall-e-3', prompt: 'A red fox' });
	});

	test('Embedding → Create: User ID and Limit from Options', async () => {
		const { output } = await run({ resource: 'embedding', operation: 'create', input: ['a', 'b', 'c'], options: { user: 'user-7', limit: 2 } });
		expect(server.requests[0].body).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', user: 'user-7' });
		expect(output).toHaveLength(2);
	});

	test('Completion: the prompt mode and the chat mode each read their own model field', async () => {
		await run({ resource: 'completion', operation: 'create', prompt: 'Once upon', completionModel: { __rl: true, mode: 'id', value: 'davinci-002' } });
		expect(server.requests[0]).toMatchObject({ path: '/v1/completions', body: { model: 'davinci-002', prompt: 'Once upon' } });
		await run({ resource: 'completion', operation: 'create', inputType: 'chatMessages', ...userSays('Hey') });
		expect(server.requests[1]).toMatchObject({ path: '/v1/chat/completions', body: { model: 'gpt-4o-mini' } });
	});

	test('Fine-Tuning Job → Create reads the Training File picker as the file ID', async () => {
		const file = seedFile(server, 'train.jsonl', 'fine-tune');
		await run({ resource: 'fineTuningJob', operation: 'create', trainingFileId: { __rl: true, mode: 'list', value: file } });
		expect(server.requests.find((request) => request.path === '/v1/fine_tuning/jobs')!.body).toMatchObject({
			model: 'gpt-4o-mini-2024-07-18',
			training_file: file,
		});
	});

	test('the Training File picker lists fine-tune files by name, newest first, filtered by the search text', async () => {
		const older = seedFile(server, 'support.jsonl', 'fine-tune');
		const newer = seedFile(server, 'sales.jsonl', 'fine-tune');
		seedFile(server, 'batch.jsonl', 'batch');
		const context = { getCredentials: async () => ({ apiKey: TEST_API_KEY, baseUrl: server.url }) } as unknown as ILoadOptionsFunctions;
		const all = await listSearch.searchFiles_fineTune.call(context);
		expect(all.results.map((result) => result.value)).toEqual([newer, older]);
		expect(all.results[0].name).toBe(`sales.jsonl (${newer})`);
		const found = await listSearch.searchFiles_fineTune.call(context, 'SUPP');
		expect(found.results.map((result) => result.value)).toEqual([older]);
		expect(server.requests[0].query).toMatchObject({ purpose: 'fine-tune', order: 'desc' });
	});

	test('Model → List returns every model by default (Return All on)', async () => {
		server.state.models = Array.from({ length: 120 }, (_, i) => `model-${i}`);
		const { output } = await run({ resource: 'model', operation: 'list' });
		expect(output).toHaveLength(120);
	});

	test('Response → Create: simplified by default, with the ID for the next turn', async () => {
		const { output } = await run({ resource: 'response', operation: 'create', inputText: 'Hello' });
		expect(Object.keys(output[0].json)[0]).toBe('text');
		expect(output[0].json).toMatchObject({ text: expect.any(String), id: expect.any(String), status: 'completed' });
		expect(output[0].json).not.toHaveProperty('output');
	});
});
