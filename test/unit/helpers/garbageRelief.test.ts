import * as vm from 'node:vm';

import { createGarbageRelief, minorGarbageCollection, RELIEF_INTERVAL_BYTES } from '../../../nodes/OpenAiToolkit/helpers/garbageRelief';

describe('garbage relief for streamed downloads', () => {
	test('collects once each time another interval of bytes went through, counting from the last collection', () => {
		const collect = jest.fn();
		const relieve = createGarbageRelief(collect, 10);
		relieve(4);
		relieve(4);
		expect(collect).toHaveBeenCalledTimes(0);
		relieve(4); // 12: one collection, the count starts again
		expect(collect).toHaveBeenCalledTimes(1);
		relieve(9);
		expect(collect).toHaveBeenCalledTimes(1);
		relieve(1);
		expect(collect).toHaveBeenCalledTimes(2);
		relieve(25); // one big chunk: one collection, not two
		expect(collect).toHaveBeenCalledTimes(3);
	});

	test('without a collector it does nothing; a collector that throws does not fail the download', () => {
		expect(() => createGarbageRelief(null, 1)(100)).not.toThrow();
		const failing = jest.fn(() => {
			throw new Error('no gc');
		});
		const relieve = createGarbageRelief(failing, 1);
		expect(() => relieve(5)).not.toThrow();
		expect(failing).toHaveBeenCalledTimes(1);
	});

	test('the default interval is 8 MB', () => {
		expect(RELIEF_INTERVAL_BYTES).toBe(8 * 1024 * 1024);
	});

	test("V8's gc is had once, runs, and leaves no gc global behind (here, or in contexts made later)", () => {
		const collect = minorGarbageCollection();
		expect(typeof collect).toBe('function');
		expect(minorGarbageCollection()).toBe(collect);
		expect(() => collect?.()).not.toThrow();
		expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
		expect(vm.runInNewContext('typeof gc')).toBe('undefined');
	});
});
