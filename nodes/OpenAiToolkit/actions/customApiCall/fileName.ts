/**
 * The file name of a response that is not JSON, from its Content-Disposition header (RFC 6266): `filename*`
 * (RFC 8187, percent-encoded UTF-8) first, then `filename`, then a `filename*` that cannot be decoded (a
 * malformed percent escape) as it came, then the last segment of the request path, then "response". The request
 * has already succeeded: a name is never a reason to fail it. Only the last path segment of a name is kept.
 */

function unquote(value: string): string {
	const trimmed = value.trim();
	if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
		return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
	}
	return trimmed;
}

/** The value of one parameter of the header (`name=value` or `name="value"`), or undefined. */
function parameter(disposition: string, name: string): string | undefined {
	const escaped = name.replace(/\*/g, '\\*');
	const match = new RegExp(`(?:^|;)\\s*${escaped}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|[^;]*)`, 'i').exec(disposition);
	return match ? unquote(match[1]) : undefined;
}

/** `charset'language'percent-encoded`: decoded, or undefined with the encoded part as it came when it cannot be. */
function decodeExtended(value: string): { decoded?: string; raw: string } {
	const parts = /^([^']*)'[^']*'(.*)$/.exec(value);
	const raw = parts ? parts[2] : value;
	try {
		return { decoded: decodeURIComponent(raw), raw };
	} catch {
		return { raw };
	}
}

/** A name to store the file under: its last path segment, without control characters; undefined when blank. */
function usable(name: string | undefined): string | undefined {
	if (name === undefined) return undefined;
	const base = name.split(/[/\\]/).pop() ?? '';
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return clean === '' || clean === '.' || clean === '..' ? undefined : clean;
}

export function responseFileName(disposition: string | null, path: string, fallback = 'response'): string {
	const header = disposition ?? '';
	const extendedValue = parameter(header, 'filename*');
	const extended = extendedValue === undefined ? undefined : decodeExtended(extendedValue);
	const fromHeader = usable(extended?.decoded) ?? usable(parameter(header, 'filename')) ?? usable(extended?.raw);
	if (fromHeader) return fromHeader;
	let lastSegment: string | undefined;
	try {
		lastSegment = new URL(path, 'http://x').pathname.split('/').filter(Boolean).pop();
	} catch {
		lastSegment = undefined;
	}
	return usable(lastSegment) ?? fallback;
}
