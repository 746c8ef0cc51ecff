/**
 * Runs `task` over `inputs` with at most `concurrency` at once and returns the results in input order.
 * `concurrency` may be a function (Concurrency "Auto"): it is asked again whenever a task ends, and the pool grows
 * or shrinks to its answer (a shrink lets running tasks finish). Once `shouldStop()` turns true no further task is
 * started (the running ones finish).
 */
export async function mapWithConcurrency<I, O>(
	inputs: readonly I[],
	concurrency: number | (() => number),
	task: (input: I, position: number) => Promise<O>,
	shouldStop: () => boolean = () => false,
): Promise<Array<O | undefined>> {
	const results: Array<O | undefined> = new Array(inputs.length);
	const limit = () => Math.max(1, Math.floor(typeof concurrency === 'function' ? concurrency() : concurrency) || 1);
	let next = 0;
	let running = 0;
	return await new Promise((resolve, reject) => {
		const fill = () => {
			while (running < limit() && next < inputs.length && !shouldStop()) {
				const position = next++;
				running += 1;
				// Started on its own tick, as the workers of a fixed pool were: a task may be synchronous up to its first await.
				void Promise.resolve()
					.then(async () => await task(inputs[position], position))
					.then((result) => {
						results[position] = result;
						running -= 1;
						fill();
					}, reject);
			}
			if (running === 0) resolve(results);
		};
		fill();
	});
}
