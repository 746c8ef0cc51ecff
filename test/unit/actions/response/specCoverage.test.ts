import fs from 'node:fs';
import path from 'node:path';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { backgroundWaitSpec } from '../../../../nodes/OpenAiToolkit/actions/response/fields';

/** Request parameters of POST /responses that Response → Create leaves to Additional Body Fields (JSON), and why. */
const LEFT_TO_ADDITIONAL_BODY_FIELDS: Record<string, string> = {
	stream: 'the node does not stream',
	stream_options: 'the node does not stream',
	user: "deprecated: replaced by 'Safety Identifier' and 'Prompt Cache Key'",
	prompt_cache_options: "for the newest models only; 'Prompt Cache Retention' covers the common case",
	moderation: 'a moderation policy object; Moderation → Classify covers moderation',
};

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, unknown> };

/** The top-level properties of the spec's CreateResponse (following $ref and allOf). */
function requestProperties(): string[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- js-yaml ships no types
	const yaml = require('js-yaml') as { load(text: string): unknown };
	const spec = yaml.load(fs.readFileSync(path.join(__dirname, '../../../contract/openai-openapi.yaml'), 'utf8')) as {
		components: { schemas: Record<string, Schema> };
	};
	const schemas = spec.components.schemas;
	const names = new Set<string>();
	const walk = (schema: Schema) => {
		if (schema.$ref) return walk(schemas[schema.$ref.split('/').pop()!]);
		schema.allOf?.forEach(walk);
		Object.keys(schema.properties ?? {}).forEach((name) => names.add(name));
	};
	walk(schemas.CreateResponse);
	return [...names].sort();
}

describe('Response → Create (version 2) reaches every request parameter of POST /responses in the vendored spec', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		jest.replaceProperty(backgroundWaitSpec, 'intervalMin', 0.001);
	});
	afterEach(() => jest.restoreAllMocks());

	/** The body keys the node's fields produce, over a few runs that set every field between them. */
	async function bodyKeys(): Promise<Set<string>> {
		server.state.responses.set('resp_prev', { id: 'resp_prev', status: 'completed' });
		const conversation = await (await fetch(`${server.url}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
		const base = { resource: 'response', operation: 'create', inputText: 'Hello', instructions: 'Be brief.' };
		const runs: Array<Record<string, unknown>> = [
			{
				...base,
				builtInTools: { webSearch: 'low' },
				mcpServers: { server: [{ serverLabel: 'docs', serverUrl: 'https://mcp.example.com/mcp' }] },
				textFormat: 'json_object',
				responseOptions: {
					previousResponseId: 'resp_prev',
					metadata: '{"a": "b"}',
					maxOutputTokens: 100,
					reasoningEffort: 'low',
					serviceTier: 'default',
					store: true,
					temperature: 0.5,
					topP: 0.9,
					truncation: 'auto',
					parallelToolCalls: true,
					include: ['message.output_text.logprobs'],
					verbosity: 'low',
					safetyIdentifier: 'user-1',
					promptCacheKey: 'key',
					promptCacheRetention: 'in_memory',
					maxToolCalls: 2,
					topLogprobs: 1,
					toolChoiceJson: '{"type": "web_search"}',
					compactThreshold: 5000,
					promptTemplate: { template: { id: 'pmpt_1', version: '1', variables: '{}' } },
				},
			},
			{ ...base, responseOptions: { conversation: conversation.id, toolChoice: 'auto' } },
			{ ...base, background: true, pollInterval: 0.001, waitTimeout: 1 },
		];
		const keys = new Set<string>();
		for (const parameters of runs) {
			server.requests.length = 0;
			await runNode({ typeVersion: 2, parameters, credentials: { baseUrl: server.url } });
			const created = server.requests.find((request) => request.method === 'POST' && request.path === '/v1/responses');
			Object.keys(created!.body as object).forEach((key) => keys.add(key));
		}
		return keys;
	}

	test('every top-level property has a field, except those deliberately left to Additional Body Fields', async () => {
		const properties = requestProperties();
		expect(properties.length).toBeGreaterThan(25);
		for (const left of Object.keys(LEFT_TO_ADDITIONAL_BODY_FIELDS)) expect(properties).toContain(left);
		const keys = await bodyKeys();
		const missing = properties.filter((name) => !keys.has(name) && !(name in LEFT_TO_ADDITIONAL_BODY_FIELDS));
		expect(missing).toEqual([]);
		// The list stays honest: nothing in it has a field after all.
		expect(Object.keys(LEFT_TO_ADDITIONAL_BODY_FIELDS).filter((name) => keys.has(name))).toEqual([]);
		// And nothing is sent that the spec does not know.
		expect([...keys].filter((key) => !properties.includes(key))).toEqual([]);
	});
});
