import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import { fieldError, textOf } from '../../helpers/checks';
import { formatBytes, isPdfContent, readInlineDocument, type InlineDocument } from '../../helpers/uploads';

/**
 * Documents as input (version 2): a "Files" list sent with the last user message. It is a field of its own, not
 * part of each message, because version 2's additions cannot reach into a fixed collection's entries, and a list
 * inside a message would be a third level of nesting. Response → Create has the same list (response/files.ts).
 */

/** OpenAI's limit for a file input, per file and for all files of one request together. */
export const MAX_INPUT_FILE_BYTES = 50 * 1024 * 1024;

/** One entry of a Files list, as n8n hands it over. */
export interface FileEntry {
	source?: string;
	binaryPropertyName?: unknown;
	fileName?: unknown;
	fileId?: unknown;
	fileUrl?: unknown;
}

const binaryFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		placeholder: 'data',
		hint: 'The name of the input binary field holding the file',
		description: 'Name of the binary property of the input item that holds the file. At most 50 MB.',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. report.pdf',
		description: "The name the model sees for the file, instead of the binary data's own name",
		displayOptions: { show: { source: ['binary'] } },
	},
];

const fileIdField: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	default: '',
	placeholder: 'file-abc123',
	description: 'The ID of a file uploaded with File → Upload (purpose User Data or Assistants)',
	displayOptions: { show: { source: ['fileId'] } },
};

/** The Files list of an operation: `sources` are its Source options, `extra` fields follow the shared ones. */
export function filesField(
	name: string,
	description: string,
	sources: Array<{ name: string; value: string; description: string }>,
	extra: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Files',
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File',
		default: {},
		description,
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: sources,
						default: 'binary',
						description: 'Where the file comes from',
					},
					...binaryFields,
					fileIdField,
					...extra,
				],
			},
		],
	};
}

export const BINARY_SOURCE = { name: 'Binary Field', value: 'binary', description: 'A file in a binary field of the input item' };
export const FILE_ID_SOURCE = { name: 'File ID', value: 'fileId', description: 'A file already uploaded to OpenAI' };

export const chatFileFields: INodeProperties[] = [
	filesField(
		'messageFiles',
		'PDF documents the model reads together with the last user message (sent with their file names). Chat Completions takes PDF files only; use Response → Create for other documents.',
		[BINARY_SOURCE, FILE_ID_SOURCE],
	),
];

/** The entries of a Files list; none for version 1, which has no such field. */
export function readFileEntries(context: IExecuteFunctions, itemIndex: number, parameter: string): FileEntry[] {
	const value = context.getNodeParameter(parameter, itemIndex, {}) as { file?: FileEntry[] } | undefined;
	return Array.isArray(value?.file) ? value.file : [];
}

/** Where an entry is, for error messages: "Files, file 2". */
export const fileWhere = (index: number) => `Files, file ${index + 1}`;

/** A file ID entry's ID, refused when empty. */
export function readFileId(context: IExecuteFunctions, itemIndex: number, entry: FileEntry, where: string): string {
	const id = textOf(entry.fileId).trim();
	if (id === '') throw fieldError(context, itemIndex, `The field 'File ID' (${where}) is empty`);
	return id;
}

/**
 * Reads the binary files of a Files list whole, each at most 50 MB and together at most 50 MB, every size checked
 * before the next file is read. Returns them by entry index.
 */
export async function readBinaryEntries(
	context: IExecuteFunctions,
	itemIndex: number,
	entries: FileEntry[],
): Promise<Map<number, InlineDocument>> {
	const documents = new Map<number, InlineDocument>();
	let total = 0;
	for (const [index, entry] of entries.entries()) {
		if ((entry.source ?? 'binary') !== 'binary') continue;
		const document = await readInlineDocument(context, itemIndex, textOf(entry.binaryPropertyName ?? 'data'), {
			fieldDisplayName: `Input Binary Field (${fileWhere(index)})`,
			fileName: textOf(entry.fileName),
			maxBytes: MAX_INPUT_FILE_BYTES,
			limitLabel: "OpenAI's limit per file input",
		});
		total += document.content.length;
		if (total > MAX_INPUT_FILE_BYTES) {
			throw fieldError(
				context,
				itemIndex,
				`The files in 'Files' add up to ${formatBytes(total)} by ${fileWhere(index)}, over OpenAI's limit of ${formatBytes(MAX_INPUT_FILE_BYTES)} per request`,
				'Send fewer or smaller files, or upload them with File → Upload and give their File IDs.',
			);
		}
		documents.set(index, document);
	}
	return documents;
}

/** A name with an extension: OpenAI tells a file's format by it. */
export function withExtension(fileName: string, extension: string): string {
	return /\.[A-Za-z0-9]+$/.test(fileName) ? fileName : `${fileName}.${extension}`;
}

/** The file content parts of Chat → Create Completion's Files list, checked before anything is sent. */
async function chatFileParts(context: IExecuteFunctions, itemIndex: number): Promise<ChatCompletionContentPart[]> {
	const entries = readFileEntries(context, itemIndex, 'messageFiles');
	if (entries.length === 0) return [];
	const documents = await readBinaryEntries(context, itemIndex, entries);
	return entries.map((entry, index): ChatCompletionContentPart => {
		const document = documents.get(index);
		if (!document) return { type: 'file', file: { file_id: readFileId(context, itemIndex, entry, fileWhere(index)) } };
		const { upload, content } = document;
		if (!isPdfContent(content)) {
			throw fieldError(
				context,
				itemIndex,
				`The file in 'Input Binary Field (${fileWhere(index)})' ('${upload.fileName}', MIME type '${upload.mimeType}') is not a PDF`,
				'Chat Completions takes only PDF files (checked by their content). Send other documents with Response → Create, or their text as message content.',
			);
		}
		const filename = withExtension(upload.fileName, 'pdf');
		return { type: 'file', file: { file_data: `data:application/pdf;base64,${content.toString('base64')}`, filename } };
	});
}

/**
 * Adds the Files list (version 2) to the last user message: its text becomes a text part, followed by the files.
 * Without files the messages are returned unchanged.
 */
export async function withChatFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	messages: ChatCompletionMessageParam[],
): Promise<ChatCompletionMessageParam[]> {
	const parts = await chatFileParts(context, itemIndex);
	if (parts.length === 0) return messages;
	const at = messages.map((message) => message.role).lastIndexOf('user');
	if (at < 0) {
		throw fieldError(context, itemIndex, "The field 'Files' needs a user message to go with: add one to 'Messages'");
	}
	const message = messages[at] as Extract<ChatCompletionMessageParam, { role: 'user' }>;
	const text = typeof message.content === 'string' ? message.content : undefined;
	const content: ChatCompletionContentPart[] =
		text === undefined ? [...(message.content as ChatCompletionContentPart[])] : text.trim() === '' ? [] : [{ type: 'text', text }];
	const copy = [...messages];
	copy[at] = { ...message, content: [...content, ...parts] };
	return copy;
}
