/**
 * The batch input file: one JSONL line per input item, and the plan that splits the lines over as few batches
 * as OpenAI's limits allow.
 */

/** OpenAI's limits for one batch input file. */
export interface BatchLimits {
	/** Requests per batch (for /v1/embeddings: embedding inputs across all requests). */
	maxRequests: number;
	/** Size of the JSONL file in bytes. */
	maxBytes: number;
}

/**
 * The limits Batch → Create plans with: 50,000 requests and 200 MB per file (counted as 200,000,000 bytes, the
 * stricter reading of "MB"). Exported as an object so that tests can plan with small limits
 * (`jest.replaceProperty`); `planBatches` reads it through its `limits` parameter.
 */
export const BATCH_LIMITS: BatchLimits = { maxRequests: 50_000, maxBytes: 200_000_000 };

/** One request of a batch, as OpenAI reads it from the input file. */
export interface BatchRequestLine {
	custom_id: string;
	method: 'POST';
	url: string;
	body: object;
}

/** A line ready to be written: which item it came from, its text and what it counts against the limits. */
export interface PreparedLine {
	itemIndex: number;
	url: string;
	/** The JSON text of the line, without the newline. */
	text: string;
	/** Bytes in the file, newline included. */
	bytes: number;
	/** What the line counts against `maxRequests`: 1, or the number of inputs of an embeddings request. */
	weight: number;
}

/** One batch to create: its endpoint and its lines, in input order. */
export interface PlannedBatch {
	url: string;
	lines: PreparedLine[];
	bytes: number;
	weight: number;
}

/** `custom_id` is the input item's index, so that every result line finds its way back. */
export function customIdFor(itemIndex: number): string {
	return String(itemIndex);
}

/** Endpoints as batch lines and the batch itself name them: `/v1/...`. */
export function normalizeEndpointUrl(url: string): string {
	const path = url.trim().replace(/^https?:\/\/[^/]+/i, '').replace(/^\/+/, '').replace(/^v1\//, '');
	return `/v1/${path}`;
}

/** One line of the JSONL, keys in OpenAI's documented order. */
export function toBatchRequestLine(itemIndex: number, url: string, body: object): BatchRequestLine {
	return { custom_id: customIdFor(itemIndex), method: 'POST', url: normalizeEndpointUrl(url), body };
}

/** How much an embeddings request counts: each of its inputs is one embedding. */
function weightOf(line: BatchRequestLine): number {
	if (line.url !== '/v1/embeddings') return 1;
	const input = (line.body as { input?: unknown }).input;
	if (!Array.isArray(input)) return 1;
	// A list of token IDs (numbers) is one input; a list of strings or of token lists is one input each.
	return input.length > 0 && typeof input[0] === 'number' ? 1 : Math.max(1, input.length);
}

export function prepareLine(itemIndex: number, url: string, body: object): PreparedLine {
	const line = toBatchRequestLine(itemIndex, url, body);
	const text = JSON.stringify(line);
	return { itemIndex, url: line.url, text, bytes: Buffer.byteLength(text, 'utf8') + 1, weight: weightOf(line) };
}

/** The file's content: every line followed by a newline. */
export function toJsonl(lines: PreparedLine[]): string {
	return lines.map((line) => `${line.text}\n`).join('');
}

/** Why a line cannot go into any batch (it alone passes a limit), or undefined when it fits. */
export function oversizeReason(line: PreparedLine, limits: BatchLimits = BATCH_LIMITS): string | undefined {
	if (line.bytes > limits.maxBytes) {
		return `The request is ${line.bytes} bytes, more than a whole batch file may have (${limits.maxBytes} bytes)`;
	}
	if (line.weight > limits.maxRequests) {
		return `The request has ${line.weight} inputs, more than a whole batch may have (${limits.maxRequests})`;
	}
	return undefined;
}

/**
 * Splits the lines into batches: one group per endpoint URL (a batch has one endpoint; Completion → Create
 * sends chat input to /v1/chat/completions), then, within a group, a new batch whenever the next line would
 * pass `maxRequests` or `maxBytes`. Lines keep their input order. Lines that alone pass a limit must have been
 * taken out before (`oversizeReason`); planning refuses them.
 */
export function planBatches(lines: PreparedLine[], limits: BatchLimits = BATCH_LIMITS): PlannedBatch[] {
	const groups = new Map<string, PreparedLine[]>();
	for (const line of lines) {
		const reason = oversizeReason(line, limits);
		if (reason) throw new Error(reason);
		const group = groups.get(line.url) ?? [];
		group.push(line);
		groups.set(line.url, group);
	}
	const batches: PlannedBatch[] = [];
	for (const [url, group] of groups) {
		let current: PlannedBatch | undefined;
		for (const line of group) {
			if (!current || current.bytes + line.bytes > limits.maxBytes || current.weight + line.weight > limits.maxRequests) {
				current = { url, lines: [], bytes: 0, weight: 0 };
				batches.push(current);
			}
			current.lines.push(line);
			current.bytes += line.bytes;
			current.weight += line.weight;
		}
	}
	return batches;
}
