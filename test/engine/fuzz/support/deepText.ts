/**
 * Everything a value carries as one text, to search for the API key: own properties (enumerable or not) of
 * objects and errors — message, stack, description, context, cause, messages, errorResponse — Map and Set
 * entries, and binary data decoded from base64. JSON.stringify would miss an Error's message and its cause.
 */
export function deepText(value: unknown): string {
	const parts: string[] = [];
	const seen = new WeakSet<object>();
	const visit = (current: unknown, depth: number): void => {
		if (depth > 60) return;
		if (current === null || current === undefined) return;
		if (typeof current === 'string') {
			parts.push(current);
			return;
		}
		if (typeof current !== 'object') {
			if (typeof current !== 'function') parts.push(String(current));
			return;
		}
		if (seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current) || current instanceof Uint8Array) {
			parts.push(Buffer.from(current).toString('utf8'));
			return;
		}
		if (current instanceof Map || current instanceof Set) {
			for (const entry of current) visit(entry, depth + 1);
			return;
		}
		for (const key of Object.getOwnPropertyNames(current)) {
			let inner: unknown;
			try {
				inner = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			parts.push(key);
			visit(inner, depth + 1);
		}
	};
	visit(value, 0);
	return parts.join('\n');
}
