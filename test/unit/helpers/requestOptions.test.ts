import type { INodeProperties } from 'n8n-workflow';

import { createExecuteContext } from '../../support/executeContext';
import {
	getRequestOptions,
	REQUEST_OPTION_DEFAULTS,
	requestOptionsField,
	requestOptionsFieldFor,
} from '../../../nodes/OpenAiToolkit/helpers/requestOptions';

const optionsFor = (requestOptions?: Record<string, unknown>, typeVersion: 1 | 2 = 1) =>
	getRequestOptions(
		createExecuteContext({ typeVersion, parameters: { resource: 'model', operation: 'list', ...(requestOptions ? { requestOptions } : {}) } }).context,
	);

describe('Request Options', () => {
	test('defaults: 5 at once, 2 retries, 10 minutes per request, waits of at most 60 s', () => {
		expect(REQUEST_OPTION_DEFAULTS).toEqual({ concurrency: 5, maxRetries: 2, timeoutSeconds: 600, maxWaitSeconds: 60 });
		expect(optionsFor()).toEqual({ concurrency: 5, autoConcurrency: false, maxRetries: 2, timeoutMs: 600_000, maxWaitMs: 60_000 });
	});

	test('set values are used', () => {
		expect(optionsFor({ concurrency: 20, maxRetries: 0, timeout: 2.5, maxWait: 0 })).toEqual({
			concurrency: 20,
			autoConcurrency: false,
			maxRetries: 0,
			timeoutMs: 2500,
			maxWaitMs: 0,
		});
		expect(optionsFor({ concurrency: '7', timeout: 86_400, maxWait: 3600 })).toMatchObject({
			concurrency: 7,
			timeoutMs: 86_400_000,
			maxWaitMs: 3_600_000,
		});
	});

	test('version 2: Concurrency left unset is Auto; a number set is a fixed pool, honoured exactly', () => {
		expect(optionsFor(undefined, 2)).toMatchObject({ concurrency: 5, autoConcurrency: true });
		expect(optionsFor({ maxRetries: 1 }, 2)).toMatchObject({ autoConcurrency: true, maxRetries: 1 });
		expect(optionsFor({ concurrency: 5 }, 2)).toMatchObject({ concurrency: 5, autoConcurrency: false });
		expect(optionsFor({ concurrency: 100 }, 2)).toMatchObject({ concurrency: 100, autoConcurrency: false });
		// Version 1 nodes with no Concurrency keep their pool of 5.
		expect(optionsFor({ maxRetries: 1 }, 1)).toMatchObject({ concurrency: 5, autoConcurrency: false });
	});

	test("the field: version 1's Concurrency is unchanged, version 2's says unset means Auto", () => {
		const concurrencyOf = (version: 1 | 2) =>
			(requestOptionsFieldFor(version).options as INodeProperties[]).find((option) => option.name === 'concurrency')!;
		expect(requestOptionsFieldFor(1)).toBe(requestOptionsField);
		expect(concurrencyOf(1).description).not.toMatch(/Auto/);
		const version2 = concurrencyOf(2);
		expect(version2).toMatchObject({ name: 'concurrency', type: 'number', default: 5, typeOptions: { minValue: 1, maxValue: 100 } });
		expect(version2.description).toMatch(/^Leave unset for Auto/);
	});

	test.each([
		['concurrency', Number.NaN, "The field 'Concurrency' must be a number (got 'NaN')"],
		['concurrency', 0, "The field 'Concurrency' must be between 1 and 100 (got 0)"],
		['concurrency', 3.9, "The field 'Concurrency' must be a whole number (got 3.9)"],
		['maxRetries', Number.NaN, "The field 'Max Retries' must be a number (got 'NaN')"],
		['maxRetries', -1, "The field 'Max Retries' must be between 0 and 10 (got -1)"],
		['timeout', Number.NaN, "The field 'Timeout (Seconds)' must be a number (got 'NaN')"],
		['timeout', 1e10, "The field 'Timeout (Seconds)' must be between 1 and 86400 (got 10000000000)"],
		['timeout', 0, "The field 'Timeout (Seconds)' must be between 1 and 86400 (got 0)"],
		['timeout', Number.POSITIVE_INFINITY, "The field 'Timeout (Seconds)' must be a number (got 'Infinity')"],
		['maxWait', 'abc', "The field 'Max Wait (Seconds)' must be a number (got 'abc')"],
		['maxWait', -5, "The field 'Max Wait (Seconds)' must be between 0 and 86400 (got -5)"],
	])('%s = %p fails before anything is sent, naming the field and the item', (key, value, message) => {
		let thrown: unknown;
		try {
			optionsFor({ [key]: value });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toMatchObject({ message, description: 'Item 1 (index 0).' });
	});
});
