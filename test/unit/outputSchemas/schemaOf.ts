/** A JSON Schema (the subset n8n's schema preview reads) of one output item's JSON, from a sample of it. */
export type JsonSchema = {
	type: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
};

export function schemaOf(value: unknown): JsonSchema {
	if (value === null || value === undefined) return { type: 'null' };
	if (Array.isArray(value)) return value.length > 0 ? { type: 'array', items: schemaOf(value[0]) } : { type: 'array' };
	if (typeof value === 'object') {
		const properties: Record<string, JsonSchema> = {};
		for (const [key, entry] of Object.entries(value)) properties[key] = schemaOf(entry);
		return { type: 'object', properties };
	}
	if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
	return { type: typeof value };
}
