import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, textOf } from '../../helpers/checks';
import { mimeTypeFromFileName } from '../../helpers/mimeTypes';
import { isPdfContent, isZipContent, type InlineDocument } from '../../helpers/uploads';
import {
	BINARY_SOURCE,
	FILE_ID_SOURCE,
	fileWhere,
	filesField,
	readBinaryEntries,
	readFileEntries,
	readFileId,
	withExtension,
	type FileEntry,
} from '../chat/files';

/**
 * Documents as input for Response → Create (version 2): a "Files" list sent with the input, as input_file parts
 * of the last user message (a text input becomes one user message). See chat/files.ts for why it is a list of
 * its own.
 */

export const responseFileFields: INodeProperties[] = [
	filesField(
		'inputFiles',
		'Documents the model reads together with the input (the last user message): PDF, Word, PowerPoint, Excel, CSV, text, Markdown, HTML, JSON and code files',
		[BINARY_SOURCE, FILE_ID_SOURCE, { name: 'File URL', value: 'url', description: 'A public URL OpenAI downloads the file from' }],
		[
			{
				displayName: 'File URL',
				name: 'fileUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/report.pdf',
				description: 'The URL of the file; OpenAI fetches it',
				displayOptions: { show: { source: ['url'] } },
			},
		],
	),
];

/** Office files are ZIP archives: one that is not is not the file its name says. */
const ZIP_EXTENSIONS = new Set(['docx', 'xlsx', 'pptx']);
/** The other extensions OpenAI takes as file inputs (text extracted, spreadsheets summarised). */
const TEXT_EXTENSIONS = new Set([
	'doc', 'xls', 'rtf', 'odt', 'txt', 'md', 'markdown', 'html', 'htm', 'xml', 'json', 'jsonl', 'csv', 'tsv', 'iif', 'tex',
	'py', 'js', 'ts', 'java', 'c', 'cpp', 'h', 'hpp', 'cs', 'go', 'rb', 'php', 'sh', 'css', 'sql', 'yaml', 'yml',
]);
const TEXT_MIME = /^(text\/|application\/(json|xml|x-ndjson|jsonl)$)/;
const ACCEPTED = 'PDF, Word (.docx, .doc), PowerPoint (.pptx), Excel (.xlsx, .xls), CSV, TSV, text, Markdown, HTML, JSON, XML and code files';

/** The MIME type to send a binary document with, or the reason OpenAI would not take it. */
function documentType(document: InlineDocument): { mimeType: string } | { problem: string; hint: string } {
	const { upload, content } = document;
	const extension = /\.([A-Za-z0-9]+)$/.exec(upload.fileName)?.[1]?.toLowerCase() ?? '';
	const mimeType = upload.mimeType.split(';')[0].trim().toLowerCase();
	if (isPdfContent(content)) return { mimeType: 'application/pdf' };
	if (extension === 'pdf' || mimeType === 'application/pdf') {
		return { problem: 'is not a PDF: its content has no PDF header', hint: 'The file may be damaged or be another kind of file.' };
	}
	if (ZIP_EXTENSIONS.has(extension)) {
		if (isZipContent(content)) return { mimeType: mimeTypeFromFileName(upload.fileName) };
		return { problem: `is not a .${extension} file: its content is not a ZIP archive`, hint: 'The file may be damaged or be another kind of file.' };
	}
	if (TEXT_EXTENSIONS.has(extension) || TEXT_MIME.test(mimeType)) {
		const named = mimeTypeFromFileName(upload.fileName);
		return { mimeType: mimeType && mimeType !== 'application/octet-stream' ? mimeType : named === 'application/octet-stream' ? 'text/plain' : named };
	}
	if (mimeType.startsWith('image/')) {
		return { problem: 'is an image', hint: "Send images with a message's 'Image Binary Fields' (Input Type: Messages)." };
	}
	return { problem: 'is not a kind of file OpenAI takes as a file input', hint: `OpenAI takes ${ACCEPTED}.` };
}

function readFileUrl(context: IExecuteFunctions, itemIndex: number, entry: FileEntry, where: string): string {
	const text = textOf(entry.fileUrl).trim();
	if (text === '') throw fieldError(context, itemIndex, `The field 'File URL' (${where}) is empty`);
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw fieldError(context, itemIndex, `The field 'File URL' (${where}) is not an http(s) URL ('${text}')`);
	}
	return text;
}

/** The input_file parts of the Files list, checked before anything is sent. */
async function responseFileParts(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const entries = readFileEntries(context, itemIndex, 'inputFiles');
	if (entries.length === 0) return [];
	const documents = await readBinaryEntries(context, itemIndex, entries);
	return entries.map((entry, index): IDataObject => {
		const where = fileWhere(index);
		const source = entry.source ?? 'binary';
		if (source === 'url') return { type: 'input_file', file_url: readFileUrl(context, itemIndex, entry, where) };
		const document = documents.get(index);
		if (!document) return { type: 'input_file', file_id: readFileId(context, itemIndex, entry, where) };
		const type = documentType(document);
		if ('problem' in type) {
			const { fileName, mimeType } = document.upload;
			throw fieldError(
				context,
				itemIndex,
				`The file in 'Input Binary Field (${where})' ('${fileName}', MIME type '${mimeType}') ${type.problem}`,
				type.hint,
			);
		}
		const filename = type.mimeType === 'application/pdf' ? withExtension(document.upload.fileName, 'pdf') : document.upload.fileName;
		return { type: 'input_file', filename, file_data: `data:${type.mimeType};base64,${document.content.toString('base64')}` };
	});
}

/**
 * The input with the Files list (version 2) added: a text input becomes one user message with the text and the
 * files; in a list of messages the files join the last user message. Without files the input is unchanged.
 */
export async function withResponseFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	input: string | IDataObject[],
): Promise<string | IDataObject[]> {
	const parts = await responseFileParts(context, itemIndex);
	if (parts.length === 0) return input;
	if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'input_text', text: input }, ...parts] }];
	const at = input.map((message) => message.role).lastIndexOf('user');
	if (at < 0) {
		throw fieldError(context, itemIndex, "The field 'Files' needs a user message to go with: add one to 'Messages'");
	}
	const { content } = input[at];
	const kept = Array.isArray(content)
		? (content as IDataObject[])
		: textOf(content).trim() === ''
			? []
			: [{ type: 'input_text', text: textOf(content) }];
	const copy = [...input];
	copy[at] = { ...input[at], content: [...kept, ...parts] };
	return copy;
}
