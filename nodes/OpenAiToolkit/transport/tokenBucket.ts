/**
 * A token bucket on an injected clock: holds at most `capacity`, refills continuously at `ratePerMs`. A request
 * takes what it costs; one that costs more than the whole bucket may go once the bucket is full and leaves it in
 * debt (negative), so a large request is slowed, never refused forever.
 */
export class TokenBucket {
	private level: number;
	private updatedAt: number;

	constructor(
		public capacity: number,
		public ratePerMs: number,
		now: number,
		level = capacity,
	) {
		this.level = level;
		this.updatedAt = now;
	}

	/** What the bucket holds now (may be negative: debt). */
	available(now: number): number {
		this.refill(now);
		return this.level;
	}

	/** Milliseconds until `cost` fits (0 when it fits now). Infinity when the bucket never refills. */
	waitMs(cost: number, now: number): number {
		this.refill(now);
		const need = Math.min(cost, this.capacity);
		if (this.level >= need) return 0;
		if (!(this.ratePerMs > 0)) return Number.POSITIVE_INFINITY;
		return Math.ceil((need - this.level) / this.ratePerMs);
	}

	take(cost: number, now: number): void {
		this.refill(now);
		this.level -= cost;
	}

	/** Gives back what a request took and did not use (e.g. one that was never sent). */
	giveBack(amount: number, now: number): void {
		this.refill(now);
		this.level = Math.min(this.capacity, this.level + amount);
	}

	/** Lowers the level to what the server says is left (never raises it: the server's figure may be stale). */
	lowerTo(level: number, now: number): void {
		this.refill(now);
		if (level < this.level) this.level = level;
	}

	/** Changes rate and capacity, keeping the level within the new capacity. */
	reshape(capacity: number, ratePerMs: number, now: number): void {
		this.refill(now);
		this.capacity = capacity;
		this.ratePerMs = ratePerMs;
		this.level = Math.min(this.level, capacity);
	}

	private refill(now: number): void {
		const elapsed = now - this.updatedAt;
		if (elapsed > 0 && this.ratePerMs > 0) this.level = Math.min(this.capacity, this.level + elapsed * this.ratePerMs);
		this.updatedAt = Math.max(this.updatedAt, now);
	}
}
