/**
 * The node's one scrubber. Every string that leaves the node — output items, error messages and descriptions,
 * OpenAI's error code, param, type and request ID, an error's context and cause — goes through it at the exit
 * (actions/router.ts, helpers/errors.ts). A hostile or broken server can echo the key anywhere; the user's
 * execution data, logs and shared workflows must never hold it.
 *
 * It removes each secret wherever it appears, also cut short (a prefix of at least MIN_PREFIX characters, as an
 * error message quoting the first characters of a body would show it), and any `Bearer …` value.
 */
export const REDACTED = '[redacted]';

/** The shortest run of a secret's first characters that is redacted on its own. */
const MIN_PREFIX = 8;
/** Secrets shorter than this are not looked for: they would redact ordinary words. */
const MIN_SECRET = 4;
const BEARER = /Bearer\s+[A-Za-z0-9._\-~+/=]{8,}/gi;

function usable(secrets: readonly string[]): string[] {
	return secrets.filter((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET);
}

/** How many characters of `secret` match `text` at `at` (0 when not even its first MIN_PREFIX do). */
function matchLength(text: string, at: number, secret: string): number {
	const probeLength = Math.min(MIN_PREFIX, secret.length);
	let length = 0;
	while (length < secret.length && at + length < text.length && text[at + length] === secret[length]) length++;
	return length >= probeLength ? length : 0;
}

/**
 * Replaces, from left to right, the longest run of any secret (or of its first characters) found at each
 * place. All secrets are looked for at once: two secrets that start alike (`mcp-e2e-header-…`, `mcp-e2e-oauth-…`)
 * must not leave the rest of one behind after a prefix of the other was redacted.
 */
function redactSecrets(text: string, secrets: readonly string[]): string {
	const probes = secrets.map((secret) => secret.slice(0, Math.min(MIN_PREFIX, secret.length)));
	let out = '';
	let from = 0;
	for (;;) {
		let at = -1;
		for (const probe of probes) {
			const found = text.indexOf(probe, from);
			if (found !== -1 && (at === -1 || found < at)) at = found;
		}
		if (at === -1) return out + text.slice(from);
		const length = Math.max(...secrets.map((secret) => matchLength(text, at, secret)));
		out += text.slice(from, at) + REDACTED;
		from = at + Math.max(length, 1);
	}
}

/** A text with every secret (or a prefix of one) and any bearer token replaced by "[redacted]". */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
	if (typeof text !== 'string' || text === '') return text;
	const out = redactSecrets(text, usable(secrets));
	return /bearer/i.test(out) ? out.replace(BEARER, `Bearer ${REDACTED}`) : out;
}

function needsScrub(text: string, probes: readonly string[]): boolean {
	for (const probe of probes) if (text.includes(probe)) return true;
	return /bearer/i.test(text);
}

/**
 * Scrubs every string in a JSON-like value, object keys included. Copy on write: what holds no secret is
 * returned as it is (the same object), so input data that an operation passed through is never changed in place.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
	const list = usable(secrets);
	const probes = list.map((secret) => secret.slice(0, Math.min(MIN_PREFIX, secret.length)));
	const active = new Set<object>();
	const visit = (current: unknown): unknown => {
		if (typeof current === 'string') return needsScrub(current, probes) ? scrubSecrets(current, list) : current;
		if (current === null || typeof current !== 'object' || active.has(current)) return current;
		// Binary contents and typed arrays hold no text to scrub.
		if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer || current instanceof Date) return current;
		active.add(current);
		try {
			if (Array.isArray(current)) {
				let copy: unknown[] | undefined;
				for (let i = 0; i < current.length; i++) {
					const item: unknown = current[i];
					if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) continue;
					const scrubbed = visit(item);
					if (scrubbed !== item) (copy ??= current.slice())[i] = scrubbed;
				}
				return copy ?? current;
			}
			const record = current as Record<string, unknown>;
			let copy: Record<string, unknown> | undefined;
			for (const key of Object.keys(record)) {
				const scrubbedKey = needsScrub(key, probes) ? scrubSecrets(key, list) : key;
				const item = record[key];
				const scrubbed = visit(item);
				if (scrubbedKey === key && scrubbed === item) continue;
				copy ??= { ...record };
				if (scrubbedKey !== key) delete copy[key];
				copy[scrubbedKey] = scrubbed;
			}
			return copy ?? current;
		} finally {
			active.delete(current);
		}
	};
	return visit(value) as T;
}
