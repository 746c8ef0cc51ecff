import { mapWithConcurrency } from '../../../nodes/OpenAiToolkit/helpers/pool';

/** A task whose promises the test settles by hand, counting how many run at once. */
function manualTasks() {
	const pending = new Map<number, (value: string) => void>();
	const counts = { running: 0, max: 0, started: [] as number[] };
	const task = (input: number) =>
		new Promise<string>((resolve) => {
			counts.running++;
			counts.max = Math.max(counts.max, counts.running);
			counts.started.push(input);
			pending.set(input, (value) => {
				counts.running--;
				resolve(value);
			});
		});
	const settle = async (input: number) => {
		pending.get(input)!(`done ${input}`);
		pending.delete(input);
		await new Promise((resolve) => setImmediate(resolve));
	};
	return { task, settle, counts, pending };
}

describe('mapWithConcurrency', () => {
	test('runs at most `concurrency` tasks at once and starts the next as soon as one ends', async () => {
		const { task, settle, counts } = manualTasks();
		const running = mapWithConcurrency([0, 1, 2, 3, 4, 5], 3, task);
		await new Promise((resolve) => setImmediate(resolve));
		expect(counts.started).toEqual([0, 1, 2]);
		await settle(1);
		expect(counts.started).toEqual([0, 1, 2, 3]);
		for (const input of [0, 2, 3, 4, 5]) await settle(input);
		expect(await running).toEqual([0, 1, 2, 3, 4, 5].map((i) => `done ${i}`));
		expect(counts.max).toBe(3);
	});

	test('results keep input order whatever order the tasks end in', async () => {
		const { task, settle } = manualTasks();
		const running = mapWithConcurrency([10, 11, 12, 13], 4, task);
		await new Promise((resolve) => setImmediate(resolve));
		for (const input of [13, 11, 12, 10]) await settle(input);
		expect(await running).toEqual(['done 10', 'done 11', 'done 12', 'done 13']);
	});

	test('once shouldStop turns true no further task starts; the running ones finish', async () => {
		const { task, settle, counts } = manualTasks();
		let stop = false;
		const running = mapWithConcurrency([0, 1, 2, 3, 4], 2, task, () => stop);
		await new Promise((resolve) => setImmediate(resolve));
		stop = true;
		await settle(0);
		await settle(1);
		expect(await running).toEqual(['done 0', 'done 1', undefined, undefined, undefined]);
		expect(counts.started).toEqual([0, 1]);
	});

	test('a concurrency below 1, fractional or larger than the inputs still works', async () => {
		const double = async (n: number) => n * 2;
		expect(await mapWithConcurrency([1, 2, 3], 0, double)).toEqual([2, 4, 6]);
		expect(await mapWithConcurrency([1, 2, 3], 2.7, double)).toEqual([2, 4, 6]);
		expect(await mapWithConcurrency([1, 2], 50, double)).toEqual([2, 4]);
		expect(await mapWithConcurrency([], 5, double)).toEqual([]);
	});
});
