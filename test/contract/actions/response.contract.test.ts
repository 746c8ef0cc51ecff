import fs from 'node:fs';
import path from 'node:path';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { runNode } from '../../support/executeContext';
import { expectRequestsConform, useContractProxy } from '../support';

// Prism answers POST /responses with its own example Response, which breaks the Response schema's oneOfs: those
// violations are located in the response and say nothing about our request (expectRequestsConform ignores
// only them). The first /responses request takes Prism a few seconds.
jest.setTimeout(60_000);

const SPEC = path.resolve(__dirname, '../openai-openapi.yaml');

describe('contract: Response → Create against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	let fake: FakeOpenAi;
	beforeAll(async () => {
		fake = await startFakeOpenAi();
	});
	afterAll(async () => fake.close());
	beforeEach(() => fake.reset());
	const credentials = () => ({ baseUrl: proxy.url });
	const create = (parameters: Record<string, unknown>) => ({ resource: 'response', operation: 'create', ...parameters });

	test('POST /responses: text input with every option, built-in and function tools, JSON schema output', async () => {
		const { output } = await runNode({
			parameters: create({
				inputText: 'What is the weather in Oslo?',
				instructions: 'Be brief.',
				builtInTools: { webSearch: 'medium', fileSearchVectorStoreIds: 'vs_1', fileSearchMaxResults: 4, codeInterpreter: true, codeInterpreterFileIds: 'file-1' },
				functionTools:
					'[{"type": "function", "function": {"name": "get_weather", "description": "Weather now", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]',
				textFormat: 'json_schema',
				jsonSchemaName: 'weather',
				jsonSchema: '{"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"], "additionalProperties": false}',
				responseOptions: {
					previousResponseId: 'resp_123',
					reasoningEffort: 'low',
					reasoningSummary: 'auto',
					store: true,
					metadata: '{"customer": "acme"}',
					maxOutputTokens: 500,
					temperature: 0.5,
					topP: 0.9,
					truncation: 'auto',
					serviceTier: 'default',
					toolChoice: 'auto',
					parallelToolCalls: true,
				},
			}),
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('response');
		expectRequestsConform(proxy.records, 1);
	});

	test('POST /responses: text messages of every role, JSON object output, background', async () => {
		await runNode({
			parameters: create({
				inputMode: 'messages',
				inputMessages: {
					message: [
						{ role: 'system', content: 'You are terse.' },
						{ role: 'developer', content: 'Answer in JSON.' },
						{ role: 'assistant', content: 'Ready.' },
						{ role: 'user', content: 'Describe the sea' },
					],
				},
				textFormat: 'json_object',
				background: true,
				pollInterval: 1,
			}),
			credentials: credentials(),
		});
		expect(proxy.records[0]).toMatchObject({ method: 'POST', path: '/responses' });
		expectRequestsConform(proxy.records);
	});

	test('POST /responses with images: valid for both message schemas of the spec, which is all Prism objects to', async () => {
		await runNode({
			parameters: create({
				inputMode: 'messages',
				inputMessages: { message: [{ role: 'user', content: 'Describe this', imageUrls: 'https://example.com/a.png', imageDetail: 'high' }] },
			}),
			credentials: credentials(),
			continueOnFail: true,
		});
		// Prism refuses a user message with a content list: the spec's InputItem is a oneOf of EasyInputMessage and
		// Item (InputMessage), and such a message is valid for both, so "exactly one" fails (Prism does not apply
		// the discriminator). Nothing else is wrong with the request:
		expect(proxy.records).toHaveLength(1);
		expect(proxy.records[0].status).toBe(422);
		const parsed = JSON.parse(proxy.records[0].violations!.replace(/^Too many violations! /, ''));
		const violations = (Array.isArray(parsed) ? parsed : parsed.validation) as Array<{ message: string }>;
		expect(violations.map((v) => v.message).sort()).toEqual([
			'Request body property input must be string',
			'Request body property input must match exactly one schema in oneOf',
			'Request body property input.0 must match exactly one schema in oneOf',
		]);

		// …and the spec's own schemas, checked directly, accept the message as each of the two.
		/* eslint-disable @typescript-eslint/no-require-imports */
		const yaml = require('js-yaml') as { load(text: string): { components: object } };
		const Ajv2020 = require('ajv/dist/2020').default as new (options: object) => {
			addSchema(schema: object): void;
			getSchema(ref: string): ((data: unknown) => boolean) & { errors?: Array<{ params?: { passingSchemas?: number[] } }> };
		};
		/* eslint-enable @typescript-eslint/no-require-imports */
		const ajv = new Ajv2020({ strict: false, validateFormats: false });
		ajv.addSchema({ $id: 'spec', components: yaml.load(fs.readFileSync(SPEC, 'utf8')).components });
		const sent = JSON.parse(JSON.stringify(await sentBody()));
		const message = sent.input[0];
		expect(ajv.getSchema('spec#/components/schemas/EasyInputMessage')!(message)).toBe(true);
		expect(ajv.getSchema('spec#/components/schemas/InputMessage')!(message)).toBe(true);
		const inputItem = ajv.getSchema('spec#/components/schemas/InputItem')!;
		expect(inputItem(message)).toBe(false);
		expect(inputItem.errors?.[0]?.params?.passingSchemas).toEqual([0, 1]);
	});

	/** The body the node sends for the image message, as recorded by the project's fake server. */
	async function sentBody(): Promise<Record<string, unknown>> {
		await runNode({
			parameters: create({
				inputMode: 'messages',
				inputMessages: { message: [{ role: 'user', content: 'Describe this', imageUrls: 'https://example.com/a.png', imageDetail: 'high' }] },
			}),
			credentials: { baseUrl: fake.url },
		});
		return fake.requests[0].body;
	}

	test('GET /responses/{id}: the check of background polling', async () => {
		// Prism answers a create with a final status, so the node would not poll it: the fake answers the create as
		// queued and passes the check on to Prism.
		fake.on('POST', '/v1/responses', () => ({ status: 200, body: { id: 'resp_123', object: 'response', status: 'queued', output: [] } }));
		fake.on('GET', '/v1/responses/resp_123', async (req) => {
			const answer = await fetch(`${proxy.url}/responses/resp_123`, { headers: { authorization: String(req.headers.authorization) } });
			const body = (await answer.json()) as Record<string, unknown>;
			return { status: answer.status, body: { ...body, status: 'completed' } };
		});
		const { output } = await runNode({
			parameters: create({ inputText: 'Think', background: true, pollInterval: 1 }),
			credentials: { baseUrl: fake.url },
		});
		expect(output[0].json.status).toBe('completed');
		expectRequestsConform(proxy.records, 1);
		expect(proxy.records[0]).toMatchObject({ method: 'GET', path: '/responses/resp_123' });
	});
});
