/**
 * The fetch the SDK uses. It leaves retries, backoff and `retry-after` handling to the SDK and only adds what
 * the SDK cannot know: a 429 with code `insufficient_quota` is final (retrying cannot buy credit).
 */
export interface RequestHooks {
	/** Called before each attempt; may wait (e.g. for a rate-limit window to reset). */
	beforeRequest?: (signal?: AbortSignal) => Promise<void>;
	/** Called with every response's headers (e.g. to read x-ratelimit-* headers). */
	afterResponse?: (headers: Headers) => void;
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createToolkitFetch(hooks: RequestHooks = {}, baseFetch: FetchLike = globalThis.fetch): FetchLike {
	return async (input, init) => {
		await hooks.beforeRequest?.(init?.signal ?? undefined);
		const response = await baseFetch(input, init);
		hooks.afterResponse?.(response.headers);
		if (response.status !== 429) return response;
		return markQuotaErrorsFinal(response);
	};
}

async function markQuotaErrorsFinal(response: Response): Promise<Response> {
	const text = await response.text();
	let code: unknown;
	try {
		code = (JSON.parse(text) as { error?: { code?: unknown } })?.error?.code;
	} catch {
		code = undefined;
	}
	const headers = new Headers(response.headers);
	if (code === 'insufficient_quota') headers.set('x-should-retry', 'false');
	return new Response(text, { status: response.status, statusText: response.statusText, headers });
}
