import { PollingAbortedError, pollUntil, sleep } from '../../../nodes/OpenAiToolkit/helpers/pollUntil';

describe('pollUntil', () => {
	test('fetches until the state is final and returns it, reporting every state seen', async () => {
		const states = ['validating', 'in_progress', 'finalizing', 'completed'];
		const fetch = jest.fn(async () => states.shift()!);
		const seen: string[] = [];
		const result = await pollUntil({
			fetch,
			isDone: (status) => status === 'completed',
			intervalMs: 0,
			timeoutMs: 60_000,
			onTimeout: () => new Error('timeout'),
			onProgress: (status) => seen.push(status),
		});
		expect(result).toBe('completed');
		expect(fetch).toHaveBeenCalledTimes(4);
		expect(seen).toEqual(['validating', 'in_progress', 'finalizing', 'completed']);
	});

	test('an initial state that is already final is returned without fetching', async () => {
		const fetch = jest.fn(async () => 'in_progress');
		const result = await pollUntil({
			initial: 'completed',
			fetch,
			isDone: (status) => status === 'completed',
			intervalMs: 0,
			timeoutMs: 0,
			onTimeout: () => new Error('timeout'),
		});
		expect(result).toBe('completed');
		expect(fetch).not.toHaveBeenCalled();
	});

	test('gives up with onTimeout(last state) when the next check would be past the deadline', async () => {
		const fetch = jest.fn(async () => 'in_progress');
		await expect(
			pollUntil({
				fetch,
				isDone: (status) => status === 'completed',
				intervalMs: 1000,
				timeoutMs: 0,
				onTimeout: (last) => new Error(`still ${last}`),
			}),
		).rejects.toThrow('still in_progress');
		expect(fetch).toHaveBeenCalledTimes(1);
	});

	test('an aborted signal stops the wait between two checks', async () => {
		const controller = new AbortController();
		const fetch = jest.fn(async () => {
			controller.abort();
			return 'in_progress';
		});
		await expect(
			pollUntil({
				fetch,
				isDone: () => false,
				intervalMs: 60_000,
				timeoutMs: 3_600_000,
				onTimeout: () => new Error('timeout'),
				signal: controller.signal,
			}),
		).rejects.toBeInstanceOf(PollingAbortedError);
		expect(fetch).toHaveBeenCalledTimes(1);
	});

	test('onAbort chooses the error a cancelled wait ends with', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			pollUntil({
				initial: 'in_progress',
				fetch: async () => 'in_progress',
				isDone: () => false,
				intervalMs: 60_000,
				timeoutMs: 3_600_000,
				onTimeout: () => new Error('timeout'),
				onAbort: () => new Error('batch_1 keeps running'),
				signal: controller.signal,
			}),
		).rejects.toThrow('batch_1 keeps running');
	});

	test('sleep rejects at once when the signal aborts while it waits', async () => {
		const controller = new AbortController();
		const waiting = sleep(60_000, controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(PollingAbortedError);
	});
});
