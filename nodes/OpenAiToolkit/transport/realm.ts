/**
 * What was thrown, as an Error of this realm. Node's fetch runs in a realm of its own under some hosts (a vm
 * sandbox such as jest's), so its errors — a timeout's AbortError, a broken JSON answer's SyntaxError — are not
 * `instanceof Error` here; the SDK and the router tell errors apart by that. The copy keeps name, message and cause.
 */
export function asError(error: unknown): Error {
	if (error instanceof Error) return error;
	if (typeof error !== 'object' || error === null) return new Error(String(error));
	const { name, message, cause } = error as { name?: unknown; message?: unknown; cause?: unknown };
	const copy = new Error(typeof message === 'string' ? message : String(error), { cause });
	if (typeof name === 'string') copy.name = name;
	return copy;
}
