import type { ComparisonFilter, CompoundFilter } from 'openai/resources/shared';
import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError, parseJsonField, parseJsonObjectField } from '../../helpers/checks';

/** A vector store file's attributes: at most 16 keys, values texts, numbers or booleans (what search filters on). */
export type FileAttributes = Record<string, string | number | boolean>;

/**
 * Reads an "Attributes (JSON)" field. Unlike metadata, numbers and booleans stay what they are (a filter compares
 * them as such); nested values, null and a non-finite number are refused naming the field and the key.
 */
export function parseAttributes(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
): FileAttributes | undefined {
	const parsed = parseJsonObjectField(context, itemIndex, value, fieldName);
	if (!parsed) return undefined;
	const entries = Object.entries(parsed);
	if (entries.length > 16) {
		throw fieldError(context, itemIndex, `Field '${fieldName}' has ${entries.length} keys; OpenAI allows at most 16`);
	}
	const attributes: FileAttributes = {};
	for (const [key, entry] of entries) {
		const ok =
			(typeof entry === 'string' && entry.length <= 512) ||
			(typeof entry === 'number' && Number.isFinite(entry)) ||
			typeof entry === 'boolean';
		if (!ok || key.length > 64) {
			throw fieldError(
				context,
				itemIndex,
				`Field '${fieldName}': the value of '${key.slice(0, 64)}' must be a text (at most 512 characters), a number or a boolean, under a key of at most 64 characters`,
			);
		}
		attributes[key] = entry as string | number | boolean;
	}
	return attributes;
}

const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'];
const COMPOUNDS = ['and', 'or'];

/** What is wrong with a filter (at `where`), or undefined: the shapes of OpenAI's comparison and compound filters. */
function filterProblem(filter: unknown, where: string): string | undefined {
	if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return `${where} is not a JSON object`;
	const { type, key, value, filters } = filter as Record<string, unknown>;
	if (typeof type === 'string' && COMPOUNDS.includes(type)) {
		if (!Array.isArray(filters) || filters.length === 0) return `${where} ('${type}') needs a non-empty 'filters' list`;
		for (const [index, inner] of filters.entries()) {
			const problem = filterProblem(inner, `${where}.filters[${index}]`);
			if (problem) return problem;
		}
		return undefined;
	}
	if (typeof type !== 'string' || !COMPARISONS.includes(type)) {
		return `${where} has type '${String(type)}'; use one of ${[...COMPARISONS, ...COMPOUNDS].join(', ')}`;
	}
	if (typeof key !== 'string' || key === '') return `${where} needs a 'key' (the attribute to compare)`;
	const scalar = (entry: unknown) => typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry));
	const fits = Array.isArray(value) ? value.every(scalar) : scalar(value) || typeof value === 'boolean';
	if (!fits) return `${where} needs a 'value': a text, number, boolean or a list of texts and numbers`;
	return undefined;
}

/** Reads the search's attribute filter (a comparison or compound filter), checked before anything is sent. */
export function parseFilter(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
): ComparisonFilter | CompoundFilter | undefined {
	const parsed = parseJsonField(context, itemIndex, value, fieldName);
	if (parsed === undefined || (typeof parsed === 'object' && parsed !== null && Object.keys(parsed).length === 0)) {
		return undefined;
	}
	const problem = filterProblem(parsed, 'the filter');
	if (problem) {
		throw fieldError(
			context,
			itemIndex,
			`Field '${fieldName}': ${problem}`,
			'E.g. {"type": "eq", "key": "region", "value": "eu"} or {"type": "and", "filters": [ … ]}.',
		);
	}
	return parsed as ComparisonFilter | CompoundFilter;
}
