import { sleep } from './abort';
import type { PendingRequest, RequestHooks } from './fetch';
import { AUTO_START } from './adaptiveConcurrency';
import { accountKeyOf, estimateTokens, modelOf, PaceRegistry, sharedPaceRegistry, type PaceAccount } from './paceRegistry';
import type { ModelPace, SendMark } from './pacer';
import { DEFAULT_MAX_WAIT_MS, retryAfterMs, WaitTooLongError } from './retryAfter';

export { parseResetDuration } from './resetDuration';

export interface RateLimiterOptions {
	/** Tokens left at which new requests are held: this share of the token limit (default 1 %). */
	tokenReserveShare?: number;
	/** The longest the limiter holds a request; a longer wait fails it (WaitTooLongError). Default 60 s. */
	maxWaitMs?: number;
	now?: () => number;
	/**
	 * The account whose paces this limiter shares with every other limiter of the process given the same account
	 * (executions in parallel, one after the other). Without it the limiter keeps paces of its own.
	 */
	account?: PaceAccount;
}

/** Rides on a request's fetch options from the hold (beforeRequest) to the send (fetch): which ticket it is. */
const TICKET = Symbol('openAiToolkitPaceTicket');

interface Ticket {
	pace: ModelPace;
	tokens: number;
	mark?: SendMark;
}

/** Tickets kept for answers that never come (a dropped connection): at most this many. */
const MAX_TICKETS = 10_000;

/**
 * Keeps requests within OpenAI's rate limits, per model: every answer's `x-ratelimit-*` headers fill two token
 * buckets (requests, and tokens estimated as prompt characters / 4 + max output tokens) that pace new requests
 * (see pacer.ts); a retryable 429 with `retry-after(-ms)` holds every new request of its model for that long and
 * shrinks the pace. Waits end at once when the execution is cancelled, and none is longer than `maxWaitMs`: a
 * request that would have to wait longer fails at once, and a `retry-after` longer than that pauses nobody (the
 * request that got it fails, see fetch.ts). It also sizes Concurrency "Auto" (`concurrency()`).
 */
export class RateLimiter {
	private readonly maxWaitMs: number;
	private readonly now: () => number;
	private readonly registry: PaceRegistry;
	private readonly accountKey: string;
	private readonly tickets = new Map<number, Ticket>();
	private nextTicket = 0;
	/** The pace of the latest request: its model's concurrency sizes the pool. */
	private latest?: ModelPace;

	constructor(options: RateLimiterOptions = {}) {
		this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
		this.now = options.now ?? Date.now;
		this.registry =
			options.account && !options.now && options.tokenReserveShare === undefined
				? sharedPaceRegistry()
				: new PaceRegistry(options.tokenReserveShare ?? 0.01, this.now);
		this.accountKey = options.account ? accountKeyOf(options.account) : '';
	}

	/** The hooks that plug the limiter into the client (`buildClient(credentials, { hooks })`). */
	hooks(): RequestHooks {
		return {
			beforeRequest: (signal, request) => this.acquire(signal, request),
			beforeSend: (init) => this.recordSend(init),
			afterResponse: (headers, status, sendNumber) => this.observe(headers, status, sendNumber),
		};
	}

	/** The pool size Concurrency "Auto" should have now. */
	concurrency(): number {
		return this.latest?.concurrency.limit ?? AUTO_START;
	}

	/** Milliseconds a request for this model (default: none named) costing `tokens` has to wait now. */
	waitMs(model = '', tokens = 0): number {
		return this.paceOf(model).waitMs(tokens);
	}

	/**
	 * Resolves when a request may go, having taken its cost from its model's buckets; rejects with an abort error
	 * when the signal aborts while waiting, and with a WaitTooLongError when the wait would be longer than maxWaitMs.
	 */
	async acquire(signal?: AbortSignal, request?: PendingRequest): Promise<void> {
		const pace = this.paceOf(modelOf(request?.body));
		const tokens = estimateTokens(request?.body);
		this.latest = pace;
		const started = this.now();
		for (let wait = pace.waitMs(tokens); wait > 0; wait = pace.waitMs(tokens)) {
			const waited = this.now() - started;
			if (waited + wait > this.maxWaitMs) throw new WaitTooLongError(waited + wait, this.maxWaitMs);
			await sleep(wait, signal);
		}
		pace.take(tokens);
		if (request) {
			const id = this.issue({ pace, tokens });
			request.fetchOptions = { ...(request.fetchOptions as object | undefined), [TICKET]: id } as typeof request.fetchOptions;
		}
	}

	/** Counts a request going out; returns its number, to be handed back with its answer. */
	recordSend(init?: RequestInit): number {
		const id = (init as Record<symbol, unknown> | undefined)?.[TICKET];
		let ticket = typeof id === 'number' ? this.tickets.get(id) : undefined;
		let number = id as number;
		if (!ticket) {
			ticket = { pace: this.paceOf(''), tokens: 0 };
			number = this.issue(ticket);
		}
		ticket.mark = ticket.pace.recordSend(ticket.tokens);
		return number;
	}

	/** Reads one answer's rate-limit headers (and a 429's retry-after). */
	observe(headers: Headers, status: number, sendNumber?: number): void {
		const ticket = sendNumber === undefined ? undefined : this.tickets.get(sendNumber);
		if (sendNumber !== undefined) this.tickets.delete(sendNumber);
		let pauseMs: number | undefined;
		const final = headers.get('x-should-retry') === 'false';
		if (status === 429 && !final) {
			const asked = retryAfterMs(headers, this.now());
			if (asked !== undefined && asked > 0 && asked <= this.maxWaitMs) pauseMs = asked;
		}
		const pace = ticket?.pace ?? this.paceOf('');
		this.latest = pace;
		pace.observe(headers, status, ticket?.mark, pauseMs, final);
	}

	private paceOf(model: string): ModelPace {
		return this.registry.get(this.accountKey, model);
	}

	private issue(ticket: Ticket): number {
		const id = ++this.nextTicket;
		this.tickets.set(id, ticket);
		if (this.tickets.size > MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
		return id;
	}
}
