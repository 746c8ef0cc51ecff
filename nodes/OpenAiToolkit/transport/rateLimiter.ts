import { sleep } from './abort';
import type { RequestHooks } from './fetch';

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
	now?: () => number;
}

/**
 * Keeps one node execution's requests out of OpenAI's rate limits. Every response's `x-ratelimit-*` headers
 * tell how many requests and tokens are left and when the limits reset; once either is (nearly) used up, new
 * requests wait for the reset instead of running into 429s. A retryable 429 with `retry-after(-ms)` pauses every
 * new request for that long, not only the one that got it. Waits end at once when the execution is cancelled.
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
	private readonly now: () => number;

	constructor(options: RateLimiterOptions = {}) {
		this.tokenReserveShare = options.tokenReserveShare ?? 0.01;
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

	/** Resolves when a request may go; rejects with an abort error when the signal aborts while waiting. */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
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
			const retryAfterMs =
				parseCount(headers.get('retry-after-ms')) ?? mapDefined(parseCount(headers.get('retry-after')), (s) => s * 1000);
			if (retryAfterMs !== undefined && retryAfterMs > 0) {
				this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
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

function mapDefined<T, U>(value: T | undefined, fn: (value: T) => U): U | undefined {
	return value === undefined ? undefined : fn(value);
}
