import {
	BATCH_LIMITS,
	normalizeEndpointUrl,
	oversizeReason,
	planBatches,
	prepareLine,
	toJsonl,
} from '../../../../nodes/OpenAiToolkit/actions/batch/jsonl';

const chatBody = (text: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });

describe('Batch JSONL', () => {
	test('each line is {custom_id: item index, method POST, url, body} in that key order, one per line', () => {
		const lines = [prepareLine(0, '/v1/chat/completions', chatBody('Hej')), prepareLine(7, '/v1/chat/completions', chatBody('Å "ö"'))];
		expect(toJsonl(lines)).toBe(
			'{"custom_id":"0","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hej"}]}}\n' +
				'{"custom_id":"7","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Å \\"ö\\""}]}}\n',
		);
		// Sizes are UTF-8 bytes with the newline.
		expect(lines[1].bytes).toBe(Buffer.byteLength(lines[1].text, 'utf8') + 1);
		expect(lines[1].bytes).toBeGreaterThan(lines[1].text.length + 1);
	});

	test('URLs are written the way batches name endpoints', () => {
		expect(normalizeEndpointUrl('/v1/embeddings')).toBe('/v1/embeddings');
		expect(normalizeEndpointUrl('/completions')).toBe('/v1/completions');
		expect(normalizeEndpointUrl('chat/completions')).toBe('/v1/chat/completions');
		expect(normalizeEndpointUrl('https://api.openai.com/v1/responses')).toBe('/v1/responses');
	});

	test('an embeddings request counts one per input against the request limit', () => {
		expect(prepareLine(0, '/v1/embeddings', { model: 'm', input: 'one' }).weight).toBe(1);
		expect(prepareLine(0, '/v1/embeddings', { model: 'm', input: ['a', 'b', 'c'] }).weight).toBe(3);
		expect(prepareLine(0, '/v1/embeddings', { model: 'm', input: [1, 2, 3] }).weight).toBe(1);
		expect(prepareLine(0, '/v1/chat/completions', chatBody('x')).weight).toBe(1);
	});

	test('the default limits are OpenAI\'s: 50,000 requests and 200 MB', () => {
		expect(BATCH_LIMITS).toEqual({ maxRequests: 50_000, maxBytes: 200_000_000 });
	});

	test('within the limits everything goes into one batch', () => {
		const lines = Array.from({ length: 5 }, (_, i) => prepareLine(i, '/v1/chat/completions', chatBody(`q${i}`)));
		const plans = planBatches(lines);
		expect(plans).toHaveLength(1);
		expect(plans[0].url).toBe('/v1/chat/completions');
		expect(plans[0].lines.map((l) => l.itemIndex)).toEqual([0, 1, 2, 3, 4]);
		expect(plans[0].bytes).toBe(lines.reduce((sum, l) => sum + l.bytes, 0));
	});

	test('over the request limit the lines are split in input order', () => {
		const lines = Array.from({ length: 7 }, (_, i) => prepareLine(i, '/v1/chat/completions', chatBody(`q${i}`)));
		const plans = planBatches(lines, { maxRequests: 3, maxBytes: 1_000_000 });
		expect(plans.map((p) => p.lines.map((l) => l.itemIndex))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
	});

	test('over the size limit the lines are split so that no file passes it', () => {
		const lines = Array.from({ length: 6 }, (_, i) => prepareLine(i, '/v1/chat/completions', chatBody('x'.repeat(100))));
		const maxBytes = lines[0].bytes * 2 + 10;
		const plans = planBatches(lines, { maxRequests: 1000, maxBytes });
		expect(plans.map((p) => p.lines.length)).toEqual([2, 2, 2]);
		for (const plan of plans) expect(Buffer.byteLength(toJsonl(plan.lines))).toBeLessThanOrEqual(maxBytes);
	});

	test('embedding inputs fill a batch by their number', () => {
		const lines = [3, 2, 1, 4].map((n, i) => prepareLine(i, '/v1/embeddings', { model: 'm', input: Array(n).fill('t') }));
		const plans = planBatches(lines, { maxRequests: 5, maxBytes: 1_000_000 });
		expect(plans.map((p) => p.lines.map((l) => l.itemIndex))).toEqual([[0, 1], [2, 3]]);
	});

	test('lines for different URLs go into different batches (one endpoint per batch)', () => {
		const lines = [
			prepareLine(0, '/v1/completions', { model: 'm', prompt: 'a' }),
			prepareLine(1, '/v1/chat/completions', chatBody('b')),
			prepareLine(2, '/v1/completions', { model: 'm', prompt: 'c' }),
		];
		const plans = planBatches(lines);
		expect(plans.map((p) => [p.url, p.lines.map((l) => l.itemIndex)])).toEqual([
			['/v1/completions', [0, 2]],
			['/v1/chat/completions', [1]],
		]);
	});

	test('a line that alone passes a limit is named, and planning refuses it', () => {
		const big = prepareLine(4, '/v1/chat/completions', chatBody('x'.repeat(500)));
		const limits = { maxRequests: 10, maxBytes: 100 };
		expect(oversizeReason(big, limits)).toBe(`The request is ${big.bytes} bytes, more than a whole batch file may have (100 bytes)`);
		expect(oversizeReason(prepareLine(0, '/v1/chat/completions', { a: 1 }), limits)).toBeUndefined();
		expect(() => planBatches([big], limits)).toThrow('The request is');
		const manyInputs = prepareLine(2, '/v1/embeddings', { model: 'm', input: Array(11).fill('t') });
		expect(oversizeReason(manyInputs, { maxRequests: 10, maxBytes: 1_000_000 })).toBe(
			'The request has 11 inputs, more than a whole batch may have (10)',
		);
	});
});
