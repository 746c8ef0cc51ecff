import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError, parseJsonObjectField } from './checks';

/**
 * Reads a "Metadata (JSON)" field into what OpenAI accepts: at most 16 keys of at most 64 characters, each value
 * a string of at most 512 characters. Numbers and booleans are turned into strings; anything nested is refused
 * naming the field. The one reader for batches, fine-tuning jobs and responses.
 */
export function parseMetadataParameter(
	context: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): Record<string, string> | undefined {
	const parsed = parseJsonObjectField(context, itemIndex, value, fieldName);
	if (!parsed) return undefined;
	const entries = Object.entries(parsed);
	if (entries.length > 16) {
		throw fieldError(context, itemIndex, `Field '${fieldName}' has ${entries.length} keys; OpenAI allows at most 16`);
	}
	const metadata: Record<string, string> = {};
	for (const [key, entry] of entries) {
		if (entry !== null && typeof entry === 'object') {
			throw fieldError(context, itemIndex, `Field '${fieldName}': the value of '${key}' must be text, not an object or list`);
		}
		const text = entry === null ? '' : String(entry);
		if (key.length > 64 || text.length > 512) {
			throw fieldError(
				context,
				itemIndex,
				`Field '${fieldName}': keys may have at most 64 characters and values at most 512 ('${key.slice(0, 64)}' is too long)`,
			);
		}
		metadata[key] = text;
	}
	return Object.keys(metadata).length ? metadata : undefined;
}
