/**
 * A connected tool's argument schema as the JSON Schema OpenAI's function tools take. n8n's tools describe their
 * arguments with zod (version 3 or 4, depending on the tool's package) or with a JSON Schema already; the node
 * may depend only on `openai` and `undici`, so the common zod kinds are converted here. A kind not known here
 * becomes `{}` (any value), which the model can still fill in.
 */

export type JsonSchema = Record<string, unknown>;

type Def = Record<string, unknown>;

interface ZodLike {
	_def?: Def;
	_zod?: { def: Def; bag?: Record<string, unknown>; optin?: string };
	description?: unknown;
	isOptional?: () => boolean;
}

/** Nesting deeper than this (a recursive, lazy schema) is cut off as "any value". */
const MAX_DEPTH = 12;
const INTEGER_FORMATS = ['safeint', 'int32', 'uint32', 'int64', 'uint64'];

export function isZodSchema(value: unknown): value is ZodLike {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as ZodLike;
	return typeof candidate._zod?.def?.type === 'string' || typeof candidate._def?.typeName === 'string';
}

/** The kind of a zod schema in version 4's words ('object', 'optional', …); version 3's 'ZodNativeEnum' is 'nativeEnum'. */
function kindOf(schema: ZodLike): { kind: string; def: Def } {
	if (schema._zod) return { kind: String(schema._zod.def.type), def: schema._zod.def };
	const typeName = String(schema._def!.typeName).replace(/^Zod/, '');
	return { kind: typeName.charAt(0).toLowerCase() + typeName.slice(1), def: schema._def! };
}

/** Whether an object property may be left out (optional, or with a default). */
function isOptionalProperty(schema: unknown): boolean {
	if (!isZodSchema(schema)) return false;
	if (schema._zod) return schema._zod.optin === 'optional';
	try {
		return typeof schema.isOptional === 'function' && schema.isOptional();
	} catch {
		return false; // a transform that cannot take "nothing"
	}
}

function valueOf(value: unknown): unknown {
	return typeof value === 'function' ? (value as () => unknown)() : value;
}

function serializable(value: unknown): boolean {
	try {
		return value !== undefined && JSON.stringify(value) !== undefined;
	} catch {
		return false;
	}
}

function numberSchema(schema: ZodLike, def: Def): JsonSchema {
	const out: JsonSchema = { type: 'number' };
	if (schema._zod) {
		const bag = schema._zod.bag ?? {};
		if (INTEGER_FORMATS.includes(String(bag.format))) out.type = 'integer';
		// An integer format brings the safe-integer bounds along: only bounds of the tool's own are worth sending.
		const bound = (value: unknown) => typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER;
		if (bound(bag.minimum)) out.minimum = bag.minimum;
		if (bound(bag.maximum)) out.maximum = bag.maximum;
		return out;
	}
	for (const check of (def.checks as Array<{ kind?: string; value?: unknown; inclusive?: boolean }> | undefined) ?? []) {
		if (check.kind === 'int') out.type = 'integer';
		if (check.kind === 'min' && typeof check.value === 'number') out[check.inclusive === false ? 'exclusiveMinimum' : 'minimum'] = check.value;
		if (check.kind === 'max' && typeof check.value === 'number') out[check.inclusive === false ? 'exclusiveMaximum' : 'maximum'] = check.value;
	}
	return out;
}

function objectSchema(def: Def, depth: number): JsonSchema {
	const shape = (valueOf(def.shape) ?? {}) as Record<string, unknown>;
	const properties: Record<string, JsonSchema> = {};
	const required: string[] = [];
	for (const [key, property] of Object.entries(shape)) {
		properties[key] = convert(property, depth + 1);
		if (!isOptionalProperty(property)) required.push(key);
	}
	const out: JsonSchema = { type: 'object', properties };
	if (required.length > 0) out.required = required;
	return out;
}

function enumValues(kind: string, def: Def): unknown[] {
	if (kind === 'nativeEnum') {
		// A numeric TypeScript enum maps names to numbers and back: keep the values, not the reverse names.
		const values = def.values as Record<string, unknown>;
		return Object.values(values).filter((value) => typeof values[value as string] !== 'number');
	}
	if (Array.isArray(def.values)) return def.values as unknown[];
	return Object.values((def.entries ?? {}) as Record<string, unknown>);
}

/** The JSON Schema of one zod schema (without its description). */
function convertKind(schema: ZodLike, depth: number): JsonSchema {
	const { kind, def } = kindOf(schema);
	switch (kind) {
		case 'object':
			return objectSchema(def, depth);
		case 'string':
			return { type: 'string' };
		case 'number':
			return numberSchema(schema, def);
		case 'bigint':
			return { type: 'integer' };
		case 'boolean':
			return { type: 'boolean' };
		case 'null':
			return { type: 'null' };
		case 'date':
			return { type: 'string', format: 'date-time' };
		case 'array':
			return { type: 'array', items: convert(def.element ?? def.type, depth + 1) };
		case 'set':
			return { type: 'array', items: convert(def.valueType, depth + 1) };
		case 'tuple':
			return { type: 'array', prefixItems: ((def.items as unknown[]) ?? []).map((item) => convert(item, depth + 1)) };
		case 'enum':
		case 'nativeEnum':
			return { enum: enumValues(kind, def) };
		case 'literal': {
			const values = 'value' in def ? [def.value] : enumValues(kind, def);
			return values.length === 1 ? { const: values[0] } : { enum: values };
		}
		case 'record':
			return { type: 'object', additionalProperties: convert(def.valueType, depth + 1) };
		case 'union':
		case 'discriminatedUnion':
			return { anyOf: [...((valueOf(def.options) as Iterable<unknown>) ?? [])].map((option) => convert(option, depth + 1)) };
		case 'intersection':
			return { allOf: [convert(def.left, depth + 1), convert(def.right, depth + 1)] };
		case 'nullable':
			return { anyOf: [convert(def.innerType, depth + 1), { type: 'null' }] };
		case 'default':
		case 'prefault': {
			const inner = convert(def.innerType, depth + 1);
			const fallback = valueOf(def.defaultValue);
			return serializable(fallback) ? { ...inner, default: fallback } : inner;
		}
		case 'optional':
		case 'nonoptional':
		case 'readonly':
		case 'catch':
		case 'branded':
		case 'promise':
			return convert(def.innerType ?? def.type, depth + 1);
		case 'effects':
			return convert(def.schema, depth + 1); // a refinement or transform: the schema it starts from
		case 'pipeline':
		case 'pipe':
			return convert(def.in, depth + 1);
		case 'lazy':
			return convert(valueOf(def.getter), depth + 1);
		default:
			return {}; // any, unknown, custom, transform, …: any value
	}
}

/** A zod schema (or a JSON Schema, kept as it is) as JSON Schema. */
export function convert(schema: unknown, depth = 0): JsonSchema {
	if (!isZodSchema(schema)) return typeof schema === 'object' && schema !== null ? (schema as JsonSchema) : {};
	if (depth > MAX_DEPTH) return {};
	const out = convertKind(schema, depth);
	if (typeof schema.description === 'string' && schema.description !== '') out.description = schema.description;
	return out;
}

/**
 * The `parameters` of a function tool for a tool's schema, and whether the tool takes its arguments wrapped
 * in `{ input }` (a schema that is not an object, which a function's parameters must be).
 */
export function functionParameters(schema: unknown): { parameters: JsonSchema; wrapped: boolean } {
	if (schema === undefined || schema === null) return { parameters: { type: 'object', properties: {} }, wrapped: false };
	const converted = convert(schema);
	if (converted.type === 'object' || (converted.properties !== undefined && converted.type === undefined)) {
		return { parameters: { ...converted, type: 'object', properties: converted.properties ?? {} }, wrapped: false };
	}
	return { parameters: { type: 'object', properties: { input: converted }, required: ['input'] }, wrapped: true };
}
