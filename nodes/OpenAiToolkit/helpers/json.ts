import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Reads a JSON field that n8n may hand over as text (typed by the user) or as an already parsed value (set by
 * an expression). Bad JSON is an error that names the field and the item.
 */
export function parseJsonParameter<T = unknown>(
	context: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): T | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value as T;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Invalid JSON in field '${fieldName}'`, {
			itemIndex,
			description: `${(error as Error).message}. Check the value of '${fieldName}' for item ${itemIndex + 1}.`,
		});
	}
}

/** Like parseJsonParameter, but the value must be a JSON object (not an array or a scalar). */
export function parseJsonObjectParameter(
	context: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): IDataObject | undefined {
	const parsed = parseJsonParameter(context, value, fieldName, itemIndex);
	if (parsed === undefined) return undefined;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), `Field '${fieldName}' must be a JSON object`, {
			itemIndex,
			description: `Got ${Array.isArray(parsed) ? 'an array' : typeof parsed}; expected something like {"key": "value"}.`,
		});
	}
	return parsed as IDataObject;
}
