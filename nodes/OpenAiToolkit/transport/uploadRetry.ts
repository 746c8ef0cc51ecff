/**
 * Retries for requests whose body streams a file. The SDK does not retry such a request (it cannot read the
 * stream twice), so here each attempt builds its uploads afresh and the stream is opened again. The policy is the
 * SDK's own (which statuses, x-should-retry, exponential backoff), and a server's retry-after is honoured only
 * while it fits the item's time, exactly as for every other request (transport/fetch.ts): a longer wait fails
 * the item with WaitTooLongError instead of stalling the run or being quietly replaced by a shorter one.
 */
import { APIConnectionError, APIError, APIUserAbortError, type Uploadable } from 'openai';
import type { RequestOptions } from 'openai/internal/request-options';

import { abortError, sleep } from './abort';
import { allowedWaitMs } from './client';
import { isRetriedStatus } from './fetch';
import { retryAfterMs, WaitTooLongError } from './retryAfter';

/**
 * Request options for a request whose body streams a file. fetch (undici) clones a request so that it can follow
 * redirects, and cloning tees a streamed body: the branch nobody reads keeps every chunk, so a 200 MB upload would
 * end up whole in memory. A streamed body cannot be sent to a redirect target anyway, so redirects are refused.
 */
export const STREAMED_UPLOAD_REQUEST_OPTIONS: RequestOptions = { fetchOptions: { redirect: 'error' } };

/** What the retry needs to know: an OperationContext has it all. */
export interface UploadRetryContext {
	client: { maxRetries: number; timeout?: number };
	cancelSignal?: AbortSignal;
	/** Longest wait a server may ask for before a retry; DEFAULT_MAX_WAIT_MS when not given. Never above the timeout. */
	maxWaitMs?: number;
}

/** One upload that can be sent again: BinaryUpload (helpers/uploads.ts) is one. */
export interface ResendableUpload {
	file: Uploadable;
	toUploadable(): Promise<Uploadable>;
}

function isRetryable(error: unknown): boolean {
	if (error instanceof APIUserAbortError) return false;
	if (error instanceof APIConnectionError) return true;
	if (!(error instanceof APIError) || !error.status) return false;
	// transport/fetch.ts marks an answer whose wait did not fit with x-should-retry: false, so it ends here too.
	const shouldRetry = error.headers?.get('x-should-retry');
	if (shouldRetry === 'false') return false;
	if (shouldRetry === 'true') return true;
	return isRetriedStatus(error.status);
}

export function allowedUploadWaitMs(ctx: UploadRetryContext): number {
	return allowedWaitMs({ maxWaitMs: ctx.maxWaitMs, timeoutMs: ctx.client.timeout ?? Infinity });
}

/** The wait before the next attempt: the server's, when it asked and it fits; the SDK's backoff otherwise. */
function retryDelayMs(error: unknown, attempt: number, allowedMs: number): number {
	const asked = retryAfterMs(error instanceof APIError ? error.headers : undefined);
	if (asked === undefined) return Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25);
	if (asked > allowedMs) throw Object.assign(new WaitTooLongError(asked, allowedMs), { cause: error });
	return asked;
}

/**
 * Sends a request that carries uploads, retrying like the client would. `makeUploads` builds them for each
 * attempt; `send` gets the request options to pass to the SDK call as its second argument
 * (STREAMED_UPLOAD_REQUEST_OPTIONS: without them fetch keeps a copy of every chunk, the whole file).
 */
export async function sendWithUploads<U, T>(
	ctx: UploadRetryContext,
	makeUploads: () => Promise<U>,
	send: (uploads: U, requestOptions: RequestOptions) => Promise<T>,
): Promise<T> {
	const maxRetries = ctx.client.maxRetries ?? 2;
	const allowedMs = allowedUploadWaitMs(ctx);
	for (let attempt = 0; ; attempt++) {
		const uploads = await makeUploads();
		const outcome = await send(uploads, STREAMED_UPLOAD_REQUEST_OPTIONS).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if (!('error' in outcome)) return outcome.value;
		if (ctx.cancelSignal?.aborted) throw abortError();
		// The caller (the router) turns the SDK's error into the n8n error the user sees.
		if (attempt >= maxRetries || !isRetryable(outcome.error)) throw outcome.error;
		await sleep(retryDelayMs(outcome.error, attempt, allowedMs), ctx.cancelSignal);
	}
}

/** `sendWithUploads` for one upload: `send` gets a fresh `file` value on every attempt. */
export async function sendUpload<T>(
	ctx: UploadRetryContext,
	upload: ResendableUpload,
	send: (file: Uploadable, requestOptions: RequestOptions) => Promise<T>,
): Promise<T> {
	let first = true;
	return await sendWithUploads(
		ctx,
		async () => {
			if (first) {
				first = false;
				return upload.file;
			}
			return await upload.toUploadable();
		},
		async (file, requestOptions) => await send(file, requestOptions),
	);
}
