// A streaming multipart/form-data reader for the fake server's big request bodies (a 200 MB upload in the
// memory benchmark): text fields are kept, file parts are only measured as they stream past (bytes, lines, a
// SHA-256 and the first bytes), so the fake server never holds a big upload in memory.
'use strict';

const crypto = require('node:crypto');

const HEAD_BYTES = 1024;
const MAX_FIELD_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!match) throw new Error(`multipart body without a boundary: ${contentType}`);
	return (match[1] ?? match[2]).trim();
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const disposition = headers['content-disposition'] ?? '';
	const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
	const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
	return { name, filename, type: headers['content-type'] ?? (filename !== undefined ? 'application/octet-stream' : undefined) };
}

/**
 * Returns { write(chunk), finish() }. finish() gives the fields the way the fake server's small-body parser
 * does, except that a file is { filename, type, size, lines, sha256, head, content: undefined, streamed: true }.
 */
function createMultipartCounter(contentType) {
	// Every delimiter is "\r\n--boundary"; the body's first one has no CRLF before it, so one is pretended.
	const delimiter = Buffer.from(`\r\n--${boundaryOf(contentType)}`);
	const fields = {};
	let pending = Buffer.from('\r\n');
	let state = 'preamble'; // preamble → afterDelimiter → headers → body → afterDelimiter … → done
	let part;

	const addField = (name, value) => {
		if (name in fields) fields[name] = [].concat(fields[name], value);
		else fields[name] = value;
	};
	const startPart = (headerText) => {
		const { name, filename, type } = parseHeaders(headerText);
		part =
			filename !== undefined
				? { name, file: { filename, type, size: 0, lines: 0, sha256: undefined, head: Buffer.alloc(0), content: undefined, streamed: true }, hash: crypto.createHash('sha256'), last: undefined }
				: { name, text: [], textBytes: 0 };
	};
	const partData = (bytes) => {
		if (bytes.length === 0) return;
		if (part.file) {
			const file = part.file;
			file.size += bytes.length;
			part.hash.update(bytes);
			if (file.head.length < HEAD_BYTES) file.head = Buffer.concat([file.head, bytes.subarray(0, HEAD_BYTES - file.head.length)]);
			for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) file.lines++;
			part.last = bytes[bytes.length - 1];
		} else if (part.textBytes < MAX_FIELD_BYTES) {
			part.text.push(bytes);
			part.textBytes += bytes.length;
		}
	};
	const endPart = () => {
		if (part.file) {
			// A last line without a newline still counts.
			if (part.file.size > 0 && part.last !== NEWLINE) part.file.lines++;
			part.file.sha256 = part.hash.digest('hex');
			addField(part.name, part.file);
		} else {
			addField(part.name, Buffer.concat(part.text).toString('utf8'));
		}
		part = undefined;
	};

	const step = () => {
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = pending.indexOf(delimiter);
				if (at === -1) {
					// Keep what could be the start of a delimiter split over two chunks.
					const keep = Math.min(pending.length, delimiter.length - 1);
					if (state === 'body') partData(pending.subarray(0, pending.length - keep));
					pending = pending.subarray(pending.length - keep);
					return;
				}
				if (state === 'body') {
					partData(pending.subarray(0, at));
					endPart();
				}
				pending = pending.subarray(at + delimiter.length);
				state = 'afterDelimiter';
			} else if (state === 'afterDelimiter') {
				if (pending.length < 2) return;
				if (pending[0] === 0x2d && pending[1] === 0x2d) {
					state = 'done';
					return;
				}
				pending = pending.subarray(2); // "\r\n"
				state = 'headers';
			} else if (state === 'headers') {
				const end = pending.indexOf('\r\n\r\n');
				if (end === -1) return;
				startPart(pending.subarray(0, end).toString('utf8'));
				pending = pending.subarray(end + 4);
				state = 'body';
			} else {
				return;
			}
		}
	};

	return {
		write(chunk) {
			if (state === 'done') return;
			pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
			step();
		},
		finish() {
			if (state !== 'done') fields.parseError = `multipart body ended in state '${state}'`;
			return fields;
		},
	};
}

module.exports = { createMultipartCounter };
