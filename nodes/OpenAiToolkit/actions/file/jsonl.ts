import { StringDecoder } from 'node:string_decoder';

/** The first thing wrong with a JSONL file, by line number (1-based). */
export interface JsonlProblem {
	line: number;
	message: string;
}

export interface JsonlReport {
	/** The lines that hold an entry (blank lines at the end not counted). */
	lines: number;
	bytes: number;
	problem?: JsonlProblem;
}

/** What a line must be beyond valid JSON; returns what is wrong with it, or undefined. */
export type JsonlLineCheck = (value: unknown) => string | undefined;

/**
 * A fine-tuning example: a JSON object with a non-empty `messages` list (supervised and reinforcement), or with
 * `input.messages` (DPO's preference format).
 */
export const fineTuningExampleCheck: JsonlLineCheck = (value) => {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
	const entry = value as { messages?: unknown; input?: { messages?: unknown } };
	const messages = entry.messages ?? entry.input?.messages;
	if (messages === undefined) return "has no 'messages'";
	if (!Array.isArray(messages) || messages.length === 0) return "has a 'messages' that is not a non-empty list";
	return undefined;
};

/**
 * Reads a JSONL file line by line as its chunks arrive (a 200 MB file is never one string) and returns the first
 * bad line: one that is not JSON, fails `check`, or is blank with entries after it. Stops reading at that line.
 */
export async function checkJsonl(chunks: AsyncIterable<Buffer>, check?: JsonlLineCheck): Promise<JsonlReport> {
	const decoder = new StringDecoder('utf8');
	let rest = '';
	let lineNumber = 0;
	let entries = 0;
	let bytes = 0;
	let firstBlank: number | undefined;

	const inspect = (raw: string): JsonlProblem | undefined => {
		lineNumber++;
		let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		if (text.trim() === '') {
			firstBlank ??= lineNumber;
			return undefined;
		}
		if (firstBlank !== undefined) return { line: firstBlank, message: 'is blank' };
		entries++;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			return { line: lineNumber, message: `is not valid JSON (${(error as Error).message})` };
		}
		const wrong = check?.(value);
		return wrong ? { line: lineNumber, message: wrong } : undefined;
	};

	for await (const chunk of chunks) {
		bytes += chunk.length;
		rest += decoder.write(chunk);
		let start = 0;
		for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
			const problem = inspect(rest.slice(start, end));
			if (problem) return { lines: entries, bytes, problem };
			start = end + 1;
		}
		rest = rest.slice(start);
	}
	rest += decoder.end();
	if (rest !== '') {
		const problem = inspect(rest);
		if (problem) return { lines: entries, bytes, problem };
	}
	if (entries === 0) return { lines: 0, bytes, problem: { line: 1, message: 'is missing: the file has no entries' } };
	return { lines: entries, bytes };
}
