/** What `pollUntil` needs: how to fetch the current state, when it is final, and how long to keep asking. */
export interface PollOptions<T> {
	/** Fetches the current state (e.g. retrieves the batch). */
	fetch: () => Promise<T>;
	/** True when the state is final and polling stops. */
	isDone: (value: T) => boolean;
	/** Pause between two fetches, in milliseconds. */
	intervalMs: number;
	/** How long to keep polling, in milliseconds, before giving up with `onTimeout`. */
	timeoutMs: number;
	/** The error thrown when the time is up; gets the last state seen. */
	onTimeout: (last: T) => Error;
	/** Stops waiting at once when aborted (the n8n execution was cancelled). */
	signal?: AbortSignal;
	/** The error thrown when the signal aborts; a PollingAbortedError by default. */
	onAbort?: () => Error;
	/** A state already known (e.g. what the create call returned): checked before the first fetch. */
	initial?: T;
	/** Called with every state seen, e.g. for logging progress. */
	onProgress?: (value: T) => void;
}

/** The error polling ends with when the execution is cancelled. */
export class PollingAbortedError extends Error {
	constructor(message = 'Stopped waiting: the execution was cancelled') {
		super(message);
		this.name = 'PollingAbortedError';
	}
}

/** Waits `ms` milliseconds, or less if the signal aborts (then rejects). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new PollingAbortedError();
	if (ms <= 0) return;
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(new PollingAbortedError());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Fetches a state again and again, `intervalMs` apart, until `isDone` says it is final, the time is up
 * (`onTimeout`), or the signal aborts (PollingAbortedError). Returns the final state.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
	const intervalMs = Math.max(0, options.intervalMs);
	const deadline = Date.now() + Math.max(0, options.timeoutMs);
	const aborted = () => options.onAbort?.() ?? new PollingAbortedError();
	let current: T | undefined = options.initial;
	if (current !== undefined) {
		options.onProgress?.(current);
		if (options.isDone(current)) return current;
	}
	for (;;) {
		if (current !== undefined) {
			if (Date.now() + intervalMs >= deadline) throw options.onTimeout(current);
			// sleep only rejects when the signal aborts.
			const slept = await sleep(intervalMs, options.signal).then(
				() => true,
				() => false,
			);
			if (!slept) throw aborted();
		} else if (options.signal?.aborted) {
			throw aborted();
		}
		current = await options.fetch();
		options.onProgress?.(current);
		if (options.isDone(current)) return current;
	}
}
