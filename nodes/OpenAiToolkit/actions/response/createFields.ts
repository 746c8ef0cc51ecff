import type { INodeProperties } from 'n8n-workflow';

/**
 * Version 2's fields of Response → Create (added through actions/version2/additions.ts, read in body.ts with a
 * fallback, since version 1 has none): a hosted MCP tool and the request parameters version 1 reaches only
 * through Additional Body Fields.
 */

/** The MCP server connectors OpenAI offers (MCPTool.connector_id in the spec). */
const CONNECTORS: Array<[string, string]> = [
	['Dropbox', 'connector_dropbox'],
	['Gmail', 'connector_gmail'],
	['Google Calendar', 'connector_googlecalendar'],
	['Google Drive', 'connector_googledrive'],
	['Microsoft Teams', 'connector_microsoftteams'],
	['Outlook Calendar', 'connector_outlookcalendar'],
	['Outlook Email', 'connector_outlookemail'],
	['SharePoint', 'connector_sharepoint'],
];

/** Top-level: remote MCP servers (hosted by OpenAI's side of the call), one entry each. */
export const mcpServersField: INodeProperties = {
	displayName: 'MCP Servers',
	name: 'mcpServers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add MCP Server',
	default: {},
	description: 'Remote MCP servers whose tools the model may call; OpenAI calls them directly',
	options: [
		{
			displayName: 'Server',
			name: 'server',
			values: [
				{
					displayName: 'Server Label',
					name: 'serverLabel',
					type: 'string',
					default: '',
					placeholder: 'e.g. deepwiki',
					description: 'A name for the server, used in its tool calls',
				},
				{
					displayName: 'Server URL',
					name: 'serverUrl',
					type: 'string',
					default: '',
					placeholder: 'https://mcp.example.com/mcp',
					description: 'The address of the remote MCP server; leave empty when you choose a Connector',
				},
				{
					displayName: 'Connector',
					name: 'connectorId',
					type: 'options',
					options: [
						{ name: 'None (Use Server URL)', value: 'none' },
						...CONNECTORS.map(([name, value]) => ({ name, value })),
					],
					default: 'none',
					description: "One of OpenAI's connectors (Gmail, Google Drive, …) instead of a server URL",
				},
				{
					displayName: 'Authorization',
					name: 'authorization',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'An OAuth access token for the server or connector (never shown in the output)',
				},
				{
					displayName: 'Allowed Tools',
					name: 'allowedTools',
					type: 'string',
					default: '',
					placeholder: 'e.g. ask_question, read_wiki_structure',
					description: 'Only these tools of the server, separated by commas; empty means all of them',
				},
				{
					displayName: 'Approval',
					name: 'requireApproval',
					type: 'options',
					options: [
						{ name: 'Always', value: 'always', description: 'The response stops with an approval request for each call' },
						{ name: 'Never', value: 'never', description: 'The model calls the tools without asking' },
					],
					default: 'never',
					description: 'Whether a tool call waits for your approval (an mcp_approval_request in the output)',
				},
				{
					displayName: 'Server Description',
					name: 'serverDescription',
					type: 'string',
					default: '',
					description: 'What the server is for, to help the model choose it',
				},
				{
					displayName: 'Headers',
					name: 'headers',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Header',
					default: {},
					description: 'HTTP headers sent to the server, e.g. an API key (values never shown in the output)',
					options: [
						{
							displayName: 'Header',
							name: 'header',
							values: [
								{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. X-Api-Key' },
								{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '' },
							],
						},
					],
				},
			],
		},
	],
};

/** The IncludeEnum of the spec: extra data a response can carry. */
const INCLUDE_OPTIONS: Array<[string, string]> = [
	['Code Interpreter Outputs', 'code_interpreter_call.outputs'],
	['Computer Call Image URLs', 'computer_call_output.output.image_url'],
	['Encrypted Reasoning', 'reasoning.encrypted_content'],
	['File Search Results', 'file_search_call.results'],
	['Input Image URLs', 'message.input_image.image_url'],
	['Output Logprobs', 'message.output_text.logprobs'],
	['Web Search Results', 'web_search_call.results'],
	['Web Search Sources', 'web_search_call.action.sources'],
];

/** Into the Options collection (responseOptions). */
export const createOptionFields: INodeProperties[] = [
	{
		displayName: 'Compact Context',
		name: 'compactContext',
		type: 'boolean',
		default: true,
		description: 'Whether OpenAI compacts the conversation when it grows long (context management)',
	},
	{
		displayName: 'Compact Threshold',
		name: 'compactThreshold',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 100000,
		description: 'Compact the conversation once it has this many tokens (at least 1000). Turns on Compact Context.',
	},
	{
		displayName: 'Conversation ID',
		name: 'conversation',
		type: 'string',
		default: '',
		placeholder: 'conv_abc123',
		description:
			"The conversation this response belongs to: its items come before the input, and the input and answer are added to it. Not together with 'Previous Response ID'.",
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		options: INCLUDE_OPTIONS.map(([name, value]) => ({ name, value })),
		default: [],
		description: 'Extra data the response carries',
	},
	{
		displayName: 'Max Tool Calls',
		name: 'maxToolCalls',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'The most calls to built-in and MCP tools in one response, all tools together',
	},
	{
		displayName: 'Prompt Cache Key',
		name: 'promptCacheKey',
		type: 'string',
		default: '',
		description: 'A key that groups similar requests, so that OpenAI can reuse its cache for them',
	},
	{
		displayName: 'Prompt Cache Retention',
		name: 'promptCacheRetention',
		type: 'options',
		options: [
			{ name: 'In Memory', value: 'in_memory', description: 'A few minutes (the default)' },
			{ name: '24 Hours', value: '24h', description: 'Extended caching, up to a day' },
		],
		default: 'in_memory',
		description: 'How long OpenAI keeps the cached prompt',
	},
	{
		displayName: 'Prompt Template',
		name: 'promptTemplate',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Prompt Template',
		description: 'A prompt saved in the OpenAI dashboard, with values for its variables',
		options: [
			{
				displayName: 'Template',
				name: 'template',
				values: [
					{ displayName: 'Prompt ID', name: 'id', type: 'string', default: '', placeholder: 'pmpt_abc123' },
					{
						displayName: 'Version',
						name: 'version',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2',
						description: 'Empty means the current version',
					},
					{
						displayName: 'Variables (JSON)',
						name: 'variables',
						type: 'json',
						default: '{}',
						description: 'Values for the variables in the prompt, e.g. <code>{"customer_name": "Jane"}</code>',
					},
				],
			},
		],
	},
	{
		displayName: 'Safety Identifier',
		name: 'safetyIdentifier',
		type: 'string',
		default: '',
		placeholder: 'user-1234',
		description: 'A stable ID of your end user (at most 64 characters, e.g. a hash), which helps OpenAI detect abuse',
	},
	{
		displayName: 'Tool Choice (JSON)',
		name: 'toolChoiceJson',
		type: 'json',
		default: '{"type": "function", "name": "get_weather"}',
		description:
			"Force one tool or restrict the tools, as OpenAI documents tool_choice, e.g. <code>{\"type\": \"mcp\", \"server_label\": \"deepwiki\"}</code>. Not together with 'Tool Choice'.",
	},
	{
		displayName: 'Top Logprobs',
		name: 'topLogprobs',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 0,
		description: "How many of the likeliest tokens to return at each position (0–20). Needs Include → 'Output Logprobs'.",
	},
	{
		displayName: 'Verbosity',
		name: 'verbosity',
		type: 'options',
		options: [
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'High', value: 'high' },
		],
		default: 'medium',
		description: 'How long and detailed the answer is',
	},
];
