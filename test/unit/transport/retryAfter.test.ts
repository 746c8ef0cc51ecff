import { retryAfterMs, WaitTooLongError } from '../../../nodes/OpenAiToolkit/transport/retryAfter';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('retry-after: the one reader', () => {
	test('reads what the SDK will wait: retry-after-ms, else retry-after in seconds, else as a date', () => {
		expect(retryAfterMs(headers({ 'retry-after-ms': '250' }))).toBe(250);
		expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
		expect(retryAfterMs(headers({ 'retry-after': '65' }))).toBe(65_000);
		expect(retryAfterMs(headers({ 'retry-after': '1.5' }))).toBe(1500);
		// parseFloat, as the SDK reads it: "65abc" waits 65 s there, so it counts as 65 s here.
		expect(retryAfterMs(headers({ 'retry-after': '65abc' }))).toBe(65_000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }), now)).toBe(60_000);
	});

	test('nothing readable is undefined; negative waits are none; absurd ones stay absurd (and fail the item)', () => {
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs(headers({}))).toBeUndefined();
		expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
		expect(retryAfterMs(headers({ 'retry-after': '-5' }))).toBe(0);
		expect(retryAfterMs(headers({ 'retry-after': 'Infinity' }))).toBe(Number.POSITIVE_INFINITY);
		expect(retryAfterMs(headers({ 'retry-after-ms': '1e12' }))).toBe(1e12);
	});

	test('the error names the wait asked and the wait allowed', () => {
		expect(new WaitTooLongError(65_000, 1000).message).toBe(
			'OpenAI asked to wait 65 s, longer than this item may wait (1 s). Raise Max Wait or Timeout in Request Options to wait longer.',
		);
	});
});
