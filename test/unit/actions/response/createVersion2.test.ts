import type { INodeProperties } from 'n8n-workflow';

import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { nodeDescription, runNode, runNodeExpectingError } from '../../../support/executeContext';

const HEADER_SECRET = 'mcp-header-secret-7f3a9c';
const AUTH_SECRET = 'mcp-oauth-token-41b2e8';

describe('Response → Create: version 2 fields (MCP servers and every request parameter)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const create = (parameters: Record<string, unknown>) => ({ resource: 'response', operation: 'create', inputText: 'Hello', ...parameters });
	const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode({ typeVersion: 2, parameters: create(parameters), credentials: credentials(), ...extra });
	const fails = (parameters: Record<string, unknown>) =>
		runNodeExpectingError({ typeVersion: 2, parameters: create(parameters), credentials: credentials() });
	const mcpServer = (extra: Record<string, unknown> = {}) => ({
		serverLabel: 'deepwiki',
		serverUrl: 'https://mcp.deepwiki.com/mcp',
		...extra,
	});

	const createProperties = (version: 1 | 2) =>
		nodeDescription(version).properties.filter(
			(p) => p.displayOptions?.show?.resource?.includes('response') && p.displayOptions?.show?.operation?.includes('create'),
		);
	const optionNames = (version: 1 | 2) =>
		((createProperties(version).find((p) => p.name === 'responseOptions')!.options as INodeProperties[]) ?? []).map((o) => o.name);
	const NEW_OPTIONS = [
		'compactContext',
		'compactThreshold',
		'conversation',
		'include',
		'maxToolCalls',
		'promptCacheKey',
		'promptCacheRetention',
		'promptTemplate',
		'safetyIdentifier',
		'toolChoiceJson',
		'topLogprobs',
		'verbosity',
	];

	test('version 1 keeps its fields; version 2 adds MCP Servers before the Options and the new options into them', () => {
		expect(createProperties(1).map((p) => p.name)).not.toContain('mcpServers');
		for (const name of NEW_OPTIONS) expect(optionNames(1)).not.toContain(name);
		const names = createProperties(2).map((p) => p.name);
		expect(names.indexOf('mcpServers')).toBeGreaterThan(names.indexOf('functionTools'));
		expect(names.indexOf('mcpServers')).toBeLessThan(names.indexOf('responseOptions'));
		expect(optionNames(2)).toEqual(expect.arrayContaining(NEW_OPTIONS));
		const mcp = createProperties(2).find((p) => p.name === 'mcpServers')!;
		const values = (mcp.options as Array<{ values: INodeProperties[] }>)[0].values;
		const passwordFields = (list: INodeProperties[]): string[] =>
			list.flatMap((field) => [
				...(field.typeOptions?.password ? [field.name] : []),
				...(field.type === 'fixedCollection' ? (field.options as Array<{ values: INodeProperties[] }>).flatMap((g) => passwordFields(g.values)) : []),
			]);
		expect(passwordFields(values)).toEqual(['authorization', 'value']);
	});

	test('every new option ends up in the exact body, next to the version 1 ones', async () => {
		await run({
			textFormat: 'json_object',
			responseOptions: {
				include: ['message.output_text.logprobs', 'reasoning.encrypted_content'],
				verbosity: 'low',
				safetyIdentifier: ' user-hash-1 ',
				promptCacheKey: 'support-bot',
				promptCacheRetention: '24h',
				maxToolCalls: 3,
				topLogprobs: 5,
				parallelToolCalls: false,
				toolChoiceJson: '{"type": "mcp", "server_label": "deepwiki"}',
				compactThreshold: 20000,
				promptTemplate: { template: { id: 'pmpt_1', version: '2', variables: '{"name": "Jane"}' } },
			},
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			input: 'Hello',
			text: { format: { type: 'json_object' }, verbosity: 'low' },
			parallel_tool_calls: false,
			include: ['message.output_text.logprobs', 'reasoning.encrypted_content'],
			prompt: { id: 'pmpt_1', version: '2', variables: { name: 'Jane' } },
			safety_identifier: 'user-hash-1',
			prompt_cache_key: 'support-bot',
			prompt_cache_retention: '24h',
			max_tool_calls: 3,
			top_logprobs: 5,
			tool_choice: { type: 'mcp', server_label: 'deepwiki' },
			context_management: [{ type: 'compaction', compact_threshold: 20000 }],
		});
	});

	test('a conversation, compaction without threshold, a template without version and verbosity alone', async () => {
		const created = await (await fetch(`${server.url}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
		server.requests.length = 0;
		const { output } = await run({
			simplify: false,
			responseOptions: { conversation: ` ${created.id} `, compactContext: true, promptTemplate: { template: { id: 'pmpt_2', variables: '{}' } }, verbosity: 'high' },
		});
		expect(server.requests[0].body).toEqual({
			model: 'gpt-4o-mini',
			input: 'Hello',
			text: { verbosity: 'high' },
			conversation: created.id,
			prompt: { id: 'pmpt_2' },
			context_management: [{ type: 'compaction' }],
		});
		expect(output[0].json.conversation).toEqual({ id: created.id });
	});

	test('MCP servers: a URL server with everything, a connector with defaults, after the other tools', async () => {
		await run({
			builtInTools: { webSearch: 'low' },
			mcpServers: {
				server: [
					mcpServer({
						allowedTools: 'ask_question, read_wiki_structure',
						requireApproval: 'always',
						serverDescription: ' Docs of GitHub repositories ',
						authorization: AUTH_SECRET,
						headers: { header: [{ name: 'X-Api-Key', value: HEADER_SECRET }] },
					}),
					{ serverLabel: 'drive', connectorId: 'connector_gmail' },
				],
			},
		});
		expect(server.requests[0].body.tools).toEqual([
			{ type: 'web_search', search_context_size: 'low' },
			{
				type: 'mcp',
				server_label: 'deepwiki',
				server_url: 'https://mcp.deepwiki.com/mcp',
				authorization: AUTH_SECRET,
				allowed_tools: ['ask_question', 'read_wiki_structure'],
				require_approval: 'always',
				server_description: 'Docs of GitHub repositories',
				headers: { 'X-Api-Key': HEADER_SECRET },
			},
			{ type: 'mcp', server_label: 'drive', connector_id: 'connector_gmail', require_approval: 'never' },
		]);
	});

	test('MCP header values and the authorization never reach the output (the fake echoes the tools)', async () => {
		const { output } = await run({
			simplify: false,
			mcpServers: { server: [mcpServer({ authorization: AUTH_SECRET, headers: { header: [{ name: 'Authorization', value: `Bearer ${HEADER_SECRET}` }] } })] },
			responseOptions: { additionalBodyFields: JSON.stringify({ metadata: { note: HEADER_SECRET } }) },
		});
		expect(JSON.stringify(server.requests[0].body)).toContain(HEADER_SECRET);
		const text = JSON.stringify(output);
		expect(text).not.toContain(HEADER_SECRET);
		expect(text).not.toContain(AUTH_SECRET);
		expect(output[0].json.tools).toEqual([expect.objectContaining({ type: 'mcp', server_label: 'deepwiki' })]);
	});

	test('MCP secrets never reach an API error either, also for an MCP tool given in Function Tools (JSON)', async () => {
		server.on('POST', '/v1/responses', (req: { body: { tools: Array<{ headers?: Record<string, string>; authorization?: string }> } }) => ({
			status: 424,
			body: {
				error: {
					message: `MCP server refused headers ${JSON.stringify(req.body.tools[0].headers)} and token ${req.body.tools[0].authorization}`,
					type: 'invalid_request_error',
					param: 'tools',
					code: 'mcp_error',
				},
			},
			headers: {},
		}));
		// Version 2 keeps Function Tools (JSON) in the Options.
		const tool = { type: 'mcp', server_label: 'x', server_url: 'https://x.example/mcp', authorization: AUTH_SECRET, headers: { 'X-Key': HEADER_SECRET } };
		const error = await fails({ responseOptions: { functionTools: JSON.stringify([tool]) } });
		expect(error.message).toContain('MCP server refused');
		const text = JSON.stringify({ message: error.message, description: error.description, context: error.context, stack: error.stack });
		expect(text).not.toContain(HEADER_SECRET);
		expect(text).not.toContain(AUTH_SECRET);
	});

	test.each([
		['an MCP server without label', { mcpServers: { server: [mcpServer({ serverLabel: ' ' })] } }, "The field 'MCP Server 1: Server Label' is empty"],
		['an MCP label with spaces', { mcpServers: { server: [mcpServer({ serverLabel: 'deep wiki' })] } }, "MCP Server 1: the field 'Server Label' may hold only letters, digits, '-' and '_'"],
		['an MCP server without URL', { mcpServers: { server: [mcpServer(), mcpServer({ serverUrl: '' })] } }, "The field 'MCP Server 2: Server URL' is empty"],
		['an MCP URL that is no URL', { mcpServers: { server: [mcpServer({ serverUrl: 'mcp.example.com' })] } }, "MCP Server 1: the field 'Server URL' must be an http(s) URL"],
		['an MCP server with URL and connector', { mcpServers: { server: [mcpServer({ connectorId: 'connector_gmail' })] } }, "MCP Server 1: choose either 'Server URL' or 'Connector', not both"],
		['an MCP header without name', { mcpServers: { server: [mcpServer({ headers: { header: [{ name: '', value: HEADER_SECRET }] } })] } }, "MCP Server 1, header 1: the field 'Name' is empty"],
		['an MCP header name with a space', { mcpServers: { server: [mcpServer({ headers: { header: [{ name: 'X Key', value: 'v' }] } })] } }, "MCP Server 1, header 1: 'X Key' is not a valid header name"],
		['Conversation ID with Previous Response ID', { responseOptions: { conversation: 'conv_1', previousResponseId: 'resp_1' } }, "'Conversation ID' and 'Previous Response ID' cannot be used together"],
		['an empty Conversation ID', { responseOptions: { conversation: ' ' } }, "The field 'Conversation ID' is empty"],
		['a Safety Identifier over 64 characters', { responseOptions: { safetyIdentifier: 'x'.repeat(65) } }, "The field 'Safety Identifier' has more than 64 characters"],
		['Top Logprobs of 21', { responseOptions: { topLogprobs: 21 } }, "The field 'Top Logprobs' must be between 0 and 20 (got 21)"],
		['Top Logprobs as text', { responseOptions: { topLogprobs: 'abc' } }, "The field 'Top Logprobs' must be a number (got 'abc')"],
		['Max Tool Calls of 0', { responseOptions: { maxToolCalls: 0 } }, "The field 'Max Tool Calls' must be at least 1 (got 0)"],
		['Max Tool Calls of Infinity', { responseOptions: { maxToolCalls: Infinity } }, "The field 'Max Tool Calls' must be a number (got 'Infinity')"],
		['Compact Threshold below 1000', { responseOptions: { compactThreshold: 999 } }, "The field 'Compact Threshold' must be at least 1000 (got 999)"],
		['Compact Threshold with Compact Context off', { responseOptions: { compactContext: false, compactThreshold: 5000 } }, "'Compact Threshold' needs 'Compact Context' on"],
		['both tool choices', { responseOptions: { toolChoice: 'auto', toolChoiceJson: '{"type": "web_search"}' } }, "'Tool Choice (JSON)' and 'Tool Choice' cannot be used together"],
		['a Tool Choice (JSON) list', { responseOptions: { toolChoiceJson: '[]' } }, "Field 'Tool Choice (JSON)' must be a JSON object"],
		['a template without ID', { responseOptions: { promptTemplate: { template: { id: '', variables: '{}' } } } }, "The field 'Prompt ID' is empty"],
		['bad template variables', { responseOptions: { promptTemplate: { template: { id: 'pmpt_1', variables: '{"a": ' } } } }, "Invalid JSON in field 'Variables (JSON)'"],
	])('refuses %s before sending, naming the field and the item', async (_, parameters, message) => {
		const error = await fails(parameters);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Item 1 (index 0).');
		expect(server.requests).toHaveLength(0);
	});

	test('an OpenAI 400 (unknown conversation) and a 5xx retried; Continue On Fail keeps the other items', async () => {
		const error = await fails({ responseOptions: { conversation: 'conv_missing' } });
		expect(error.message).toContain("Conversation with id 'conv_missing' not found");
		server.requests.length = 0;
		server.queueFault({ status: 500, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'Boom', type: 'server_error' } } });
		const { output } = await run(
			{ responseOptions: (i: number) => ({ topLogprobs: i === 1 ? 30 : 2 }) },
			{ items: [{ json: {} }, { json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output.map((item) => item.json.error ?? item.json.status)).toEqual([
			'completed',
			"The field 'Top Logprobs' must be between 0 and 20 (got 30)",
			'completed',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(server.requests.map((r) => r.body?.top_logprobs)).toEqual([2, 2, 2]);
	});
});
