import fc from 'fast-check';

import { REDACTED, scrubDeep, scrubSecrets } from '../../../nodes/OpenAiToolkit/helpers/scrub';

const KEY = 'sk-proj-AbCdEf0123456789xyz';

describe('the scrubber', () => {
	test('removes the key wherever it stands, also inside a longer word, and any bearer token', () => {
		expect(scrubSecrets(`key=${KEY};`, [KEY])).toBe(`key=${REDACTED};`);
		expect(scrubSecrets(`x${KEY}${KEY}y`, [KEY])).toBe(`x${REDACTED}${REDACTED}y`);
		expect(scrubSecrets('Authorization: Bearer abcdefgh12345678', [])).toBe(`Authorization: Bearer ${REDACTED}`);
		expect(scrubSecrets('bearer abcdefgh12345678', [])).toBe(`Bearer ${REDACTED}`);
	});

	test('removes a key cut short (at least its first 8 characters), as a quoted body shows it', () => {
		expect(scrubSecrets(`Unexpected token "${KEY.slice(0, 12)}"... is not valid JSON`, [KEY])).toBe(
			`Unexpected token "${REDACTED}"... is not valid JSON`,
		);
		expect(scrubSecrets(`${KEY.slice(0, 7)} stays`, [KEY])).toBe(`${KEY.slice(0, 7)} stays`);
	});

	test('leaves text without secrets alone; ignores empty and very short secrets', () => {
		expect(scrubSecrets('hello world', [KEY, '', 'ab'])).toBe('hello world');
	});

	test('scrubDeep: strings and keys at any depth, copy on write', () => {
		const untouched = { a: [1, 2, { b: 'clean' }] };
		const input = { untouched, list: [`id ${KEY}`, 3], [KEY]: { nested: `Bearer ${KEY}` } };
		const out = scrubDeep(input, [KEY]);
		expect(out).toEqual({ untouched, list: [`id ${REDACTED}`, 3], [REDACTED]: { nested: `Bearer ${REDACTED}` } });
		expect(out.untouched).toBe(untouched);
		expect(input.list[0]).toBe(`id ${KEY}`); // the input is not changed in place
		const loop: Record<string, unknown> = { text: KEY };
		loop.self = loop;
		expect((scrubDeep(loop, [KEY]) as Record<string, unknown>).text).toBe(REDACTED);
	});

	test('property: no key survives, whatever surrounds it', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.integer({ min: 8, max: KEY.length }), (before, after, cut) => {
				const text = `${before}${KEY.slice(0, cut)}${after}`;
				const scrubbed = scrubSecrets(text, [KEY]);
				expect(scrubbed).not.toContain(KEY.slice(0, 8));
				expect(scrubDeep({ [text]: [text] }, [KEY])).toEqual({ [scrubbed]: [scrubbed] });
			}),
			{ seed: 12, numRuns: 300 },
		);
	});

	test('secrets that start alike are each removed whole, in any order (an MCP header and its authorization)', () => {
		const header = 'mcp-e2e-header-secret-5c1d';
		const token = 'mcp-e2e-oauth-token-9b7e';
		const text = `refused {"X-Api-Key":"${header}"} with token ${token}`;
		for (const secrets of [[header, token], [token, header]]) {
			expect(scrubSecrets(text, secrets)).toBe(`refused {"X-Api-Key":"${REDACTED}"} with token ${REDACTED}`);
		}
	});

	test('property: no secret of several survives, whatever surrounds them and however they overlap', () => {
		const secretArb = fc.string({ minLength: 8, maxLength: 24, unit: fc.constantFrom('a', 'b', 'c', '-', '1') });
		fc.assert(
			fc.property(fc.array(secretArb, { minLength: 1, maxLength: 3 }), fc.string(), fc.string(), (secrets, before, after) => {
				const text = `${before}${secrets.join(' ')}${after}`;
				const scrubbed = scrubSecrets(text, secrets);
				for (const secret of secrets) expect(scrubbed).not.toContain(secret);
			}),
			{ seed: 34, numRuns: 300 },
		);
	});
});
