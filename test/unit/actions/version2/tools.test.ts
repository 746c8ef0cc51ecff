/*
 * The Tools input of version 2's Chat → Create Completion and Response → Create, run through the real router
 * against the fake server's scripted tool-calling model (`#tool-script`, test/support/fake-tool-script.js):
 * one tool, then two in parallel, then the answer; an unknown tool; a tool that throws; the iteration limit;
 * the exact request body of every turn.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import { createExecuteContext, nodeTypeOf, type ContextOptions } from '../../../support/executeContext';
import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';

interface FakeTool {
	name: string;
	description: string;
	schema: unknown;
	invoke: (args: unknown, config?: unknown) => Promise<unknown>;
}

const calls: Array<{ name: string; args: unknown; at: number }> = [];

function tool(name: string, description: string, schema: unknown, run: (args: IDataObject) => Promise<unknown> | unknown): FakeTool {
	return {
		name,
		description,
		schema,
		invoke: async (args) => {
			calls.push({ name, args, at: Date.now() });
			return await run(args as IDataObject);
		},
	};
}

const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const weather = tool('get_weather', 'The weather in a city', WEATHER_SCHEMA, async ({ city }) => {
	await new Promise((resolve) => setTimeout(resolve, 60));
	return JSON.stringify([{ city, sky: 'sunny' }]);
});
const add = tool('add', 'Adds two numbers', z.object({ a: z.number(), b: z.number() }), async ({ a, b }) => {
	await new Promise((resolve) => setTimeout(resolve, 60));
	return String(Number(a) + Number(b));
});
const broken = tool('broken', 'Always fails', { type: 'object', properties: {} }, () => {
	throw new Error('the service is down');
});

/** Runs version 2 with the given tools connected to the Tools input. */
async function runWithTools(options: ContextOptions, tools: unknown): Promise<INodeExecutionData[]> {
	const { context } = createExecuteContext({ typeVersion: 2, ...options });
	Object.assign(context, { getInputConnectionData: async (type: string) => (type === 'ai_tool' ? tools : undefined) });
	const [output] = (await nodeTypeOf(2).execute!.call(context)) as INodeExecutionData[][];
	return output;
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}

const script = (rounds: unknown) => `Plan my trip #tool-script ${JSON.stringify(rounds)}`;
const ROUNDS = [
	[{ name: 'get_weather', arguments: { city: 'Oslo' } }],
	[
		{ name: 'add', arguments: { a: 2, b: 3 } },
		{ name: 'get_weather', arguments: { city: 'Rome' } },
	],
];
const PARAMETERS_OF_ADD = { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] };

describe('version 2: tools connected to the Tools input', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		calls.length = 0;
	});
	const credentials = () => ({ baseUrl: server.url });
	const chat = (content: string, options: IDataObject = {}) => ({
		resource: 'chat',
		operation: 'createCompletion',
		messages: { values: [{ role: 'user', content }] },
		options,
	});
	const respond = (inputText: string, responseOptions: IDataObject = {}) => ({ resource: 'response', operation: 'create', inputText, responseOptions });

	test('Chat: one tool, then two in parallel, then the answer; every turn sends the whole conversation', async () => {
		const output = await runWithTools({ parameters: chat(script(ROUNDS)), credentials: credentials() }, [weather, add]);

		const user = { role: 'user', content: script(ROUNDS) };
		const tools = [
			{ type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: WEATHER_SCHEMA } },
			{ type: 'function', function: { name: 'add', description: 'Adds two numbers', parameters: PARAMETERS_OF_ADD } },
		];
		const call = (id: string, name: string, args: object) => ({ id, type: 'function', function: { name, arguments: JSON.stringify(args) } });
		const round1 = [{ role: 'assistant', content: null, tool_calls: [call('call_1_1', 'get_weather', { city: 'Oslo' })] }, { role: 'tool', tool_call_id: 'call_1_1', content: '[{"city":"Oslo","sky":"sunny"}]' }];
		const round2 = [
			{ role: 'assistant', content: null, tool_calls: [call('call_2_1', 'add', { a: 2, b: 3 }), call('call_2_2', 'get_weather', { city: 'Rome' })] },
			{ role: 'tool', tool_call_id: 'call_2_1', content: '5' },
			{ role: 'tool', tool_call_id: 'call_2_2', content: '[{"city":"Rome","sky":"sunny"}]' },
		];
		expect(server.requests.map((request) => request.body)).toEqual([
			{ model: 'gpt-4o-mini', messages: [user], tools },
			{ model: 'gpt-4o-mini', messages: [user, ...round1], tools },
			{ model: 'gpt-4o-mini', messages: [user, ...round1, ...round2], tools },
		]);

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const json = output[0].json;
		expect(json.text).toBe('tools answered: [{"city":"Oslo","sky":"sunny"}] | 5 | [{"city":"Rome","sky":"sunny"}]');
		expect(json.finish_reason).toBe('stop');
		expect(json.tool_calls_transcript).toEqual([
			{ iteration: 1, call_id: 'call_1_1', name: 'get_weather', arguments: { city: 'Oslo' }, result: [{ city: 'Oslo', sky: 'sunny' }], duration_ms: expect.any(Number) },
			{ iteration: 2, call_id: 'call_2_1', name: 'add', arguments: { a: 2, b: 3 }, result: '5', duration_ms: expect.any(Number) },
			{ iteration: 2, call_id: 'call_2_2', name: 'get_weather', arguments: { city: 'Rome' }, result: [{ city: 'Rome', sky: 'sunny' }], duration_ms: expect.any(Number) },
		]);
		// The two calls of round 2 ran at the same time (each takes 60 ms).
		expect(Math.abs(calls[1].at - calls[2].at)).toBeLessThan(40);
	});

	test('Response: the same script; function_call_output items go back with the input and every output item so far', async () => {
		const output = await runWithTools({ parameters: respond(script(ROUNDS)), credentials: credentials() }, [weather, add]);

		const tools = [
			{ type: 'function', name: 'get_weather', description: 'The weather in a city', parameters: WEATHER_SCHEMA, strict: false },
			{ type: 'function', name: 'add', description: 'Adds two numbers', parameters: PARAMETERS_OF_ADD, strict: false },
		];
		const fc = (response: string, n: number, callId: string, name: string, args: object) => ({
			type: 'function_call',
			id: `fc_${response}_${n}`,
			call_id: callId,
			name,
			arguments: JSON.stringify(args),
			status: 'completed',
		});
		const out = (callId: string, output: string) => ({ type: 'function_call_output', call_id: callId, output });
		const round1 = [fc('0001', 1, 'call_1_1', 'get_weather', { city: 'Oslo' }), out('call_1_1', '[{"city":"Oslo","sky":"sunny"}]')];
		const round2 = [
			fc('0002', 1, 'call_2_1', 'add', { a: 2, b: 3 }),
			fc('0002', 2, 'call_2_2', 'get_weather', { city: 'Rome' }),
			out('call_2_1', '5'),
			out('call_2_2', '[{"city":"Rome","sky":"sunny"}]'),
		];
		const user = { role: 'user', content: script(ROUNDS) };
		expect(server.requests.map((request) => request.body)).toEqual([
			{ model: 'gpt-4o-mini', input: script(ROUNDS), tools },
			{ model: 'gpt-4o-mini', input: [user, ...round1], tools },
			{ model: 'gpt-4o-mini', input: [user, ...round1, ...round2], tools },
		]);
		const json = output[0].json;
		expect(json.text).toBe('tools answered: [{"city":"Oslo","sky":"sunny"}] | 5 | [{"city":"Rome","sky":"sunny"}]');
		expect(json).toMatchObject({ id: 'resp_0003', status: 'completed' });
		expect((json.tool_calls_transcript as IDataObject[]).map((entry) => [entry.iteration, entry.name, entry.result])).toEqual([
			[1, 'get_weather', [{ city: 'Oslo', sky: 'sunny' }]],
			[2, 'add', '5'],
			[2, 'get_weather', [{ city: 'Rome', sky: 'sunny' }]],
		]);
	});

	test('an unknown tool, a tool that throws and arguments that are not JSON: the errors go back to the model as the results', async () => {
		const rounds = [[{ name: 'no_such_tool', arguments: {} }, { name: 'broken', arguments: {} }, { name: 'get_weather', arguments: '{"city": ' }]];
		const output = await runWithTools({ parameters: chat(script(rounds)), credentials: credentials() }, [weather, broken]);
		const messages = server.requests[1].body.messages as IDataObject[];
		expect(messages.slice(2)).toEqual([
			{ role: 'tool', tool_call_id: 'call_1_1', content: "Error: There is no tool named 'no_such_tool'. Tools: get_weather, broken" },
			{ role: 'tool', tool_call_id: 'call_1_2', content: 'Error: the service is down' },
			{ role: 'tool', tool_call_id: 'call_1_3', content: expect.stringMatching(/^Error: The arguments for 'get_weather' are not valid JSON: /) },
		]);
		expect(calls.map((call) => call.name)).toEqual(['broken']);
		expect(output[0].json.tool_calls_transcript).toEqual([
			expect.objectContaining({ name: 'no_such_tool', error: "There is no tool named 'no_such_tool'. Tools: get_weather, broken" }),
			expect.objectContaining({ name: 'broken', error: 'the service is down', result: 'Error: the service is down' }),
			expect.objectContaining({ name: 'get_weather', arguments: '{"city": ', error: expect.stringMatching(/not valid JSON/) }),
		]);
		expect(output[0].json.text).toMatch(/^tools answered: Error: There is no tool/);
	});

	test("Stop On Tool Error: the tool's error fails the item", async () => {
		const rounds = [[{ name: 'broken', arguments: {} }]];
		const error = await errorOf(runWithTools({ parameters: chat(script(rounds), { stopOnToolError: true }), credentials: credentials() }, [broken]));
		expect(error.message).toBe("The tool 'broken' failed: the service is down");
		expect(error.description).toMatch(/^Item 1 \(index 0\)\./);
		expect(server.requests).toHaveLength(1);

	});

	test('Continue On Fail: an item whose tool fails with Stop On Tool Error is an error item, the other item answers', async () => {
		const rounds = [[{ name: 'broken', arguments: {} }]];
		const contents = [script(rounds), 'Just say hi'];
		const output = await runWithTools(
			{
				parameters: { ...chat('', { stopOnToolError: true }), messages: (i: number) => ({ values: [{ role: 'user', content: contents[i] }] }) },
				items: [{ json: {} }, { json: {} }],
				continueOnFail: true,
				credentials: credentials(),
			},
			[broken],
		);
		expect(output.map((item) => [item.pairedItem, item.json.error ?? item.json.text])).toEqual([
			[{ item: 0 }, "The tool 'broken' failed: the service is down"],
			[{ item: 1 }, 'echo: Just say hi'],
		]);
		expect(output[1].json.tool_calls_transcript).toEqual([]);
	});

	test('the iteration limit: a model that keeps asking fails the item after Max Tool Iterations rounds', async () => {
		const forever = `Loop #tool-script forever ${JSON.stringify({ name: 'add', arguments: { a: 1, b: 1 } })}`;
		const error = await errorOf(runWithTools({ parameters: chat(forever, { maxToolIterations: 2 }), credentials: credentials() }, [add]));
		expect(error.message).toBe('The model still asks for tools after 2 tool iterations');
		expect(error.description).toMatch(/Raise 'Max Tool Iterations'/);
		expect(server.requests).toHaveLength(3);
		expect(calls).toHaveLength(2);

		server.reset();
		const respError = await errorOf(runWithTools({ parameters: respond(forever, { maxToolIterations: 1 }), credentials: credentials() }, [add]));
		expect(respError.message).toBe('The model still asks for tools after 1 tool iteration');
		expect(server.requests).toHaveLength(2);
	});

	test.each([0, 101, 2.5, 'abc', Number.NaN])('Max Tool Iterations %p is refused before anything is sent', async (value) => {
		const error = await errorOf(runWithTools({ parameters: chat('Hi', { maxToolIterations: value }), credentials: credentials() }, [add]));
		expect(error.message).toMatch(/^The field 'Max Tool Iterations' must be/);
		expect(error.description).toBe('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('tools of the fields are sent next to the connected ones; a call to one of them ends the loop as without tools', async () => {
		const own = { type: 'function', function: { name: 'book_hotel', parameters: { type: 'object', properties: {} } } };
		const rounds = [[{ name: 'book_hotel', arguments: {} }]];
		const output = await runWithTools({ parameters: chat(script(rounds), { tools: JSON.stringify([own]) }), credentials: credentials() }, [weather]);
		expect(server.requests).toHaveLength(1);
		expect((server.requests[0].body.tools as IDataObject[]).map((entry) => (entry.function as IDataObject).name)).toEqual(['book_hotel', 'get_weather']);
		expect(output[0].json).toMatchObject({ text: null, finish_reason: 'tool_calls', tool_calls_transcript: [] });
		expect(calls).toHaveLength(0);
	});

	test('two tools with one name, or a name OpenAI does not take, are refused before anything is sent', async () => {
		const twice = await errorOf(runWithTools({ parameters: chat('Hi'), credentials: credentials() }, [weather, { ...add, name: 'get_weather' }]));
		expect(twice.message).toBe("Two tools are named 'get_weather'");
		const badName = await errorOf(runWithTools({ parameters: chat('Hi'), credentials: credentials() }, [{ ...add, name: 'add numbers!' }]));
		expect(badName.message).toBe("The connected tool 'add numbers!' has a name OpenAI does not accept");
		expect(server.requests).toHaveLength(0);
	});

	test("a toolkit (an MCP client's) stands for its tools; no tools connected sends the request as before", async () => {
		const rounds = [[{ name: 'add', arguments: { a: 20, b: 22 } }]];
		const output = await runWithTools({ parameters: respond(script(rounds)), credentials: credentials() }, [{ tools: [add] }]);
		expect(output[0].json.text).toBe('tools answered: 42');

		server.reset();
		const plain = await runWithTools({ parameters: chat('Hello'), credentials: credentials() }, []);
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
		expect(plain[0].json).not.toHaveProperty('tool_calls_transcript');
	});

	test('with Simplify Output off the transcript is there too', async () => {
		const rounds = [[{ name: 'add', arguments: { a: 1, b: 2 } }]];
		const output = await runWithTools({ parameters: { ...chat(script(rounds)), simplify: false }, credentials: credentials() }, [add]);
		expect(output[0].json).toMatchObject({ object: 'chat.completion', text: 'tools answered: 3', tool_calls_transcript: [expect.objectContaining({ result: '3' })] });
	});

	test('a cancelled execution stops the loop: no further request is sent', async () => {
		const controller = new AbortController();
		const slow = tool('slow', 'Slow', { type: 'object', properties: {} }, async () => {
			controller.abort();
			return 'late';
		});
		const rounds = [[{ name: 'slow', arguments: {} }]];
		const error = await errorOf(runWithTools({ parameters: chat(script(rounds)), credentials: credentials(), cancelSignal: controller.signal }, [slow]));
		expect(error.message).toMatch(/cancel|abort/i);
		expect(server.requests).toHaveLength(1);
	});
});
