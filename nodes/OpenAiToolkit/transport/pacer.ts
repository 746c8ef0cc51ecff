/**
 * The pace of one model of one account: two token buckets (requests, estimated tokens) filled from OpenAI's
 * `x-ratelimit-*` headers, and the hold a retryable 429 asks for. Every execution in this n8n process that uses
 * the same base URL, key and model shares one pace (see paceRegistry.ts), so parallel executions do not add up
 * past the limit; in queue mode each worker reads the same account-wide headers.
 *
 * Two readings of the headers:
 * - pacing: the limit refills continuously at `limit` per minute (OpenAI's request and token limits), which the
 *   reset confirms (time to refill what is used ≈ what a per-minute refill needs). Requests are paced at a bit
 *   under that rate with a burst of at most one second's worth, since OpenAI may enforce a minute's limit over
 *   shorter periods; the bucket never holds more than the server says is left. Others using the same limit
 *   (other n8n processes, queue-mode workers, other apps on the key) show in the headers: between two answers the
 *   server's figure drops by what everyone used less what refilled, so what we did not send is theirs, and we
 *   pace at the limit less their rate (see othersUsage.ts).
 * - a window: no limit header, or a reset much longer than a per-minute refill explains (a daily limit, a debt):
 *   once it is used up, requests wait for the reset, as the server says.
 */
import { parseCount, parseResetDuration } from './resetDuration';
import { AdaptiveConcurrency } from './adaptiveConcurrency';
import { OthersUsage } from './othersUsage';
import { TokenBucket } from './tokenBucket';

/** Share of the server's rate we pace at: a margin for clocks and for what we cannot see. */
const PACE_SHARE = 0.98;
/** The largest burst we send: this many milliseconds' worth of the rate. */
const BURST_MS = 1000;
/** A 429 shrinks the pace to this share; each answer with room after it grows it back a little. */
const SHRINK_ON_429 = 0.7;
const REGROW_PER_ANSWER = 0.01;
const MIN_PACE_FACTOR = 0.05;

export type LimitKind = 'requests' | 'tokens';

/** What the latest header said about a limit, for the window reading. */
interface Window {
	remaining: number;
	limit?: number;
	resetAt: number;
}

/** The counters at the moment a request went out, to correct the answer's "remaining" for later sends. */
export interface SendMark {
	at: number;
	requests: number;
	tokens: number;
	/** This request's estimated tokens. */
	cost: number;
}

export class ModelPace {
	readonly concurrency = new AdaptiveConcurrency();
	private readonly buckets: Partial<Record<LimitKind, TokenBucket>> = {};
	/** The server's own refill rate per limit (per ms), from the headers. */
	private readonly serverRate: Partial<Record<LimitKind, number>> = {};
	private readonly windows: Partial<Record<LimitKind, Window>> = {};
	private readonly others = { requests: new OthersUsage(), tokens: new OthersUsage() };
	private pausedUntil = 0;
	private paceFactor = 1;
	private sentRequests = 0;
	private sentTokens = 0;

	constructor(
		private readonly tokenReserveShare: number,
		private readonly now: () => number,
	) {}

	/** Milliseconds a request of this cost has to wait now (0: it may go). */
	waitMs(tokens: number): number {
		const now = this.now();
		let until = this.pausedUntil;
		const requestWindow = this.windows.requests;
		if (requestWindow && requestWindow.resetAt > now && requestWindow.remaining <= 0) until = Math.max(until, requestWindow.resetAt);
		const tokenWindow = this.windows.tokens;
		if (tokenWindow && tokenWindow.resetAt > now && tokenWindow.remaining <= this.reserve(tokenWindow.limit)) {
			until = Math.max(until, tokenWindow.resetAt);
		}
		let wait = Math.max(0, until - now);
		if (this.buckets.requests) wait = Math.max(wait, this.buckets.requests.waitMs(1, now));
		const tokenBucket = this.buckets.tokens;
		if (tokenBucket) wait = Math.max(wait, tokenBucket.waitMs(tokens + this.reserve(this.limitOf('tokens'), tokenBucket.capacity / 2), now));
		return wait;
	}

	/** Takes a request's cost from the buckets (when it is let through). */
	take(tokens: number): void {
		const now = this.now();
		this.buckets.requests?.take(1, now);
		this.buckets.tokens?.take(tokens, now);
	}

	/** Counts a request going out; the mark is handed back with its answer. */
	recordSend(tokens: number): SendMark {
		const now = this.now();
		const requestWindow = this.windows.requests;
		if (requestWindow && requestWindow.resetAt > now) requestWindow.remaining -= 1;
		const tokenWindow = this.windows.tokens;
		if (tokenWindow && tokenWindow.resetAt > now) tokenWindow.remaining -= tokens;
		this.sentRequests += 1;
		this.sentTokens += tokens;
		return { at: now, requests: this.sentRequests, tokens: this.sentTokens, cost: tokens };
	}

	/**
	 * Reads one answer's rate-limit headers; `mark` is its request's (undefined: nothing sent since). A retryable
	 * 429 shrinks the pace and holds new requests for `pauseMs`; a `final` one (an exhausted quota) does neither.
	 */
	observe(headers: Pick<Headers, 'get'>, status: number, mark?: SendMark, pauseMs?: number, final = false): void {
		const now = this.now();
		if (status === 429 && mark) {
			// The server took nothing for a refused request: it is not ours in what the server counts.
			this.others.requests.refused(1);
			this.others.tokens.refused(mark.cost);
		}
		for (const kind of ['requests', 'tokens'] as const) this.readLimit(headers, kind, now, mark);
		if (status === 429 && !final) {
			this.paceFactor = Math.max(MIN_PACE_FACTOR, this.paceFactor * SHRINK_ON_429);
			// The server has nothing left for this instant, whatever our buckets think (others may share the
			// limit): start them from empty, so the retry and the requests behind it wait for the refill.
			for (const bucket of Object.values(this.buckets)) bucket.lowerTo(0, now);
			if (pauseMs !== undefined && pauseMs > 0) this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		} else if (status < 400 && this.paceFactor < 1) {
			this.paceFactor = Math.min(1, this.paceFactor + REGROW_PER_ANSWER);
		}
		this.reshape(now);
		this.concurrency.observe({ status: final ? 400 : status, latencyMs: mark ? now - mark.at : undefined, ...this.room(now) });
	}

	/** The paced rate (per ms) and what is left of requests, for the concurrency; undefined without headers. */
	room(now = this.now()): { requestsPerMs?: number; remainingRequests?: number } {
		const bucket = this.buckets.requests;
		if (!bucket) return {};
		return { requestsPerMs: bucket.ratePerMs, remainingRequests: Math.max(0, Math.floor(bucket.available(now))) };
	}

	private readLimit(headers: Pick<Headers, 'get'>, kind: LimitKind, now: number, mark?: SendMark): void {
		const sentAt = mark?.at ?? now;
		// What we sent after this answer's request: the server's figure does not know of it yet.
		const sentSince = mark ? (kind === 'requests' ? this.sentRequests : this.sentTokens) - mark[kind] : 0;
		const remaining = parseCount(headers.get(`x-ratelimit-remaining-${kind}`));
		const resetMs = parseResetDuration(headers.get(`x-ratelimit-reset-${kind}`));
		if (remaining === undefined || resetMs === undefined) return;
		const limit = parseCount(headers.get(`x-ratelimit-limit-${kind}`));
		const perMinute = limit && limit > 0 ? limit / 60_000 : undefined;
		// The rate the reset implies: what is used comes back within resetMs.
		const implied = limit !== undefined && limit > remaining && resetMs > 0 ? (limit - remaining) / resetMs : undefined;
		if (perMinute === undefined || (implied !== undefined && implied < perMinute * 0.9)) {
			// A window (see above): used up means wait for the reset. Later sends are not in the server's figure.
			this.windows[kind] = { remaining: remaining - sentSince, limit, resetAt: now + resetMs };
			this.serverRate[kind] = undefined;
			delete this.buckets[kind];
			return;
		}
		delete this.windows[kind];
		this.serverRate[kind] = perMinute;
		if (mark) this.others[kind].observe({ at: mark.at, sent: mark[kind], remaining }, limit!, perMinute);
		const capacity = Math.min(limit!, Math.max(1, perMinute * BURST_MS));
		const bucket = (this.buckets[kind] ??= new TokenBucket(capacity, perMinute, now, Math.min(capacity, remaining)));
		// What the server has left now: its figure, refilled since the request went out, less what we sent since.
		bucket.lowerTo(Math.min(limit!, remaining + perMinute * Math.max(0, now - sentAt)) - sentSince, now);
		this.limits[kind] = limit;
	}

	private readonly limits: Partial<Record<LimitKind, number>> = {};

	private limitOf(kind: LimitKind): number | undefined {
		return this.limits[kind];
	}

	/** Puts the pace factor into the buckets' rates and bursts. */
	private reshape(now: number): void {
		for (const kind of ['requests', 'tokens'] as const) {
			const rate = this.serverRate[kind];
			const bucket = this.buckets[kind];
			if (!rate || !bucket) continue;
			const paced = this.others[kind].leftOf(rate) * PACE_SHARE * this.paceFactor;
			const limit = this.limits[kind] ?? Number.POSITIVE_INFINITY;
			bucket.reshape(Math.min(limit, Math.max(1, paced * BURST_MS)), paced, now);
		}
	}

	private reserve(limit: number | undefined, cap = Number.POSITIVE_INFINITY): number {
		return limit ? Math.min(cap, Math.floor(limit * this.tokenReserveShare)) : 0;
	}
}
