import { APIUserAbortError } from 'openai';

/** The error every wait of ours ends with when the execution is cancelled (the SDK's own, so it maps alike). */
export function abortError(): APIUserAbortError {
	return new APIUserAbortError({ message: 'Request was aborted: the execution was cancelled.' });
}

/** Waits `ms` milliseconds; rejects at once with an abort error when `signal` aborts (before or during). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return Promise.reject(abortError());
	return new Promise((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, Math.max(0, ms));
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Settles like `promise`, or rejects at once with an abort error when `signal` aborts first. The SDK sleeps
 * between retries on a timer it does not let go of: this lets an item end the moment the execution is
 * cancelled; the retry it was waiting for is never sent (the SDK checks the same signal before sending).
 */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return promise;
	if (signal.aborted) {
		promise.catch(() => undefined);
		return Promise.reject(abortError());
	}
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(abortError());
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}
