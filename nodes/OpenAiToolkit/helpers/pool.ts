/**
 * Runs `task` over `inputs` with at most `concurrency` at once and returns the results in input order.
 * Once `shouldStop()` turns true no further task is started (the running ones finish).
 */
export async function mapWithConcurrency<I, O>(
	inputs: readonly I[],
	concurrency: number,
	task: (input: I, position: number) => Promise<O>,
	shouldStop: () => boolean = () => false,
): Promise<Array<O | undefined>> {
	const results: Array<O | undefined> = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length && !shouldStop()) {
			const position = next++;
			results[position] = await task(inputs[position], position);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
