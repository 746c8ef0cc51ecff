import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

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
	return text;
}

/**
 * A number field read from an options collection: undefined when the user did not add it, otherwise a finite
 * number within [min, max] (an integer where asked). Expressions can bypass the UI's own limits, hence the check.
 */
export function checkNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
	limits: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value);
	const range =
		limits.min !== undefined && limits.max !== undefined
			? `between ${limits.min} and ${limits.max}`
			: limits.min !== undefined
				? `at least ${limits.min}`
				: limits.max !== undefined
					? `at most ${limits.max}`
					: 'a number';
	if (!Number.isFinite(number)) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be a number (got '${String(value)}')`);
	}
	if ((limits.min !== undefined && number < limits.min) || (limits.max !== undefined && number > limits.max)) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be ${range} (got ${number})`);
	}
	if (limits.integer && !Number.isInteger(number)) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' must be a whole number (got ${number})`);
	}
	return number;
}
