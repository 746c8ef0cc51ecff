import { APIUserAbortError } from 'openai';

import type { IExecuteFunctions } from 'n8n-workflow';
import {
	MAX_POLL_SECONDS,
	MAX_WAIT_MINUTES,
	partialOutputOf,
	pollUntil,
	readWait,
	waitFields,
	withPartialOutput,
	type WaitFieldSpec,
} from '../../../nodes/OpenAiToolkit/helpers/wait';
import { sleep } from '../../../nodes/OpenAiToolkit/transport/abort';

describe('pollUntil', () => {
	test('fetches until the state is final and returns it, reporting every state seen', async () => {
		const states = ['validating', 'in_progress', 'finalizing', 'completed'];
		const fetch = jest.fn(async () => states.shift()!);
		const seen: string[] = [];
		const result = await pollUntil({
			fetch,
			isDone: (status) => status === 'completed',
			intervalMs: 1,
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
			intervalMs: 1,
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

	test.each([
		[0, 1000],
		[NaN, 1000],
		[Infinity, 1000],
		[-5, 1000],
		[1000, NaN],
		[1000, -1],
	])('an interval of %p ms or a timeout of %p ms is refused instead of busy polling or waiting forever', async (intervalMs, timeoutMs) => {
		const fetch = jest.fn(async () => 'in_progress');
		await expect(
			pollUntil({ fetch, isDone: () => false, intervalMs, timeoutMs, onTimeout: () => new Error('timeout') }),
		).rejects.toBeInstanceOf(RangeError);
		expect(fetch).not.toHaveBeenCalled();
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
		).rejects.toBeInstanceOf(APIUserAbortError);
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
		await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
	});
});

describe('waitFields and readWait', () => {
	const spec: WaitFieldSpec = {
		intervalName: 'pollEvery',
		timeoutName: 'giveUpAfter',
		intervalDefault: 30,
		timeoutDefault: 120,
		subject: 'the job',
		displayOptions: { show: { waitForCompletion: [true] } },
		timeoutNote: 'The job goes on.',
	};
	/** readWait on the second item (index 1), whose parameters are `parameters`. */
	const read = (parameters: Record<string, unknown>, overrides: Partial<WaitFieldSpec> = {}) => {
		const context = {
			getNode: () => ({ id: 'n', name: 'OpenAI Toolkit', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
			getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		} as unknown as IExecuteFunctions;
		return readWait(context, 1, { ...spec, ...overrides });
	};

	test('the fields keep the names, defaults and display options given, and carry their ranges', () => {
		const [interval, timeout] = waitFields(spec);
		expect(interval).toMatchObject({
			displayName: 'Poll Interval (Seconds)',
			name: 'pollEvery',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1, maxValue: MAX_POLL_SECONDS },
			displayOptions: { show: { waitForCompletion: [true] } },
		});
		expect(timeout).toMatchObject({
			displayName: 'Timeout (Minutes)',
			name: 'giveUpAfter',
			type: 'number',
			default: 120,
			typeOptions: { minValue: 0.001, maxValue: MAX_WAIT_MINUTES },
			displayOptions: { show: { waitForCompletion: [true] } },
		});
		expect(timeout.description).toBe('How long to wait for the job at most before the item fails. The job goes on.');
		const [shortInterval, longTimeout] = waitFields({ ...spec, intervalMin: 0.001, timeoutMin: 1 });
		expect(shortInterval.typeOptions).toMatchObject({ minValue: 0.001 });
		expect(longTimeout.typeOptions).toMatchObject({ minValue: 1 });
	});

	test('reads seconds and minutes as milliseconds; unset fields take their defaults', () => {
		expect(read({ pollEvery: 2.5, giveUpAfter: 0.5 })).toEqual({ intervalMs: 2500, timeoutMs: 30_000 });
		expect(read({ pollEvery: '10', giveUpAfter: '1' })).toEqual({ intervalMs: 10_000, timeoutMs: 60_000 });
		expect(read({})).toEqual({ intervalMs: 30_000, timeoutMs: 7_200_000 });
		expect(read({ pollEvery: 0.001 }, { intervalMin: 0.001 })).toMatchObject({ intervalMs: 1 });
	});

	test.each([
		[{ pollEvery: NaN }, "The field 'Poll Interval (Seconds)' must be a number (got 'NaN')"],
		[{ pollEvery: Infinity }, "The field 'Poll Interval (Seconds)' must be a number (got 'Infinity')"],
		[{ pollEvery: '' }, "The field 'Poll Interval (Seconds)' must be a number (got '')"],
		[{ pollEvery: '  ' }, "The field 'Poll Interval (Seconds)' must be a number (got '  ')"],
		[{ pollEvery: 'abc' }, "The field 'Poll Interval (Seconds)' must be a number (got 'abc')"],
		[{ pollEvery: true }, "The field 'Poll Interval (Seconds)' must be a number (got 'true')"],
		[{ pollEvery: null }, "The field 'Poll Interval (Seconds)' must be a number (got '')"],
		[{ pollEvery: -1 }, "The field 'Poll Interval (Seconds)' must be between 1 and 3600 (got -1)"],
		[{ pollEvery: 0 }, "The field 'Poll Interval (Seconds)' must be between 1 and 3600 (got 0)"],
		[{ pollEvery: 0.5 }, "The field 'Poll Interval (Seconds)' must be between 1 and 3600 (got 0.5)"],
		[{ pollEvery: 1e12 }, "The field 'Poll Interval (Seconds)' must be between 1 and 3600 (got 1000000000000)"],
		[{ giveUpAfter: -Infinity }, "The field 'Timeout (Minutes)' must be a number (got '-Infinity')"],
		[{ giveUpAfter: 'soon' }, "The field 'Timeout (Minutes)' must be a number (got 'soon')"],
		[{ giveUpAfter: -3 }, "The field 'Timeout (Minutes)' must be between 0.001 and 10080 (got -3)"],
		[{ giveUpAfter: 10081 }, "The field 'Timeout (Minutes)' must be between 0.001 and 10080 (got 10081)"],
	])('%j fails naming the field and the item', (parameters, message) => {
		let error: (Error & { description?: string; context?: { itemIndex?: number } }) | undefined;
		try {
			read(parameters);
		} catch (caught) {
			error = caught as typeof error;
		}
		expect(error?.message).toBe(message);
		expect(error?.description).toBe('Item 2 (index 1).');
		expect(error?.context?.itemIndex).toBe(1);
	});

	test('the minimums given by the spec are the ones read', () => {
		expect(() => read({ giveUpAfter: 0.5 }, { timeoutMin: 1 })).toThrow(
			"The field 'Timeout (Minutes)' must be between 1 and 10080 (got 0.5)",
		);
		expect(() => read({ pollEvery: 0.0001 }, { intervalMin: 0.001 })).toThrow(
			"The field 'Poll Interval (Seconds)' must be between 0.001 and 3600 (got 0.0001)",
		);
	});
});

describe('withPartialOutput', () => {
	test('an error carries the items collected before it; other errors carry none', () => {
		const items = [{ json: { id: 'e1' } }, { json: { id: 'e2' } }];
		const error = withPartialOutput(new Error('timeout'), items);
		expect(partialOutputOf(error)).toBe(items);
		expect(partialOutputOf(new Error('other'))).toEqual([]);
		expect(partialOutputOf('not an error')).toEqual([]);
		expect(partialOutputOf(withPartialOutput(new Error('none'), []))).toEqual([]);
	});
});
