import { createExecuteContext } from '../../support/executeContext';
import { getRequestOptions, REQUEST_OPTION_DEFAULTS } from '../../../nodes/OpenAiToolkit/helpers/requestOptions';

const optionsFor = (requestOptions?: Record<string, unknown>) =>
	getRequestOptions(createExecuteContext({ parameters: { resource: 'model', operation: 'list', ...(requestOptions ? { requestOptions } : {}) } }).context);

describe('Request Options', () => {
	test('defaults: 5 at once, 2 retries, 10 minutes per request, waits of at most 60 s', () => {
		expect(REQUEST_OPTION_DEFAULTS).toEqual({ concurrency: 5, maxRetries: 2, timeoutSeconds: 600, maxWaitSeconds: 60 });
		expect(optionsFor()).toEqual({ concurrency: 5, maxRetries: 2, timeoutMs: 600_000, maxWaitMs: 60_000 });
	});

	test('set values are used', () => {
		expect(optionsFor({ concurrency: 20, maxRetries: 0, timeout: 2.5, maxWait: 0 })).toEqual({
			concurrency: 20,
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
