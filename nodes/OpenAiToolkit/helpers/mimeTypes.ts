/**
 * File extensions and MIME types of the files OpenAI takes and gives back, in both directions: the type to give a
 * downloaded file, the extension to give an upload whose name has none (OpenAI often tells formats apart by it).
 */

/** Extension → MIME type. */
const MIME_BY_EXTENSION: Record<string, string> = {
	jsonl: 'application/jsonl',
	json: 'application/json',
	txt: 'text/plain',
	md: 'text/markdown',
	csv: 'text/csv',
	tsv: 'text/tab-separated-values',
	html: 'text/html',
	xml: 'application/xml',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	zip: 'application/zip',
	py: 'text/x-python',
	js: 'text/javascript',
	ts: 'text/x-typescript',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	mpga: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	ogg: 'audio/ogg',
	opus: 'audio/opus',
	aac: 'audio/aac',
	m4a: 'audio/mp4',
	mp4: 'video/mp4',
	webm: 'audio/webm',
	pcm: 'audio/pcm',
};

/** Extensions for MIME types that have several names or whose extension is not their subtype. */
const EXTENSION_BY_MIME: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'image/jpeg': 'jpg',
	'text/plain': 'txt',
	'application/x-ndjson': 'jsonl',
	'text/markdown': 'md',
	'text/javascript': 'js',
	'text/x-python': 'py',
};

/** The MIME type for a file name, from its extension; application/octet-stream when unknown. */
export function mimeTypeFromFileName(fileName: string): string {
	const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
	return (extension && MIME_BY_EXTENSION[extension]) || 'application/octet-stream';
}

/** The usual extension of a MIME type, or undefined when there is none we know. */
export function extensionFromMimeType(mimeType: string): string | undefined {
	const type = mimeType.split(';')[0].trim().toLowerCase();
	if (EXTENSION_BY_MIME[type]) return EXTENSION_BY_MIME[type];
	const known = Object.entries(MIME_BY_EXTENSION).find(([, mime]) => mime === type);
	return known?.[0];
}
