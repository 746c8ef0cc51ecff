import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type {
	ChatCompletionContentPart,
	ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

import { fieldError, textOf } from '../../helpers/checks';
import { binaryImageDataUrl } from '../../helpers/dataUrl';
import { parseJsonParameter } from '../../helpers/json';
import { withChatFiles } from './files';

/**
 * The chat message editor, defined once: Chat → Create Completion and Completion → Create ("Chat Messages"
 * input) show these fields and build their `messages` with `buildMessages`.
 */

/** OpenAI's rule for a participant name. */
export const MESSAGE_NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

const ROLES = ['system', 'developer', 'user', 'assistant'] as const;
type EditorRole = (typeof ROLES)[number];
/** Roles a mapped conversation may also carry (tool results, from an earlier tool call). */
const JSON_ROLES = new Set<string>([...ROLES, 'tool', 'function']);

export const messagesFields: INodeProperties[] = [
	{
		displayName: 'Messages Input',
		name: 'messagesInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Add the messages one by one, each with its role, content, name and images',
			},
			{
				name: 'JSON',
				value: 'json',
				description: "A list of messages in the API's own shape, typed or mapped from an earlier node",
			},
		],
		default: 'defineBelow',
		description: 'How the conversation is given',
	},
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { values: [{ role: 'user', content: '' }] },
		description: 'The conversation so far, oldest message first',
		displayOptions: { show: { messagesInput: ['defineBelow'] } },
		options: [
			{
				displayName: 'Message',
				name: 'values',
				values: [
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{ name: 'Assistant', value: 'assistant', description: 'An earlier answer of the model' },
							{
								name: 'Developer',
								value: 'developer',
								description: 'Instructions the model follows whatever the user says (replaces System for o1 and newer models)',
							},
							{ name: 'System', value: 'system', description: 'Instructions that set the behaviour of the model' },
							{ name: 'User', value: 'user', description: 'A message from the end user' },
						],
						default: 'user',
						description: 'Who wrote this message',
					},
					{
						displayName: 'Content',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
						placeholder: 'e.g. Summarize the following text in one sentence: …',
						description: 'The text of the message',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Anna_Berg',
						hint: 'Optional. Letters, digits and underscores only, at most 64 characters: no spaces.',
						description: 'A name for the author, to tell participants with the same role apart',
					},
					{
						displayName: 'Images',
						name: 'images',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Image',
						default: {},
						description: 'Images the model should look at together with the text (vision models only)',
						displayOptions: { show: { role: ['user'] } },
						options: [
							{
								displayName: 'Image',
								name: 'image',
								values: [
									{
										displayName: 'Source',
										name: 'source',
										type: 'options',
										options: [
											{ name: 'Image URL', value: 'url', description: 'A public https:// URL, or a data: URL' },
											{ name: 'Binary Field', value: 'binary', description: 'An image in a binary field of the input item' },
										],
										default: 'url',
										description: 'Where the image comes from',
									},
									{
										displayName: 'Image URL',
										name: 'url',
										type: 'string',
										default: '',
										placeholder: 'https://example.com/photo.jpg',
										description: 'The URL of the image; OpenAI fetches it',
										displayOptions: { show: { source: ['url'] } },
									},
									{
										displayName: 'Input Binary Field',
										name: 'binaryPropertyName',
										type: 'string',
										default: 'data',
										placeholder: 'data',
										hint: 'The name of the input binary field holding the image; it is sent as a data URL',
										description: 'Name of the binary property of the input item that holds the image',
										displayOptions: { show: { source: ['binary'] } },
									},
									{
										displayName: 'Detail',
										name: 'detail',
										type: 'options',
										options: [
											{ name: 'Auto', value: 'auto', description: 'Let the model decide' },
											{ name: 'High', value: 'high', description: 'Look closely; costs more tokens' },
											{ name: 'Low', value: 'low', description: 'A 512 px overview; fast and cheap' },
										],
										default: 'auto',
										description: 'How closely the model looks at the image',
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Messages (JSON)',
		name: 'messagesJson',
		type: 'json',
		default: '[\n  {"role": "system", "content": "You are a helpful assistant."},\n  {"role": "user", "content": "Hello!"}\n]',
		description:
			'A JSON list of messages, each with "role" and "content" (and optionally "name"), as the chat completions API takes them. Map a conversation kept by an earlier node with an expression.',
		displayOptions: { show: { messagesInput: ['json'] } },
	},
];

interface EditorImage {
	source?: 'url' | 'binary';
	url?: string;
	binaryPropertyName?: string;
	detail?: 'auto' | 'low' | 'high';
}

interface EditorMessage {
	role?: string;
	content?: unknown;
	name?: unknown;
	images?: { image?: EditorImage[] };
}

function checkName(context: IExecuteFunctions, itemIndex: number, name: unknown, where: string): string | undefined {
	if (name === undefined || name === null) return undefined;
	const text = String(name).trim();
	if (text === '') return undefined;
	if (!MESSAGE_NAME_PATTERN.test(text)) {
		throw fieldError(
			context,
			itemIndex,
			`${where}: the field 'Name' ('${text}') may only contain letters, digits and underscores, at most 64 characters`,
			'Replace spaces and other characters with underscores, or leave the name empty.',
		);
	}
	return text;
}

async function imagePart(
	context: IExecuteFunctions,
	itemIndex: number,
	image: EditorImage,
	where: string,
): Promise<ChatCompletionContentPart> {
	const detail = image.detail ?? 'auto';
	let url: string;
	if ((image.source ?? 'url') === 'binary') {
		url = await binaryImageDataUrl(context, itemIndex, String(image.binaryPropertyName ?? 'data'), where);
	} else {
		url = String(image.url ?? '').trim();
		if (url === '') throw fieldError(context, itemIndex, `${where}: the field 'Image URL' is empty`);
	}
	return { type: 'image_url', image_url: { url, detail } };
}

async function fromEditor(
	context: IExecuteFunctions,
	itemIndex: number,
	entries: EditorMessage[],
): Promise<ChatCompletionMessageParam[]> {
	const messages: ChatCompletionMessageParam[] = [];
	for (const [index, entry] of entries.entries()) {
		const where = `Message ${index + 1}`;
		const role = (entry.role ?? 'user') as EditorRole;
		if (!ROLES.includes(role)) {
			throw fieldError(context, itemIndex, `${where}: the field 'Role' must be one of ${ROLES.join(', ')} (got '${role}')`);
		}
		const content = textOf(entry.content);
		const name = checkName(context, itemIndex, entry.name, where);
		const images = role === 'user' ? (entry.images?.image ?? []) : [];
		if (content.trim() === '' && images.length === 0) {
			throw fieldError(context, itemIndex, `${where}: the field 'Content' is empty`);
		}
		const named = name ? { name } : {};
		if (images.length > 0) {
			const parts: ChatCompletionContentPart[] = content.trim() === '' ? [] : [{ type: 'text', text: content }];
			for (const [imageIndex, image] of images.entries()) {
				parts.push(await imagePart(context, itemIndex, image, `${where}, image ${imageIndex + 1}`));
			}
			messages.push({ role: 'user', content: parts, ...named });
		} else {
			messages.push({ role, content, ...named } as ChatCompletionMessageParam);
		}
	}
	return messages;
}

function fromJson(context: IExecuteFunctions, itemIndex: number, value: unknown): ChatCompletionMessageParam[] {
	const field = 'Messages (JSON)';
	const parsed = parseJsonParameter(context, value, field, itemIndex);
	if (!Array.isArray(parsed)) {
		throw fieldError(
			context,
			itemIndex,
			`The field '${field}' must be a JSON list of messages`,
			'Expected something like [{"role": "user", "content": "Hello"}].',
		);
	}
	for (const [index, message] of parsed.entries()) {
		const where = `Message ${index + 1} of '${field}'`;
		if (typeof message !== 'object' || message === null || Array.isArray(message)) {
			throw fieldError(context, itemIndex, `${where} is not an object`);
		}
		const { role, name } = message as IDataObject;
		if (typeof role !== 'string' || !JSON_ROLES.has(role)) {
			throw fieldError(
				context,
				itemIndex,
				`${where}: 'role' must be one of ${[...JSON_ROLES].join(', ')} (got ${JSON.stringify(role ?? null)})`,
			);
		}
		checkName(context, itemIndex, name, where);
	}
	return parsed as ChatCompletionMessageParam[];
}

/** The `messages` of a chat completion from the editor (or the JSON field), checked before sending. */
export async function buildMessages(context: IExecuteFunctions, itemIndex: number): Promise<ChatCompletionMessageParam[]> {
	const mode = context.getNodeParameter('messagesInput', itemIndex, 'defineBelow') as string;
	const messages =
		mode === 'json'
			? fromJson(context, itemIndex, context.getNodeParameter('messagesJson', itemIndex, '[]'))
			: await fromEditor(
					context,
					itemIndex,
					context.getNodeParameter('messages.values', itemIndex, []) as EditorMessage[],
				);
	if (messages.length === 0) {
		throw fieldError(context, itemIndex, "The field 'Messages' is empty: add at least one message");
	}
	// Version 2's Files list (Chat → Create Completion only) joins the last user message.
	return await withChatFiles(context, itemIndex, messages);
}
