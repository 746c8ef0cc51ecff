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
