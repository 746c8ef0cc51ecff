import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';

describe('Chat → stored completions: List Stored, Retrieve Stored, Update Metadata, Delete Stored, List Stored Messages (version 2)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const chat = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'chat', operation, ...parameters });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters, credentials: credentials(), ...extra });
	const fails = (parameters: Record<string, unknown>) => runNodeExpectingError({ typeVersion: 2, parameters, credentials: credentials() });

	/** Stores completions straight at the fake server (as Create Completion with Store on would), returns their IDs. */
	async function seed(entries: Array<{ model: string; metadata?: Record<string, string>; messages?: number }>): Promise<string[]> {
		const ids: string[] = [];
		for (const { model, metadata, messages = 1 } of entries) {
			const body = { model, store: true, metadata, messages: Array.from({ length: messages }, (_, i) => ({ role: 'user', content: `m${i}` })) };
			const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			ids.push(((await response.json()) as { id: string }).id);
		}
		server.requests.length = 0;
		return ids;
	}

	test('version 1 keeps Create Completion only; version 2 lists the stored operations', () => {
		const operationsOf = (version: 1 | 2) =>
			(nodeDescription(version).properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('chat'))!
				.options as Array<{ value: string }>).map((o) => o.value);
		expect(operationsOf(1)).toEqual(['createCompletion']);
		expect(operationsOf(2)).toEqual(['createCompletion', 'deleteStored', 'listStored', 'listStoredMessages', 'retrieveStored', 'updateStored']);
	});

	test('Create Completion with Store on is then listed (Return All), one item per completion', async () => {
		await run(chat('createCompletion', { messages: { values: [{ role: 'user', content: 'Hi' }] }, options: { store: true, metadata: '{"run": "a"}' } }));
		server.requests.length = 0;
		const { output } = await run(chat('listStored'));
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/chat/completions']);
		expect(server.requests[0].query).toEqual({ limit: '100' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'chat.completion', metadata: { run: 'a' } });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('List Stored: metadata and model filters, order and a limit across pages', async () => {
		await seed([
			{ model: 'gpt-4o-mini', metadata: { team: 'a', env: 'prod' } },
			{ model: 'gpt-4o', metadata: { team: 'a', env: 'prod' } },
			{ model: 'gpt-4o-mini', metadata: { team: 'b' } },
			{ model: 'gpt-4o-mini', metadata: { team: 'a', env: 'prod' } },
		]);
		const { output } = await run(
			chat('listStored', { returnAll: false, limit: 5, options: { metadata: '{"team": "a", "env": "prod"}', storedModel: ' gpt-4o-mini ', order: 'desc' } }),
		);
		expect(server.requests[0].query).toEqual({ 'metadata[team]': 'a', 'metadata[env]': 'prod', model: 'gpt-4o-mini', order: 'desc', limit: '5' });
		expect(output.map((item) => item.json.model)).toEqual(['gpt-4o-mini', 'gpt-4o-mini']);
		server.requests.length = 0;
		const limited = await run(chat('listStored', { returnAll: false, limit: 3 }));
		expect(limited.output).toHaveLength(3);
		server.requests.length = 0;
		const paged = await run(chat('listStored', { returnAll: true }));
		expect(paged.output).toHaveLength(4);
	});

	test('Retrieve Stored, Update Metadata (replaced; {} clears it), Delete Stored: exact requests', async () => {
		const [id] = await seed([{ model: 'gpt-4o-mini', metadata: { a: 'b' } }]);
		const retrieved = await run(chat('retrieveStored', { completionId: byId(` ${id} `) }));
		expect(retrieved.output[0].json).toMatchObject({ id, metadata: { a: 'b' } });
		const updated = await run(chat('updateStored', { completionId: byId(id), metadata: '{"topic": "x", "n": 2}' }));
		expect(server.requests[1]).toMatchObject({ method: 'POST', path: `/v1/chat/completions/${id}`, body: { metadata: { topic: 'x', n: '2' } } });
		expect(updated.output[0].json.metadata).toEqual({ topic: 'x', n: '2' });
		await run(chat('updateStored', { completionId: byId(id), metadata: '{}' }));
		expect(server.requests[2].body).toEqual({ metadata: {} });
		const deleted = await run(chat('deleteStored', { completionId: byId(id) }));
		expect(server.requests[3]).toMatchObject({ method: 'DELETE', path: `/v1/chat/completions/${id}` });
		expect(deleted.output).toEqual([{ json: { object: 'chat.completion.deleted', id, deleted: true }, pairedItem: { item: 0 } }]);
	});

	test('List Stored Messages: one item per message, order and limit', async () => {
		const [id] = await seed([{ model: 'gpt-4o-mini', messages: 3 }]);
		const { output } = await run(chat('listStoredMessages', { completionId: byId(id), returnAll: false, limit: 2, options: { order: 'desc' } }));
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/v1/chat/completions/${id}/messages`, query: { limit: '2', order: 'desc' } });
		expect(output.map((item) => item.json.content)).toEqual(['m2', 'm1']);
		server.requests.length = 0;
		const all = await run(chat('listStoredMessages', { completionId: byId(id) }));
		expect(all.output.map((item) => item.json.id)).toEqual([`${id}-0`, `${id}-1`, `${id}-2`]);
	});

	test.each([
		['Retrieve Stored without ID', chat('retrieveStored', { completionId: byId(' ') }), "The field 'Completion' is empty"],
		['Update Metadata with nested metadata', chat('updateStored', { completionId: byId('chatcmpl-1'), metadata: '{"a": {"b": 1}}' }), "Field 'Metadata (JSON)': the value of 'a' must be text, not an object or list"],
		['List Stored with a bad metadata filter', chat('listStored', { options: { metadata: '[1]' } }), "Field 'Metadata Filter (JSON)' must be a JSON object"],
		['List Stored with an empty model', chat('listStored', { options: { storedModel: ' ' } }), "The field 'Model' is empty"],
		['List Stored with Limit 0', chat('listStored', { returnAll: false, limit: 0 }), "The field 'Limit' must be at least 1 (got 0)"],
		['List Stored Messages with Limit "abc"', chat('listStoredMessages', { completionId: byId('chatcmpl-1'), returnAll: false, limit: 'abc' }), "The field 'Limit' must be a number (got 'abc')"],
	])('%s fails before sending, naming the field and the item', async (_, parameters, message) => {
		const error = await fails(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('an unknown ID is OpenAI\'s 404; a 5xx is retried', async () => {
		const error = await fails(chat('deleteStored', { completionId: byId('chatcmpl-missing') }));
		expect(error.message).toContain("No chat completion found with id 'chatcmpl-missing'");
		const [id] = await seed([{ model: 'gpt-4o-mini' }]);
		server.queueFault({ status: 503, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'Busy', type: 'server_error' } } });
		const { output } = await run(chat('retrieveStored', { completionId: byId(id) }));
		expect(server.requests).toHaveLength(2);
		expect(output[0].json.id).toBe(id);
	});

	test('Continue On Fail: a missing completion fails its item only', async () => {
		const [id] = await seed([{ model: 'gpt-4o-mini' }]);
		const { output } = await run(chat('retrieveStored', { completionId: (i: number) => byId(i === 1 ? 'chatcmpl-nope' : id) }), {
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.id ?? item.json.error)).toEqual([id, expect.stringContaining('No chat completion found'), id]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
