/**
 * How many requests Concurrency "Auto" keeps in flight for one model. Fed by every answer:
 * - with rate-limit headers, enough to reach the paced rate at the latency of the day (rate × latency, plus a
 *   margin), never more than the requests the server says are left;
 * - without them (compatible servers), AIMD: grows while answers stay fast (doubling per round trip at first,
 *   then one per round trip), shrinks when latency climbs well above its best (the server queues) or on a 429.
 * A 429 always shrinks it, at most once per round trip (the answers of one burst arrive together).
 */
export const AUTO_START = 5;
export const AUTO_MAX = 100;
const SLOW_START_UNTIL = 32;
const LATENCY_SMOOTHING = 0.2;
/** Latency this many times its best means the server is queueing our requests. */
const QUEUEING_FACTOR = 2;
const RATE_MARGIN = 1.25;

export interface AnswerSignal {
	status: number;
	/** From sending to the answer's headers; undefined when unknown. */
	latencyMs?: number;
	/** The paced rate and what is left of the requests, when the server sends rate-limit headers. */
	requestsPerMs?: number;
	remainingRequests?: number;
}

export class AdaptiveConcurrency {
	private value = AUTO_START;
	private latency?: number;
	private bestLatency?: number;
	private answersSinceDecrease = Number.POSITIVE_INFINITY;
	private slowStart = true;

	/** The pool size to use now. */
	get limit(): number {
		return Math.max(1, Math.min(AUTO_MAX, Math.floor(this.value)));
	}

	observe(signal: AnswerSignal): void {
		if (signal.status === 429) {
			this.decrease(0.7);
			return;
		}
		if (signal.status >= 400 || signal.latencyMs === undefined) return;
		const sample = Math.max(1, signal.latencyMs);
		this.latency = this.latency === undefined ? sample : this.latency + (sample - this.latency) * LATENCY_SMOOTHING;
		// The best latency drifts up slowly, so a server that got slower for good is not read as queueing forever.
		this.bestLatency = this.bestLatency === undefined ? sample : Math.min(sample, this.bestLatency + (this.latency - this.bestLatency) * 0.01);
		this.answersSinceDecrease += 1;
		if (signal.requestsPerMs !== undefined) {
			let target = Math.ceil(signal.requestsPerMs * this.latency * RATE_MARGIN) + 1;
			if (signal.remainingRequests !== undefined) target = Math.min(target, Math.max(1, signal.remainingRequests));
			this.value = Math.max(1, Math.min(AUTO_MAX, target));
			return;
		}
		if (this.latency > this.bestLatency * QUEUEING_FACTOR) {
			this.decrease(0.9);
			return;
		}
		if (this.slowStart && this.value < SLOW_START_UNTIL) this.value += 1;
		else {
			this.slowStart = false;
			this.value += 1 / this.value;
		}
		this.value = Math.min(AUTO_MAX, this.value);
	}

	private decrease(factor: number): void {
		this.slowStart = false;
		// One decrease per round trip: the pool's answers to one burst arrive together.
		if (this.answersSinceDecrease < this.value) return;
		this.value = Math.max(1, this.value * factor);
		this.answersSinceDecrease = 0;
	}
}
