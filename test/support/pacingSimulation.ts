/*
 * A discrete-event simulation of n8n processes that pace chat requests against one OpenAI-like limiter (the fake
 * server's, test/support/fake-limiter.js) on a fake clock: each process has its own RateLimiter (its own paces,
 * as two n8n processes have), a pool sized by Concurrency Auto (or a fixed number), a fixed latency, and retries
 * an item answered 429 after the pace lets it. Minutes of traffic run in milliseconds and repeat exactly.
 */
import { RateLimiter } from '../../nodes/OpenAiToolkit/transport/rateLimiter';
import type { PendingRequest } from '../../nodes/OpenAiToolkit/transport/fetch';
import { estimateTokens } from '../../nodes/OpenAiToolkit/transport/paceRegistry';
import { createFakeLimiter } from './fake-limiter';
import type { FakeLimiterOptions } from './fake-openai';

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
	const result: SimulationResult = { finishedAt: processes.map(() => 0), sent: processes.map(() => 0), requests: 0, limited: 0, admittedAt: [] };

	const states = processes.map((spec, index) => {
		const state = { spec, index, limiter: new RateLimiter({ now, maxWaitMs: 600_000 }), pending: spec.items, inFlight: 0, wakeAt: Infinity };
		return state;
	});
	type State = (typeof states)[number];
	const body = (state: State) => ({
		model: 'gpt-4o-mini',
		messages: [{ role: 'user', content: 'x'.repeat(state.spec.promptCharacters ?? 40) }],
	});

	const dispatch = async (state: State) => {
		while (state.pending > 0 && state.inFlight < (state.spec.concurrency ?? state.limiter.concurrency())) {
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
			const sendNumber = state.limiter.recordSend(request.fetchOptions as RequestInit);
			state.pending -= 1;
			state.inFlight += 1;
			result.sent[state.index] += 1;
			const admission = server.admit({ headers: { authorization: 'Bearer sk-sim' }, body: request.body });
			if (!admission.limited) result.admittedAt.push(now());
			schedule(now() + latencyMs, () => {
				admission.done();
				const status = admission.limited ? 429 : 200;
				const headers = new Headers({ ...admission.headers, ...(admission.limited?.headers ?? {}) });
				state.limiter.observe(headers, status, sendNumber);
				state.inFlight -= 1;
				if (admission.limited) state.pending += 1;
				else if (state.pending === 0 && state.inFlight === 0) result.finishedAt[state.index] = now();
				return dispatch(state);
			});
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
