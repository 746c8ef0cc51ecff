/**
 * Parses OpenAI's reset durations ("1s", "6m0s", "20ms", "1h2m3.5s"; a bare number is seconds) into
 * milliseconds. Returns undefined for anything else.
 */
export function parseResetDuration(value: string | null | undefined): number | undefined {
	if (value === null || value === undefined) return undefined;
	const text = value.trim().toLowerCase();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
	const part = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/y;
	let total = 0;
	let position = 0;
	while (position < text.length) {
		part.lastIndex = position;
		const match = part.exec(text);
		if (!match) return undefined;
		total += Number(match[1]) * unitMs[match[2]];
		position = part.lastIndex;
	}
	return total;
}

/** A header's count (remaining, limit); undefined when absent or not a number. */
export function parseCount(value: string | null): number | undefined {
	if (value === null || value.trim() === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}
