import type { IExecuteFunctions } from 'n8n-workflow';

import { readNumber } from './checks';

/**
 * Reads Return All / Limit (helpers/fields.ts's returnAllOrLimitFields): undefined means no limit; otherwise a
 * whole number of at least 1, checked like every number (an expression can hand over anything).
 */
export function readResultLimit(context: IExecuteFunctions, itemIndex: number, defaultLimit = 50): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return readNumber(context, itemIndex, 'limit', defaultLimit, 'Limit', { min: 1, integer: true });
}

/**
 * Collects from an SDK list (its async iterator follows the cursor pages) until `limit` items, or all of them
 * when `limit` is undefined. Stops fetching as soon as enough items are in.
 */
export async function collect<T>(list: AsyncIterable<T>, limit: number | undefined): Promise<T[]> {
	const out: T[] = [];
	if (limit !== undefined && limit <= 0) return out;
	for await (const entry of list) {
		out.push(entry);
		if (limit !== undefined && out.length >= limit) break;
	}
	return out;
}
