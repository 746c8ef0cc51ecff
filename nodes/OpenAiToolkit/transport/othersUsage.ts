/**
 * How fast others use a limit we share (other n8n processes or queue-mode workers on the same key and model, other
 * apps), read from the server's `remaining` figures alone, without talking to them. The server counts a request
 * when it arrives, so between two of our requests that went out at t1 and t2 the server's figure went from r1 to
 * r2 by everyone's use less what refilled: used = r1 + rate × (t2 − t1) − r2, as long as the figure could not
 * have reached the limit in between (a full limit wastes its refill, and then the drop says nothing). What we
 * sent in between (less what was refused: a 429 takes nothing) is ours; the rest is theirs.
 */

/** Two readings closer than this are too noisy to learn from (the figures are whole numbers). */
const MIN_SAMPLE_MS = 250;
/** How much of a new reading the estimate takes. */
const SMOOTHING = 0.5;
/** A full limit means room to spare: the estimate decays by this share per reading, so we probe for more. */
const DECAY_WHEN_FULL = 0.1;
/** We never yield more than this share of the limit to others (so a process is never starved to nothing). */
const MAX_OTHERS_SHARE = 0.9;

export interface UsageReading {
	/** When our request went out (the server counted it about then). */
	at: number;
	/** How much we had sent by then (requests, or estimated tokens), this request included. */
	sent: number;
	/** What the server said was left. */
	remaining: number;
}

export class OthersUsage {
	private previous?: UsageReading & { refused: number };
	private refusedTotal = 0;
	/** Others' rate per ms (may dip below 0 from noise; read through `rate`). */
	private estimate = 0;

	/** Counts what the server refused of ours (429): it is not in its figures. */
	refused(amount: number): void {
		this.refusedTotal += amount;
	}

	/** Learns from one answer's figure; `perMs` is the limit's refill rate. */
	observe(reading: UsageReading, limit: number, perMs: number): void {
		const current = { ...reading, refused: this.refusedTotal };
		const previous = this.previous;
		if (!previous) {
			this.previous = current;
			return;
		}
		const elapsed = reading.at - previous.at;
		// An answer to an earlier request, or one too close: keep the older reading as the reference.
		if (elapsed < MIN_SAMPLE_MS) return;
		this.previous = current;
		const refill = perMs * elapsed;
		if (previous.remaining + refill <= limit) {
			const used = previous.remaining + refill - reading.remaining;
			const ours = reading.sent - previous.sent - (current.refused - previous.refused);
			this.estimate += ((used - ours) / elapsed - this.estimate) * SMOOTHING;
		} else {
			this.estimate *= 1 - DECAY_WHEN_FULL;
		}
	}

	/** Others' rate per ms (0 or more). */
	get rate(): number {
		return Math.max(0, this.estimate);
	}

	/** What is left of a rate for us once others take theirs. */
	leftOf(ratePerMs: number): number {
		return ratePerMs - Math.min(this.rate, ratePerMs * MAX_OTHERS_SHARE);
	}
}
