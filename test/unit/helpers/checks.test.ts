import type { IExecuteFunctions } from 'n8n-workflow';

import {
	checkNumber,
	expectedNumber,
	parseJsonField,
	parseJsonObjectField,
	readNumber,
	readRequiredText,
} from '../../../nodes/OpenAiToolkit/helpers/checks';
import { parseJsonObjectParameter, parseJsonParameter } from '../../../nodes/OpenAiToolkit/helpers/json';

/** A context whose parameters are `parameters` for every item. */
function contextWith(parameters: Record<string, unknown> = {}): IExecuteFunctions {
	return {
		getNode: () => ({ id: 'n', name: 'OpenAI Toolkit', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
	} as unknown as IExecuteFunctions;
}

/** The error `run` throws, with its description and item. */
function errorOf(run: () => unknown): { message: string; description?: string; itemIndex?: number } {
	try {
		run();
	} catch (error) {
		const { message, description, context } = error as Error & { description?: string; context?: { itemIndex?: number } };
		return { message, description, itemIndex: context?.itemIndex };
	}
	throw new Error('expected an error');
}

describe('checkNumber', () => {
	const context = contextWith();
	test('unset is undefined; numbers and numeric texts within the limits pass', () => {
		for (const unset of [undefined, null, '', '   ']) expect(checkNumber(context, 0, unset, 'Seed')).toBeUndefined();
		expect(checkNumber(context, 0, ' 7 ', 'Seed', { min: 0, integer: true })).toBe(7);
		expect(checkNumber(context, 0, 0.5, 'Beta', { above: 0, max: 2 })).toBe(0.5);
	});

	test.each([
		[NaN, {}, "The field 'X' must be a number (got 'NaN')"],
		[Infinity, {}, "The field 'X' must be a number (got 'Infinity')"],
		['abc', {}, "The field 'X' must be a number (got 'abc')"],
		[true, {}, "The field 'X' must be a number (got 'true')"],
		[[3], {}, "The field 'X' must be a number (got '[3]')"],
		[0, { above: 0 }, "The field 'X' must be above 0 (got 0)"],
		[3, { above: 0, max: 2 }, "The field 'X' must be above 0 and at most 2 (got 3)"],
		[-1, { min: 0, max: 5 }, "The field 'X' must be between 0 and 5 (got -1)"],
		[9, { max: 5 }, "The field 'X' must be at most 5 (got 9)"],
		[2 ** 60, { integer: true }, "The field 'X' must be a whole number (got 1152921504606847000)"],
	])('%p with %j fails naming the field and the item', (value, limits, message) => {
		expect(errorOf(() => checkNumber(context, 2, value, 'X', limits))).toEqual({ message, description: 'Item 3 (index 2).', itemIndex: 2 });
	});

	test('expectedNumber words the limits for messages', () => {
		expect(expectedNumber({ min: 1, max: 50, integer: true })).toBe('a whole number between 1 and 50');
		expect(expectedNumber({ min: 1, integer: true })).toBe('a whole number of at least 1');
		expect(expectedNumber({ above: 0 })).toBe('a number above 0');
		expect(expectedNumber({})).toBe('a number');
	});
});

describe('readNumber and readRequiredText', () => {
	test('readNumber reads the parameter (its default when absent) and refuses an empty one', () => {
		expect(readNumber(contextWith(), 0, 'limit', 50, 'Limit', { min: 1 })).toBe(50);
		expect(readNumber(contextWith({ limit: '20' }), 0, 'limit', 50, 'Limit', { min: 1 })).toBe(20);
		expect(errorOf(() => readNumber(contextWith({ limit: '' }), 1, 'limit', 50, 'Limit')).message).toBe(
			"The field 'Limit' must be a number (got '')",
		);
	});

	test('readRequiredText trims, and refuses an empty or blank value', () => {
		expect(readRequiredText(contextWith({ fileId: ' file-1 ' }), 0, 'fileId', 'File ID')).toBe('file-1');
		expect(errorOf(() => readRequiredText(contextWith({ fileId: '  ' }), 4, 'fileId', 'File ID'))).toEqual({
			message: "The field 'File ID' is empty",
			description: 'Item 5 (index 4).',
			itemIndex: 4,
		});
	});
});

describe('JSON fields', () => {
	const context = contextWith();
	test('text is parsed, a parsed value is taken as it is, empty is undefined', () => {
		expect(parseJsonField(context, 0, '{"a": 1}', 'F')).toEqual({ a: 1 });
		expect(parseJsonField(context, 0, [1, 2], 'F')).toEqual([1, 2]);
		expect(parseJsonField(context, 0, '  ', 'F')).toBeUndefined();
		expect(parseJsonField(context, 0, undefined, 'F')).toBeUndefined();
	});

	test('bad JSON and a non-object fail naming the field and the item, in the one format', () => {
		const bad = errorOf(() => parseJsonField(context, 1, '{"a": ', 'Metadata (JSON)'));
		expect(bad.message).toBe("Invalid JSON in field 'Metadata (JSON)'");
		expect(bad.description).toMatch(/\. Item 2 \(index 1\)\.$/);
		expect(errorOf(() => parseJsonObjectField(context, 1, '[1]', 'Metadata (JSON)'))).toEqual({
			message: "Field 'Metadata (JSON)' must be a JSON object",
			description: 'Got a list; expected something like {"key": "value"}. Item 2 (index 1).',
			itemIndex: 1,
		});
	});

	test("helpers/json.ts's readers are the same implementation", () => {
		expect(parseJsonParameter(context, '{"a": 1}', 'F', 0)).toEqual({ a: 1 });
		expect(errorOf(() => parseJsonObjectParameter(context, '3', 'F', 2))).toEqual({
			message: "Field 'F' must be a JSON object",
			description: 'Got number; expected something like {"key": "value"}. Item 3 (index 2).',
			itemIndex: 2,
		});
	});
});
