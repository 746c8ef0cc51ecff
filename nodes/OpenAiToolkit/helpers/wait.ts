/**
 * The one way the node waits for work that runs on at OpenAI (a fine-tuning job, a batch, a background response):
 * the poll interval and timeout fields, their reader (bounded like every number), and the polling loop. The one
 * abortable sleep underneath is transport/abort.ts's.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sleep } from '../transport/abort';
import { readNumber } from './checks';

/** Longest wait any operation allows: a batch may take 24 hours, a fine-tuning job longer; a week bounds both. */
export const MAX_WAIT_MINUTES = 7 * 24 * 60;
/** Shortest poll interval: OpenAI's status endpoints are not for busy loops. */
export const MIN_POLL_SECONDS = 1;
export const MAX_POLL_SECONDS = 3600;
/** Shortest timeout: a few milliseconds, enough for one look at work that has already ended. */
export const MIN_TIMEOUT_MINUTES = 0.001;

/** The names and defaults of one operation's wait fields (names differ between operations; saved workflows keep them). */
export interface WaitFieldSpec {
	intervalName: string;
	timeoutName: string;
	/** Seconds. */
	intervalDefault: number;
	/** Minutes. */
	timeoutDefault: number;
	/** What is waited for, in the descriptions: "the job", "the batch", "the background response". */
	subject: string;
	displayOptions?: IDisplayOptions;
	/** Shortest poll interval the field takes, in seconds (default MIN_POLL_SECONDS). */
	intervalMin?: number;
	/** Shortest timeout the field takes, in minutes (default MIN_TIMEOUT_MINUTES). */
	timeoutMin?: number;
	/** Extra sentence for the timeout field, e.g. what happens at OpenAI after a timeout. */
	timeoutNote?: string;
}

export const POLL_INTERVAL_LABEL = 'Poll Interval (Seconds)';
export const WAIT_TIMEOUT_LABEL = 'Timeout (Minutes)';

/** The poll interval and timeout fields of an operation that waits. */
export function waitFields(spec: WaitFieldSpec): INodeProperties[] {
	const intervalMin = spec.intervalMin ?? MIN_POLL_SECONDS;
	return [
		{
			displayName: POLL_INTERVAL_LABEL,
			name: spec.intervalName,
			type: 'number',
			typeOptions: { minValue: intervalMin, maxValue: MAX_POLL_SECONDS, numberPrecision: 3 },
			default: spec.intervalDefault,
			description: `How long to wait between two checks of ${spec.subject}`,
			...(spec.displayOptions ? { displayOptions: spec.displayOptions } : {}),
		},
		{
			displayName: WAIT_TIMEOUT_LABEL,
			name: spec.timeoutName,
			type: 'number',
			typeOptions: { minValue: spec.timeoutMin ?? MIN_TIMEOUT_MINUTES, maxValue: MAX_WAIT_MINUTES, numberPrecision: 3 },
			default: spec.timeoutDefault,
			description: [`How long to wait for ${spec.subject} at most before the item fails.`, spec.timeoutNote]
				.filter(Boolean)
				.join(' '),
			...(spec.displayOptions ? { displayOptions: spec.displayOptions } : {}),
		},
	];
}

export interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
}

/**
 * Reads an operation's wait fields with their ranges: NaN, Infinity, an empty value or one out of range fails
 * the item, naming the field, before anything is sent.
 */
export function readWait(context: IExecuteFunctions, itemIndex: number, spec: WaitFieldSpec): WaitSettings {
	const intervalSeconds = readNumber(context, itemIndex, spec.intervalName, spec.intervalDefault, POLL_INTERVAL_LABEL, {
		min: spec.intervalMin ?? MIN_POLL_SECONDS,
		max: MAX_POLL_SECONDS,
	});
	const timeoutMinutes = readNumber(context, itemIndex, spec.timeoutName, spec.timeoutDefault, WAIT_TIMEOUT_LABEL, {
		min: spec.timeoutMin ?? MIN_TIMEOUT_MINUTES,
		max: MAX_WAIT_MINUTES,
	});
	// At least 1 ms: pollUntil refuses a zero interval.
	return {
		intervalMs: Math.max(1, Math.round(intervalSeconds * 1000)),
		timeoutMs: Math.round(timeoutMinutes * 60_000),
	};
}

const partialOutputs = new WeakMap<Error, INodeExecutionData[]>();

/**
 * Marks an error as coming after output the item had already collected (the events of a job followed until
 * the timeout): under Continue On Fail the router outputs those items before the error item, so they are not
 * lost with the failure.
 */
export function withPartialOutput<E extends Error>(error: E, items: INodeExecutionData[]): E {
	if (items.length) partialOutputs.set(error, items);
	return error;
}

/** The items an error was marked with by withPartialOutput (none for any other error). */
export function partialOutputOf(error: unknown): INodeExecutionData[] {
	return error instanceof Error ? (partialOutputs.get(error) ?? []) : [];
}

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
	/** The error thrown when the signal aborts; the transport's abort error by default. */
	onAbort?: () => Error;
	/** A state already known (e.g. what the create call returned): checked before the first fetch. */
	initial?: T;
	/** Called with every state seen, e.g. for logging progress. */
	onProgress?: (value: T) => void;
}

/**
 * Fetches a state again and again, `intervalMs` apart, until `isDone` says it is final, the time is up
 * (`onTimeout`), or the signal aborts (`onAbort`). Returns the final state. An interval or timeout that is not
 * a finite positive number is a programming error here: readWait bounds the user's values.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
	const { intervalMs, timeoutMs } = options;
	if (!Number.isFinite(intervalMs) || intervalMs <= 0 || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
		throw new RangeError(`pollUntil needs a positive interval and a timeout (got ${intervalMs} ms, ${timeoutMs} ms)`);
	}
	const deadline = Date.now() + timeoutMs;
	let current: T | undefined = options.initial;
	if (current !== undefined) {
		options.onProgress?.(current);
		if (options.isDone(current)) return current;
	}
	for (;;) {
		if (current !== undefined) {
			if (Date.now() + intervalMs > deadline) throw options.onTimeout(current);
			try {
				await sleep(intervalMs, options.signal);
			} catch (error) {
				throw options.onAbort?.() ?? error;
			}
		} else if (options.signal?.aborted) {
			await sleep(0, options.signal).catch((error: unknown) => {
				throw options.onAbort?.() ?? error;
			});
		}
		current = await options.fetch();
		options.onProgress?.(current);
		if (options.isDone(current)) return current;
	}
}
