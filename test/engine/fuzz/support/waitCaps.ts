/**
 * The node's own waits (poll intervals, rate-limit pauses) are shortened to a few milliseconds in the fuzz
 * suite so thousands of cases run in seconds; every wait asked for is recorded instead, and the suite checks
 * it was bounded (a NaN, negative or unbounded wait means an unchecked number got through). Must run before the
 * node's modules are first required (hence jest.doMock and a require() in the test file).
 */
import { resolve } from 'node:path';

const NODE_DIR = resolve(__dirname, '../../../../nodes/OpenAiToolkit');
/** The shortened length of every wait, in ms. */
const CAPPED_MS = 2;

/** Waits the node asked for since the last reset, in ms (sleeps, and poll intervals and timeouts). */
export const askedWaits: Array<{ kind: string; ms: number }> = [];

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
interface Poll {
	intervalMs: number;
	timeoutMs: number;
}

function capped(ms: number): number {
	return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), CAPPED_MS) : CAPPED_MS;
}

export function installWaitCaps(): void {
	const abortPath = resolve(NODE_DIR, 'transport/abort.ts');
	jest.doMock(abortPath, () => {
		const actual = jest.requireActual(abortPath) as { sleep: Sleep };
		return {
			...actual,
			sleep: (ms: number, signal?: AbortSignal) => {
				askedWaits.push({ kind: 'sleep', ms });
				return actual.sleep(capped(ms), signal);
			},
		};
	});
	// The one poller (helpers/wait.ts).
	{
		const path = resolve(NODE_DIR, 'helpers/wait.ts');
		jest.doMock(path, () => {
			const actual = jest.requireActual(path) as { pollUntil?: (options: Poll) => Promise<unknown> };
			if (!actual.pollUntil) return actual;
			const poll = actual.pollUntil;
			return {
				...actual,
				pollUntil: (options: Poll) => {
					askedWaits.push({ kind: 'poll interval', ms: options.intervalMs }, { kind: 'poll timeout', ms: options.timeoutMs });
					// A long timeout is kept relative to the interval, so "interval longer than the timeout" still ends at once.
					const scale = Number.isFinite(options.intervalMs) && options.intervalMs > 0 ? capped(options.intervalMs) / options.intervalMs : 1;
					const timeoutMs = Number.isFinite(options.timeoutMs) ? Math.min(options.timeoutMs * scale, 2_000) : options.timeoutMs;
					return poll({ ...options, intervalMs: capped(options.intervalMs), timeoutMs });
				},
			};
		});
	}
}
