import { sleep } from './abort';
import type { RequestHooks } from './fetch';
import { DEFAULT_MAX_WAIT_MS, retryAfterMs, WaitTooLongError } from './retryAfter';

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

function parseCount(value: string | null): number | undefined {
	if (value === null || value.trim() === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}

/** What the latest response said about one limit (requests or tokens). */
interface Window {
	/** Estimated requests or tokens left: the server's figure less the requests we sent after the one it answered. */
	remaining: number;
	limit?: number;
	/** When the server said the limit is back at its full value (epoch ms). */
	resetAt: number;
}

export interface RateLimiterOptions {
	/** Tokens left at which new requests are held: this share of the token limit (default 1 %). */
	tokenReserveShare?: number;
	/** The longest the limiter holds a request; a longer wait fails it (WaitTooLongError). Default 60 s. */
	maxWaitMs?: number;
	now?: () => number;
}

/**
 * Keeps one node execution's requests out of OpenAI's rate limits. Every response's `x-ratelimit-*` headers
 * tell how many requests and tokens are left and when the limits reset; once either is (nearly) used up, new
 * requests wait for the reset instead of running into 429s. A retryable 429 with `retry-after(-ms)` pauses every
 * new request for that long, not only the one that got it. Waits end at once when the execution is cancelled,
 * and no wait is longer than `maxWaitMs`: a request that would have to wait longer fails at once instead, and a
 * `retry-after` longer than that pauses nobody (the request that got it fails, see fetch.ts).
 *
 * One limiter is shared by all items of an execution (all requests go through the same client).
 */
export class RateLimiter {
	private requests?: Window;
	private tokens?: Window;
	private pausedUntil = 0;
	/** How many requests went out so far; each response is matched with the count at its sending. */
	private sent = 0;
	private readonly tokenReserveShare: number;
	private readonly maxWaitMs: number;
	private readonly now: () => number;

	constructor(options: RateLimiterOptions = {}) {
		this.tokenReserveShare = options.tokenReserveShare ?? 0.01;
		this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
		this.now = options.now ?? Date.now;
	}

	/** The hooks that plug the limiter into the client (`buildClient(credentials, { hooks })`). */
	hooks(): RequestHooks {
		return {
			beforeRequest: (signal) => this.acquire(signal),
			beforeSend: () => this.recordSend(),
			afterResponse: (headers, status, sendNumber) => this.observe(headers, status, sendNumber),
		};
	}

	/** Milliseconds a new request has to wait now (0 when it may go). */
	waitMs(): number {
		const now = this.now();
		let until = this.pausedUntil;
		if (this.requests && this.requests.resetAt > now && this.requests.remaining <= 0) {
			until = Math.max(until, this.requests.resetAt);
		}
		if (this.tokens && this.tokens.resetAt > now && this.tokens.remaining <= this.tokenReserve(this.tokens)) {
			until = Math.max(until, this.tokens.resetAt);
		}
		return Math.max(0, until - now);
	}

	/**
	 * Resolves when a request may go; rejects with an abort error when the signal aborts while waiting, and with a
	 * WaitTooLongError when the wait would be longer than maxWaitMs.
	 */
	async acquire(signal?: AbortSignal): Promise<void> {
		const started = this.now();
		for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
			const waited = this.now() - started;
			if (waited + wait > this.maxWaitMs) throw new WaitTooLongError(waited + wait, this.maxWaitMs);
			await sleep(wait, signal);
		}
	}

	/** Counts a request going out; returns its number, to be handed back with its response. */
	recordSend(): number {
		if (this.requests && this.requests.resetAt > this.now()) this.requests.remaining -= 1;
		return ++this.sent;
	}

	/** Reads one response's rate-limit headers (and a 429's retry-after). */
	observe(headers: Headers, status: number, sendNumber = this.sent): void {
		const now = this.now();
		// Requests we sent after this one are not in the server's figure yet.
		const sentSince = Math.max(0, this.sent - sendNumber);
		const requests = this.readWindow(headers, 'requests', now);
		if (requests) this.requests = { ...requests, remaining: requests.remaining - sentSince };
		const tokens = this.readWindow(headers, 'tokens', now);
		if (tokens) this.tokens = tokens;

		if (status === 429 && headers.get('x-should-retry') !== 'false') {
			const asked = retryAfterMs(headers, now);
			if (asked !== undefined && asked > 0 && asked <= this.maxWaitMs) {
				this.pausedUntil = Math.max(this.pausedUntil, now + asked);
			}
		}
	}

	private readWindow(headers: Headers, kind: 'requests' | 'tokens', now: number): Window | undefined {
		const remaining = parseCount(headers.get(`x-ratelimit-remaining-${kind}`));
		if (remaining === undefined) return undefined;
		const resetMs = parseResetDuration(headers.get(`x-ratelimit-reset-${kind}`));
		if (resetMs === undefined) return undefined;
		return { remaining, limit: parseCount(headers.get(`x-ratelimit-limit-${kind}`)), resetAt: now + resetMs };
	}

	private tokenReserve(window: Window): number {
		return window.limit ? Math.floor(window.limit * this.tokenReserveShare) : 0;
	}
}
