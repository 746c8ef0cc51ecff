import { createExecuteContext } from '../../support/executeContext';
import { getRequestOptions, REQUEST_OPTION_DEFAULTS } from '../../../nodes/OpenAiToolkit/helpers/requestOptions';

const optionsFor = (requestOptions?: Record<string, unknown>) =>
	getRequestOptions(createExecuteContext({ parameters: { resource: 'model', operation: 'list', ...(requestOptions ? { requestOptions } : {}) } }).context);

describe('Request Options', () => {
	test('defaults: 5 at once, 2 retries, 10 minutes per request', () => {
		expect(REQUEST_OPTION_DEFAULTS).toEqual({ concurrency: 5, maxRetries: 2, timeoutSeconds: 600 });
		expect(optionsFor()).toEqual({ concurrency: 5, maxRetries: 2, timeoutMs: 600_000 });
	});

	test('set values are used, rounded down where they must be whole, and kept in range', () => {
		expect(optionsFor({ concurrency: 20, maxRetries: 0, timeout: 2.5 })).toEqual({ concurrency: 20, maxRetries: 0, timeoutMs: 2500 });
		expect(optionsFor({ concurrency: 3.9, maxRetries: 4.2 })).toMatchObject({ concurrency: 3, maxRetries: 4 });
		expect(optionsFor({ concurrency: 0, maxRetries: -1, timeout: 0 })).toEqual({ concurrency: 1, maxRetries: 0, timeoutMs: 1000 });
	});
});
