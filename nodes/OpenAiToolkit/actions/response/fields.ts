import type { INodeProperties } from 'n8n-workflow';

import { additionalBodyFieldsOption, modelField } from '../../helpers/fields';
import {
	metadataOption,
	reasoningEffortOption,
	serviceTierOption,
	structuredOutputFields,
	type StructuredOutputSpec,
} from '../../helpers/modelOptions';
import { temperatureOption, topPOption } from '../../helpers/textOptions';
import { MIN_POLL_SECONDS, waitFields, type WaitFieldSpec } from '../../helpers/wait';

/** Response saves its structured output under 'textFormat' (the API's text.format). */
export const responseTextFormat: StructuredOutputSpec = { formatName: 'textFormat', formatDisplayName: 'Output Format' };

/**
 * Every field of a Responses API request, without display options: Response → Create shows them, and
 * Batch → Create shows the same fields for its `/v1/responses` endpoint and builds each line with
 * `buildResponseBody`.
 */
/** A Responses input message's Role and Content, shared by Response → Create and Conversation → Create / Item → Add. */
export const responseMessageFields: INodeProperties[] = [
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{ name: 'Assistant', value: 'assistant', description: 'An earlier answer of the model' },
			{ name: 'Developer', value: 'developer', description: 'Instructions that take priority over user messages' },
			{ name: 'System', value: 'system', description: 'Instructions (older name of Developer)' },
			{ name: 'User', value: 'user', description: 'What the user says' },
		],
		default: 'user',
		description: 'Who says the message',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'The text of the message',
	},
];

export const responseFields: INodeProperties[] = [
	modelField({ kind: 'chat', defaultModel: 'gpt-4o-mini' }),
	{
		displayName: 'Input Type',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'One text prompt' },
			{ name: 'Messages', value: 'messages', description: 'A conversation of messages, with images in user messages' },
		],
		default: 'text',
		description: 'Whether the input is one text or a list of messages',
	},
	{
		displayName: 'Input',
		name: 'inputText',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Write a haiku about the sea',
		description: 'The text the model responds to',
		displayOptions: { show: { inputMode: ['text'] } },
	},
	{
		displayName: 'Messages',
		name: 'inputMessages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { message: [{ role: 'user', content: '' }] },
		description: 'The conversation, oldest message first',
		displayOptions: { show: { inputMode: ['messages'] } },
		options: [
			{
				displayName: 'Message',
				name: 'message',
				values: [
					...responseMessageFields,
					{
						displayName: 'Image URLs',
						name: 'imageUrls',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/photo.jpg',
						description: 'Images the model looks at (user messages only): URLs, separated by commas or new lines',
					},
					{
						displayName: 'Image Binary Fields',
						name: 'imageBinaryProperties',
						type: 'string',
						default: '',
						placeholder: 'data',
						hint: 'Names of binary fields of the input item holding images, separated by commas',
						description: 'Images from the input item (user messages only), sent inline as data URLs',
					},
					{
						displayName: 'Image Detail',
						name: 'imageDetail',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto' },
							{ name: 'High', value: 'high' },
							{ name: 'Low', value: 'low' },
						],
						default: 'auto',
						description: 'How closely the model looks at the images (low is cheaper)',
					},
				],
			},
		],
	},
	{
		displayName: 'Instructions',
		name: 'instructions',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Answer in French, in at most two sentences',
		description:
			'A system (developer) message put first. Not carried over when the response continues a previous response.',
	},
	{
		displayName: 'Built-in Tools',
		name: 'builtInTools',
		type: 'collection',
		placeholder: 'Add Tool',
		default: {},
		description: "OpenAI's own tools the model may use while it answers",
		options: [
			{
				displayName: 'Code Interpreter',
				name: 'codeInterpreter',
				type: 'boolean',
				default: true,
				description: 'Whether the model may write and run Python code in a sandbox (an automatic container)',
			},
			{
				displayName: 'Code Interpreter File IDs',
				name: 'codeInterpreterFileIds',
				type: 'string',
				default: '',
				placeholder: 'file-abc123, file-def456',
				description: 'Uploaded files the code can read, separated by commas. Needs Code Interpreter.',
			},
			{
				displayName: 'File Search Max Results',
				name: 'fileSearchMaxResults',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 10,
				description: 'The most search results the file search returns (1–50)',
			},
			{
				displayName: 'File Search Vector Store IDs',
				name: 'fileSearchVectorStoreIds',
				type: 'string',
				default: '',
				placeholder: 'vs_abc123',
				description: 'Turns on file search over these vector stores (IDs separated by commas)',
			},
			{
				displayName: 'Web Search',
				name: 'webSearch',
				type: 'options',
				options: [
					{ name: 'On (High Context)', value: 'high' },
					{ name: 'On (Low Context)', value: 'low' },
					{ name: 'On (Medium Context)', value: 'medium' },
				],
				default: 'medium',
				description: 'Turns on web search; the context size sets how much of the pages the model reads',
			},
		],
	},
	{
		displayName: 'Function Tools (JSON)',
		name: 'functionTools',
		type: 'json',
		default: '[]',
		description:
			'Your own functions the model may call, as a JSON list: <code>[{"type": "function", "name": "get_weather", "parameters": {…}}]</code>. The Chat Completions shape (<code>{"type": "function", "function": {…}}</code>) is converted. Any other tool object is sent as it is.',
		hint: 'The model answers with function_call items; run the function and send its output back with Previous Response ID',
	},
	...structuredOutputFields(responseTextFormat),
	{
		displayName: 'Options',
		name: 'responseOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Max Output Tokens',
				name: 'maxOutputTokens',
				type: 'number',
				typeOptions: { minValue: 16 },
				default: 1024,
				description: 'The most tokens the response may have, reasoning tokens included (at least 16)',
			},
			metadataOption('response', '{"customer": "acme"}'),
			{
				displayName: 'Parallel Tool Calls',
				name: 'parallelToolCalls',
				type: 'boolean',
				default: true,
				description: 'Whether the model may call several tools at once',
			},
			{
				displayName: 'Previous Response ID',
				name: 'previousResponseId',
				type: 'string',
				default: '',
				placeholder: 'resp_abc123',
				description: 'Continue the conversation of this stored response (it must have been created with Store on)',
			},
			reasoningEffortOption,
			{
				displayName: 'Reasoning Summary',
				name: 'reasoningSummary',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Concise', value: 'concise' },
					{ name: 'Detailed', value: 'detailed' },
				],
				default: 'auto',
				description: 'Whether reasoning models add a summary of their reasoning to the output',
			},
			serviceTierOption,
			{
				displayName: 'Store',
				name: 'store',
				type: 'boolean',
				default: true,
				description:
					'Whether OpenAI keeps the response so that it can be retrieved or continued with Previous Response ID. Background mode needs it on.',
			},
			temperatureOption,
			{
				displayName: 'Tool Choice',
				name: 'toolChoice',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: 'The model decides' },
					{ name: 'None', value: 'none', description: 'No tool is called' },
					{ name: 'Required', value: 'required', description: 'At least one tool is called' },
				],
				default: 'auto',
				description: 'Whether the model must, may or must not call tools',
			},
			topPOption,
			{
				displayName: 'Truncation',
				name: 'truncation',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: 'Drop the oldest input when the context window is full' },
					{ name: 'Disabled', value: 'disabled', description: 'Fail when the input is too long' },
				],
				default: 'disabled',
				description: 'What happens when the conversation no longer fits the context window',
			},
		],
	},
];

/** How Response → Create waits in background mode (tests lower the minimums to poll every millisecond). */
export const backgroundWaitSpec: WaitFieldSpec = {
	intervalName: 'pollInterval',
	timeoutName: 'waitTimeout',
	intervalDefault: 5,
	timeoutDefault: 60,
	subject: 'the background response',
	displayOptions: { show: { background: [true] } },
	intervalMin: MIN_POLL_SECONDS,
	timeoutMin: 1,
	timeoutNote: 'The response keeps running at OpenAI.',
};

/** Background mode: only for Response → Create (a batch runs in the background anyway). */
export const responseBackgroundFields: INodeProperties[] = [
	{
		displayName: 'Background',
		name: 'background',
		type: 'boolean',
		default: false,
		description:
			'Whether to run the response in the background: OpenAI answers at once with a queued response and the node polls it until it completes, fails, is cancelled or stops incomplete. For long reasoning tasks that would outlast an HTTP request.',
	},
	...waitFields(backgroundWaitSpec),
];
