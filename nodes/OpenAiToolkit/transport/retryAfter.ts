/**
 * The one reader of a server's request to wait (`retry-after-ms`, `retry-after` in seconds or as an HTTP date),
 * and the error an item fails with when that wait does not fit: a hostile or broken server must not be able to
 * stall a run by asking for an hour.
 */

/** How long a server may make one item wait (retry or rate-limit pause) unless Max Wait says otherwise. */
export const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * Milliseconds the server asked to wait, read exactly as the SDK reads it before a retry (`parseFloat` of
 * `retry-after-ms`, else of `retry-after` in seconds, else `retry-after` as an HTTP date), so that what we bound
 * is what the SDK would wait. Undefined when nothing readable was asked; never negative; may be Infinity.
 */
export function retryAfterMs(headers: Pick<Headers, 'get'> | undefined | null, now: number = Date.now()): number | undefined {
	if (!headers) return undefined;
	let asked: number | undefined;
	const milliseconds = headers.get('retry-after-ms');
	if (milliseconds) {
		const value = parseFloat(milliseconds);
		if (!Number.isNaN(value)) asked = value;
	}
	const after = headers.get('retry-after');
	if (after && !asked) {
		const seconds = parseFloat(after);
		asked = Number.isNaN(seconds) ? Date.parse(after) - now : seconds * 1000;
	}
	if (asked === undefined || Number.isNaN(asked)) return undefined;
	return Math.max(0, asked);
}

/** The message an item fails with when the server asks for a wait longer than the item may wait. */
export function waitTooLongMessage(waitMs: number, allowedMs: number): string {
	const asked = Math.ceil(waitMs / 1000);
	const allowed = Math.max(0, Math.floor(allowedMs / 1000));
	return `OpenAI asked to wait ${asked} s, longer than this item may wait (${allowed} s). Raise Max Wait or Timeout in Request Options to wait longer.`;
}

/** Thrown (and never retried) when a requested wait does not fit the item's time. */
export class WaitTooLongError extends Error {
	readonly waitMs: number;

	constructor(waitMs: number, allowedMs: number) {
		super(waitTooLongMessage(waitMs, allowedMs));
		this.name = 'WaitTooLongError';
		this.waitMs = waitMs;
	}
}
