/**
 * The node's one redirect policy, for every request it sends (both fetches under it are told never to follow a
 * redirect themselves):
 * - one attempt sends one request: an answered request is never sent again to follow a redirect, except a GET or
 *   HEAD, which has no body and no effect;
 * - nothing goes to another origin: not the key, not the organization or project header, not the user's own
 *   headers, not the body. A redirect there fails the item with a message naming the status and the origin;
 * - at most MAX_REDIRECTS hops.
 * A refused redirect becomes a final (never retried) error answer, so the SDK reports it like any API error.
 */
import type { FetchLike } from './fetch';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function urlOf(input: string | URL | Request): URL | undefined {
	try {
		return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
	} catch {
		return undefined;
	}
}

/** A final error answer in OpenAI's error shape, with the redirect's status. */
function refused(status: number, message: string): Response {
	const body = JSON.stringify({ error: { message, type: 'redirect_refused', code: 'redirect_refused', param: null } });
	return new Response(body, {
		status,
		headers: { 'content-type': 'application/json', 'x-should-retry': 'false' },
	});
}

/** What Node's fetch throws for a redirect under `redirect: 'error'` (a streamed upload). */
function isRedirectError(error: unknown): boolean {
	const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause;
	return error instanceof TypeError && /redirect/i.test(String(cause?.message ?? ''));
}

async function dropBody(response: Response): Promise<void> {
	await response.body?.cancel().catch(() => undefined);
}

export async function followRedirects(
	send: FetchLike,
	input: string | URL | Request,
	init: RequestInit | undefined,
): Promise<Response> {
	const start = urlOf(input);
	const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
	const streamed = init?.redirect === 'error';
	const requestInit: RequestInit = streamed ? { ...init } : { ...init, redirect: 'manual' };
	let current: string | URL | Request = input;
	let currentUrl = start;
	for (let hops = 0; ; hops++) {
		// A fetch error other than a refused redirect is handed on as it came (the SDK maps it).
		const response = await send(current, requestInit).catch((error: unknown) => {
			if (streamed && isRedirectError(error)) {
				return refused(502, 'The server answered an upload with a redirect. The node does not send a file again to follow it.');
			}
			return Promise.reject(error);
		});
		const location = response.headers.get('location');
		if (!REDIRECT_STATUSES.has(response.status) || !location || !start || !currentUrl) return response;
		await dropBody(response);
		let target: URL;
		try {
			target = new URL(location, currentUrl);
		} catch {
			return refused(response.status, `The server answered HTTP ${response.status} with a redirect to an invalid address. The node did not follow it.`);
		}
		if (target.origin !== start.origin) {
			return refused(
				response.status,
				`The server answered HTTP ${response.status} with a redirect to another origin (${target.origin}). The node does not follow redirects to another origin and sent nothing there. Check the Base URL of the credential.`,
			);
		}
		if (method !== 'GET' && method !== 'HEAD') {
			return refused(
				response.status,
				`The server answered the ${method} request with HTTP ${response.status}, a redirect to ${target.pathname}. The node does not send a request again to follow a redirect. Check the Base URL of the credential.`,
			);
		}
		if (hops >= MAX_REDIRECTS) {
			return refused(response.status, `The server redirected more than ${MAX_REDIRECTS} times. The node stopped following.`);
		}
		current = target.href;
		currentUrl = target;
	}
}
