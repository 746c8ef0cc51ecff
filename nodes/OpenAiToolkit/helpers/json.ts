import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJsonField, parseJsonObjectField } from './checks';

/**
 * The JSON field readers under their older names and argument order; the one implementation is in checks.ts
 * (parseJsonField, parseJsonObjectField).
 */
export function parseJsonParameter<T = unknown>(
	context: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): T | undefined {
	return parseJsonField<T>(context, itemIndex, value, fieldName);
}

/** Like parseJsonParameter, but the value must be a JSON object (not an array or a scalar). */
export function parseJsonObjectParameter(
	context: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): IDataObject | undefined {
	return parseJsonObjectField(context, itemIndex, value, fieldName);
}
