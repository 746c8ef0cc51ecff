import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Checks made before a request is sent. Each error names the field (and, where it matters, the entry of a list)
 * in its message and the item in its description, so that the user can find the bad value at once.
 */
export function fieldError(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	hint?: string,
): NodeOperationError {
	const where = `Item ${itemIndex + 1} (index ${itemIndex}).`;
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: hint ? `${hint} ${where}` : where,
	});
}

/**
 * A text field's value as text. An expression can give any JSON value: an object or a list is sent as its JSON
 * text (as n8n shows it in a text field), not as "[object Object]".
 */
export function textOf(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The text of a required text field, refused when it is empty or only whitespace. */
export function requireText(context: IExecuteFunctions, itemIndex: number, value: unknown, fieldName: string): string {
	const text = textOf(value);
	if (text.trim() === '') {
		throw fieldError(context, itemIndex, `The field '${fieldName}' is empty`);
	}
	// Half of a UTF-16 pair (a text cut in the middle of an emoji) cannot be sent: encoding it fails, in a URL
	// path with "URI malformed".
	if (UNPAIRED_SURROGATE.test(text)) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' holds a broken character (half of a UTF-16 pair)`);
	}
	return text;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text of a required text parameter (an ID, a name), trimmed; refused when empty before anything is sent. */
export function readRequiredText(context: IExecuteFunctions, itemIndex: number, name: string, fieldName: string): string {
	return requireText(context, itemIndex, context.getNodeParameter(name, itemIndex, ''), fieldName).trim();
}

/**
 * A field that takes one text or, from an expression, a list of texts (texts to embed, search queries): each
 * entry must be a non-empty text; the list must not be empty.
 */
export function readTextOrTexts(context: IExecuteFunctions, itemIndex: number, name: string, fieldName: string): string | string[] {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (!Array.isArray(value)) {
		if (value !== null && typeof value === 'object') {
			throw fieldError(context, itemIndex, `The field '${fieldName}' must be a text or a list of texts (got an object)`);
		}
		return requireText(context, itemIndex, value, fieldName);
	}
	if (value.length === 0) throw fieldError(context, itemIndex, `The field '${fieldName}' is an empty list`);
	return value.map((entry, index) => {
		if (entry !== null && typeof entry === 'object') {
			throw fieldError(context, itemIndex, `Entry ${index + 1} of the field '${fieldName}' is not a text`);
		}
		const text = entry === undefined || entry === null ? '' : String(entry);
		if (text.trim() === '') throw fieldError(context, itemIndex, `Entry ${index + 1} of the field '${fieldName}' is empty`);
		return text;
	});
}

/** The range a number must lie in. `above` is an exclusive minimum (e.g. a learning rate: above 0). */
export interface NumberLimits {
	min?: number;
	above?: number;
	max?: number;
	integer?: boolean;
}

function rangeText({ min, above, max }: NumberLimits): string {
	const low = above !== undefined ? `above ${above}` : min !== undefined ? `at least ${min}` : undefined;
	if (min !== undefined && above === undefined && max !== undefined) return `between ${min} and ${max}`;
	if (low && max !== undefined) return `${low} and at most ${max}`;
	return low ?? (max !== undefined ? `at most ${max}` : '');
}

/** What a value must be, for messages: "a whole number between 1 and 50", "a number above 0". */
export function expectedNumber(limits: NumberLimits): string {
	const range = rangeText(limits);
	const kind = limits.integer ? 'a whole number' : 'a number';
	return range ? `${kind} ${range.startsWith('at ') ? `of ${range}` : range}` : kind;
}

/** True when a finite number satisfies the limits. */
export function withinLimits(number: number, { min, above, max, integer }: NumberLimits): boolean {
	if ((min !== undefined && number < min) || (above !== undefined && number <= above)) return false;
	if (max !== undefined && number > max) return false;
	return !integer || Number.isSafeInteger(number);
}

/** Not set at all: undefined, null, or an empty (or blank) text. */
function isUnset(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A number field read from an options collection: undefined when the user did not add it, otherwise a finite
 * number within the limits (a safe whole number where asked). Expressions can bypass the UI's own limits (and
 * hand over NaN, Infinity, a text or a boolean), hence the check.
 */
export function checkNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
	limits: NumberLimits = {},
): number | undefined {
	if (isUnset(value)) return undefined;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(number)) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be a number (got '${textOf(value)}')`);
	}
	if (!withinLimits(number, { ...limits, integer: false })) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be ${rangeText(limits)} (got ${number})`);
	}
	if (!withinLimits(number, limits)) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be a whole number (got ${number})`);
	}
	return number;
}

/**
 * A required number parameter (one with a default, outside any collection), read and checked like checkNumber;
 * an empty value is refused too, as there is no "not set" for it.
 */
export function readNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	fallback: number,
	fieldName: string,
	limits: NumberLimits = {},
): number {
	const value = context.getNodeParameter(name, itemIndex, fallback);
	const number = checkNumber(context, itemIndex, value, fieldName, limits);
	if (number === undefined) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be a number (got '${textOf(value)}')`);
	}
	return number;
}

/**
 * A JSON field, which n8n hands over as text (typed by the user) or as an already parsed value (set by an
 * expression). Undefined when empty; bad JSON fails naming the field and the item.
 */
export function parseJsonField<T = unknown>(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
): T | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value as T;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw fieldError(context, itemIndex, `Invalid JSON in field '${fieldName}'`, `${(error as Error).message}.`);
	}
}

/** Like parseJsonField, but the value must be a JSON object (not a list or a single value). */
export function parseJsonObjectField(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
): IDataObject | undefined {
	const parsed = parseJsonField(context, itemIndex, value, fieldName);
	if (parsed === undefined) return undefined;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		const got = Array.isArray(parsed) ? 'a list' : parsed === null ? 'null' : typeof parsed;
		throw fieldError(
			context,
			itemIndex,
			`Field '${fieldName}' must be a JSON object`,
			`Got ${got}; expected something like {"key": "value"}.`,
		);
	}
	return parsed as IDataObject;
}

/**
 * The binary data of an input item's binary field (`propertyName`, as typed in the field `fieldName`). An empty
 * name, or a property the item does not have, fails naming the field, the property and those the item has.
 */
export function readBinaryField(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: unknown,
	fieldName: string,
): { property: string; binary: ReturnType<IExecuteFunctions['helpers']['assertBinaryData']> } {
	const property = textOf(propertyName).trim();
	if (property === '') throw fieldError(context, itemIndex, `The field '${fieldName}' is empty`);
	const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
	if (!available.includes(property)) {
		throw fieldError(
			context,
			itemIndex,
			`The field '${fieldName}' names the binary property '${property}', which the input item does not have`,
			available.length ? `Binary properties on this item: ${available.join(', ')}.` : 'The item has no binary data at all.',
		);
	}
	return { property, binary: context.helpers.assertBinaryData(itemIndex, property) };
}
