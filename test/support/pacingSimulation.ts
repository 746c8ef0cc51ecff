/*
 * A discrete-event simulation of n8n processes that pace chat requests against one OpenAI-like limiter (the fake
 * server's, test/support/fake-limiter.js) on a fake clock: each process has its own RateLimiter (its own paces,
 * as two n8n processes have), a pool sized by Concurrency Auto (or a fixed number), a fixed latency, and retries
 * an item answered 429 (at once, as OpenAI does) after its retry-after-ms and the pace let it, at most twice. Minutes of traffic run in milliseconds and repeat exactly.
 */
import { RateLimiter } from '../../nodes/OpenAiToolkit/transport/rateLimiter';
import type { PendingRequest } from '../../nodes/OpenAiToolkit/transport/fetch';
import { estimateTokens } from '../../nodes/OpenAiToolkit/transport/paceRegistry';
import { createFakeLimiter } from './fake-limiter';
import type { FakeLimiterOptions } from './fake-openai';

/** The node's default Max Retries. */
const MAX_RETRIES = 2;

export interface SimulatedProcess {
	items: number;
	/** When it starts sending (ms on the simulated clock). */
	startAt?: number;
	/** A fixed pool; undefined: Concurrency Auto. */
	concurrency?: number;
	/** Prompt characters per request (default 40). */
	promptCharacters?: number;
}

export interface SimulationResult {
	/** Per process: when its last item was answered (ms). */
	finishedAt: number[];
	/** Per process: requests it sent. */
	sent: number[];
	/** Per process: answers 429. */
	refused: number[];
	/** Per process: retries answered 429 again. */
	refusedRetries: number[];
	/** Per process: items that failed, answered 429 on the first try and every retry (the node's 2 retries). */
	failedItems: number[];
	requests: number;
	limited: number;
	/** When each admitted request reached the server (ms), all processes together. */
	admittedAt: number[];
}

export async function simulate(
	processes: SimulatedProcess[],
	{ limits, latencyMs }: { limits: FakeLimiterOptions; latencyMs: number },
): Promise<SimulationResult> {
	const clock = { now: 0 };
	const now = () => clock.now;
	const server = createFakeLimiter({ ...limits, now });
	const events: Array<{ at: number; run: () => Promise<void> | void }> = [];
	const schedule = (at: number, run: () => Promise<void> | void) => {
		let index = events.length;
		while (index > 0 && events[index - 1].at > at) index--;
		events.splice(index, 0, { at, run });
	};
	const zeros = () => processes.map(() => 0);
	const result: SimulationResult = { finishedAt: zeros(), sent: zeros(), refused: zeros(), refusedRetries: zeros(), failedItems: zeros(), requests: 0, limited: 0, admittedAt: [] };

	const states = processes.map((spec, index) => {
		// The items still to send, and the retries due (each the number of 429s its item has had so far).
		const queue: number[] = Array.from({ length: spec.items }, () => 0);
		const retries: number[] = [];
		const state = { spec, index, limiter: new RateLimiter({ now, maxWaitMs: 600_000 }), queue, retries, inFlight: 0, wakeAt: Infinity };
		return state;
	});
	type State = (typeof states)[number];
	const body = (state: State) => ({
		model: 'gpt-4o-mini',
		messages: [{ role: 'user', content: 'x'.repeat(state.spec.promptCharacters ?? 40) }],
	});

	/** Sends one attempt of an item that holds a pool slot; a 429 is answered at once, a success after the latency. */
	const send = async (state: State, request: PendingRequest, refusals: number) => {
		const sendNumber = state.limiter.recordSend(request.fetchOptions as RequestInit);
		result.sent[state.index] += 1;
		const admission = server.admit({ headers: { authorization: 'Bearer sk-sim' }, body: request.body });
		if (!admission.limited) result.admittedAt.push(now());
		schedule(now() + (admission.limited ? 1 : latencyMs), () => {
			admission.done();
			const headers = new Headers({ ...admission.headers, ...(admission.limited?.headers ?? {}) });
			state.limiter.observe(headers, admission.limited ? 429 : 200, sendNumber);
			if (admission.limited) {
				result.refused[state.index] += 1;
				if (refusals > 0) result.refusedRetries[state.index] += 1;
				if (refusals + 1 <= MAX_RETRIES) {
					// The SDK sleeps as long as retry-after-ms says, keeping the slot, then asks the pace again.
					const retryAfter = Number(headers.get('retry-after-ms') ?? 0);
					schedule(now() + retryAfter, () => {
						state.retries.push(refusals + 1);
						return dispatch(state);
					});
					return;
				}
				result.failedItems[state.index] += 1;
			}
			state.inFlight -= 1;
			if (state.queue.length === 0 && state.inFlight === 0) result.finishedAt[state.index] = now();
			return dispatch(state);
		});
	};

	const dispatch = async (state: State) => {
		const pool = () => state.spec.concurrency ?? state.limiter.concurrency();
		while (state.retries.length > 0 || (state.queue.length > 0 && state.inFlight < pool())) {
			const request: PendingRequest = { body: body(state) };
			// The same cost acquire() will ask for, so it never has to sleep (on the real clock).
			const wait = state.limiter.waitMs('gpt-4o-mini', estimateTokens(request.body));
			if (wait > 0) {
				if (state.wakeAt > now() + wait) {
					state.wakeAt = now() + wait;
					schedule(state.wakeAt, () => {
						state.wakeAt = Infinity;
						return dispatch(state);
					});
				}
				return;
			}
			await state.limiter.acquire(undefined, request);
			if (state.retries.length > 0) {
				await send(state, request, state.retries.shift()!);
			} else {
				state.queue.shift();
				state.inFlight += 1;
				await send(state, request, 0);
			}
		}
	};

	for (const state of states) schedule(state.spec.startAt ?? 0, () => dispatch(state));
	while (events.length > 0) {
		const next = events.shift()!;
		clock.now = Math.max(clock.now, next.at);
		await next.run();
		if (clock.now > 3_600_000) throw new Error('the simulation ran past an hour');
	}
	result.requests = server.stats.requests;
	result.limited = server.stats.limited;
	return result;
}

/** The most requests admitted in any window of `windowMs` (a sliding window over the admissions). */
export function busiestWindow(admittedAt: number[], windowMs: number): number {
	const times = [...admittedAt].sort((a, b) => a - b);
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}
