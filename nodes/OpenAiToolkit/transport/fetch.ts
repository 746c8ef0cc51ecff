/**
 * The fetch the SDK uses. It leaves retries and backoff to the SDK and only adds what the SDK cannot know:
 * - a 429 with code `insufficient_quota` is final (retrying cannot buy credit);
 * - a server's `retry-after` is honoured only while it fits the item's time (WaitPolicy): a longer wait makes the
 *   answer final, and the item fails with "OpenAI asked to wait N s" instead of stalling the run;
 * - redirects (redirects.ts): one attempt sends one request, and nothing ever goes to another origin;
 * - every attempt is reported to the request hooks (the rate limiter).
 */
import { asError } from './realm';
import { followRedirects } from './redirects';
import { retryAfterMs } from './retryAfter';

/** What a hook may see of a request before it is built: its JSON body and its fetch options (which it may extend). */
export interface PendingRequest {
	body?: unknown;
	fetchOptions?: unknown;
}

export interface RequestHooks {
	/**
	 * Called before each attempt (the first and every retry), before the SDK starts the attempt's timeout; may
	 * wait (e.g. for a rate-limit window to reset) and should reject when the signal aborts.
	 */
	beforeRequest?: (signal?: AbortSignal, request?: PendingRequest) => Promise<void>;
	/** Called when an attempt goes out on the network (with its fetch init); what it returns is handed to `afterResponse`. */
	beforeSend?: (init?: RequestInit) => number;
	/** Called with every response's status and headers (e.g. to read x-ratelimit-* headers). */
	afterResponse?: (headers: Headers, status: number, sendNumber?: number) => void;
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** How long a server may make a request wait before its retry; a longer wait fails the item. */
export interface WaitPolicy {
	maxWaitMs: number;
}

/** Set on an answer whose requested wait did not fit: the error mapper names the wait (errors.ts). */
export const WAIT_TOO_LONG_HEADER = 'x-openai-toolkit-wait-too-long';

// Node compiles its fetch implementation (undici) the first time Response, Headers or fetch is touched: a tenth
// of a second or more, once per process. n8n loads this module when it starts, so doing it here keeps that cost
// out of the first execution (n8n's own HTTP client, axios, is loaded at start too).
void globalThis.Response;

/**
 * The SDK probes whether a fetch can send the global FormData by building a `fetch.Response` from one (or, without
 * that property, by fetching a data: URL through it). Our fetch sends the global FormData in both modes, so the
 * probe gets the global Response and never goes through the hooks.
 */
export type ToolkitFetch = FetchLike & { Response: typeof Response };

export function createToolkitFetch(
	hooks: RequestHooks = {},
	baseFetch: FetchLike = globalThis.fetch,
	waitPolicy?: WaitPolicy,
): ToolkitFetch {
	const sendOnce: FetchLike = async (input, init) => {
		const sendNumber = hooks.beforeSend?.(init);
		let response: Response;
		try {
			response = await baseFetch(input, init);
		} catch (error) {
			// The SDK tells a timeout (AbortError) from other connection errors only for an `instanceof Error`.
			throw asError(error);
		}
		if (response.status === 429) response = await markQuotaErrorsFinal(response);
		if (waitPolicy) response = markLongWaitsFinal(response, waitPolicy);
		hooks.afterResponse?.(response.headers, response.status, sendNumber);
		return response;
	};
	const toolkitFetch: FetchLike = async (input, init) => await followRedirects(sendOnce, input, withoutBodyCopy(init));
	return Object.assign(toolkitFetch, { Response: globalThis.Response });
}

/**
 * A streamed request body (a file read from n8n's binary store while it is sent) must not be kept in memory.
 * With any redirect mode but "error", fetch sends a copy of the request whose body stream is tee'd, and the
 * original's branch, never read, queues every chunk until the response: the whole file ends up held after all.
 * A stream cannot be sent again to follow a redirect anyway (a 307/308 fails, a 301/302/303 would turn the
 * upload into a GET without the file), so such a request is sent with redirect "error".
 */
function withoutBodyCopy(init: RequestInit | undefined): RequestInit | undefined {
	const body = init?.body as { getReader?: unknown } | null | undefined;
	if (!body || typeof body.getReader !== 'function' || init?.redirect === 'error') return init;
	return { ...init, redirect: 'error' };
}

/** Statuses the SDK retries (its shouldRetry), where a `retry-after` decides how long it sleeps first. */
export function isRetriedStatus(status: number): boolean {
	return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The SDK sleeps as long as a retryable answer's `retry-after` says, however long. When that is longer than the
 * item may wait, the answer is made final (`x-should-retry: false`) and marked, so the item fails at once.
 */
function markLongWaitsFinal(response: Response, policy: WaitPolicy): Response {
	if (!isRetriedStatus(response.status) || response.headers.get('x-should-retry') === 'false') return response;
	const asked = retryAfterMs(response.headers);
	if (asked === undefined || asked <= policy.maxWaitMs) return response;
	const headers = new Headers(response.headers);
	headers.set('x-should-retry', 'false');
	headers.set(WAIT_TOO_LONG_HEADER, `${Number.isFinite(asked) ? Math.ceil(asked) : 'Infinity'};${policy.maxWaitMs}`);
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
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
