/**
 * fast-check arbitraries for the node's parameters, derived from the field definitions alone (type, options,
 * typeOptions, default), so a new operation or field is fuzzed without editing the suite. Every generator mixes
 * values the editor could produce with hostile ones an expression could produce: huge and control-character
 * strings, NaN/±Infinity/negative/huge numbers, wrong types, malformed JSON, missing binary properties.
 */
import fc from 'fast-check';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

/** Values a test knows to exist on the fake server (seeded IDs), offered to every text field. */
export interface KnownValues {
	ids: string[];
}

const HUGE = 'A'.repeat(200_000);
const CONTROL = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('') + '\u007f\u2028\u2029\ufeff';

const controlText = fc
	.array(fc.constantFrom(...CONTROL.split(''), '\ud800', '\udfff', 'é', '💥', ' ', 'a'), { maxLength: 40 })
	.map((chars) => chars.join(''));

/** Wrong types for any field: what an expression can return where a plain value was expected. */
export const wrongType = fc.oneof(
	fc.constant(null),
	fc.constant({ nested: { value: 1 } }),
	fc.constant([1, 'two', null]),
	fc.constant(true),
	fc.constant(NaN),
	fc.constant(42),
);

export const hostileText = fc.oneof(
	fc.constant(''),
	fc.constant('   \n\t '),
	fc.constant(HUGE),
	controlText,
	fc.constant('../../v1/files?purpose=x#frag'),
	fc.constant('%00%2e%2e/%2F'),
	fc.constant('http://user:pass@evil.example/steal'),
	fc.constant('={{ $json.text }}'),
	fc.constant('{"unterminated": '),
	fc.constant('__proto__'),
	fc.string({ maxLength: 30 }),
);

const plainText = fc.constantFrom('Hello', 'gpt-4o-mini', 'data', 'A short prompt.', 'user-1');

/** Binary property names: the one that exists, one that does not, lists and junk. */
const binaryName = fc.oneof(
	fc.constantFrom('data', 'data', 'missing', 'data, missing', 'data,data', ''),
	hostileText,
	wrongType,
);

function textArb(property: INodeProperties, known: KnownValues, hostile: boolean): fc.Arbitrary<unknown> {
	if (/binaryProperty/i.test(property.name) && !/Output$/.test(property.name)) return hostile ? binaryName : fc.constant('data');
	// A field's own default is valid by construction: the likeliest valid value.
	const valid: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 2, arbitrary: plainText }];
	if (typeof property.default === 'string' && property.default !== '') valid.push({ weight: 4, arbitrary: fc.constant(property.default) });
	if (known.ids.length > 0) valid.push({ weight: 1, arbitrary: fc.constantFrom(...known.ids) });
	if (property.typeOptions?.multipleValues) {
		if (!hostile) return fc.array(plainText, { maxLength: 3 });
		return fc.oneof(fc.array(fc.oneof(plainText, hostileText), { maxLength: 5 }), hostileText, wrongType);
	}
	if (!hostile) return fc.oneof(...valid);
	return fc.oneof({ weight: 1, arbitrary: fc.oneof(...valid) }, { weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: wrongType });
}

const hostileNumber = fc.constantFrom<unknown>(
	NaN,
	Infinity,
	-Infinity,
	-1,
	-0.5,
	0,
	1e308,
	-1e308,
	Number.MAX_SAFE_INTEGER + 2,
	5e-324,
	1.5,
	'12',
	'abc',
	'',
	' ',
	'1e400',
	'0x10',
	null,
	true,
	{},
	[],
	[3],
);

function numberArb(property: INodeProperties, hostile: boolean): fc.Arbitrary<unknown> {
	const min = typeof property.typeOptions?.minValue === 'number' ? property.typeOptions.minValue : undefined;
	const max = typeof property.typeOptions?.maxValue === 'number' ? property.typeOptions.maxValue : undefined;
	const low = min ?? 0;
	const high = max ?? Math.max(low + 100, typeof property.default === 'number' ? property.default : 0);
	const integer = !property.typeOptions?.numberPrecision;
	const valid = integer
		? fc.integer({ min: Math.ceil(low), max: Math.floor(Math.min(high, low + 10)) })
		: fc.double({ min: low, max: Math.min(high, low + 10), noNaN: true, noDefaultInfinity: true });
	const edges = [low, high, ...(typeof property.default === 'number' ? [property.default] : [])];
	if (!hostile) return fc.oneof(valid, fc.constantFrom(...edges));
	return fc.oneof(
		{ weight: 3, arbitrary: valid },
		{ weight: 1, arbitrary: fc.constantFrom(...edges) },
		{ weight: 1, arbitrary: fc.constantFrom(low - 1, high + 1, low - 0.001) },
		{ weight: 4, arbitrary: hostileNumber },
	);
}

function optionValues(property: INodeProperties): unknown[] {
	return ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

function optionsArb(property: INodeProperties, hostile: boolean): fc.Arbitrary<unknown> {
	const values = optionValues(property);
	const valid = values.length > 0 ? fc.constantFrom(...values) : fc.constant(property.default);
	if (!hostile) return valid;
	return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('no-such-option', ''), wrongType) });
}

function multiOptionsArb(property: INodeProperties, hostile: boolean): fc.Arbitrary<unknown> {
	const values = optionValues(property);
	if (!hostile) return fc.subarray(values);
	return fc.oneof(
		{ weight: 4, arbitrary: fc.subarray(values) },
		{ weight: 1, arbitrary: fc.oneof(fc.constant(['no-such-option']), fc.constant(values[0] ?? 'x'), wrongType) },
	);
}

const validJsonText = fc.constantFrom('{}', '[]', '{"a": 1}', '[{"role": "user", "content": "Hi"}]', '{"type": "object"}');
const malformedJson = fc.constantFrom(
	'{',
	'{"a":',
	'[1, 2',
	'null',
	'"just text"',
	'1e999',
	'{"a": NaN}',
	"{'single': 'quotes'}",
	'{"__proto__": {"polluted": true}}',
	'['.repeat(5000) + ']'.repeat(5000),
	`{"big": "${HUGE}"}`,
	'\u0000{}',
);

function jsonArb(property: INodeProperties, hostile: boolean): fc.Arbitrary<unknown> {
	const valid: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 1, arbitrary: validJsonText }];
	if (typeof property.default === 'string') valid.push({ weight: 4, arbitrary: fc.constant(property.default) });
	if (!hostile) return fc.oneof(...valid);
	return fc.oneof(
		{ weight: 1, arbitrary: fc.oneof(...valid) },
		{ weight: 3, arbitrary: malformedJson },
		// An expression may give the parsed value itself instead of text.
		{ weight: 1, arbitrary: fc.oneof(fc.constant({ a: 1 }), fc.constant([{ role: 'user', content: 'Hi' }])) },
		{ weight: 1, arbitrary: fc.oneof(hostileText, wrongType) },
	);
}

function boolArb(hostile: boolean): fc.Arbitrary<unknown> {
	if (!hostile) return fc.boolean();
	return fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom<unknown>('true', 'false', 0, 1, null, 'yes') });
}

function resourceLocatorArb(property: INodeProperties, known: KnownValues, hostile: boolean): fc.Arbitrary<unknown> {
	const defaultValue = (property.default as { value?: unknown } | undefined)?.value;
	const validValue = fc.constantFrom(...[defaultValue, 'gpt-4o-mini', ...known.ids].filter((v) => typeof v === 'string' && v !== ''));
	if (!hostile) return fc.record({ __rl: fc.constant(true), mode: fc.constantFrom('list', 'id'), value: validValue });
	const value = fc.oneof(
		{ weight: 1, arbitrary: validValue },
		{ weight: 2, arbitrary: hostileText },
		{ weight: 1, arbitrary: wrongType },
	);
	return fc.oneof(
		{ weight: 3, arbitrary: fc.record({ __rl: fc.constant(true), mode: fc.constantFrom('list', 'id', 'url'), value }) },
		{ weight: 1, arbitrary: fc.oneof(hostileText, wrongType) },
	);
}

/** An options collection: any subset of its fields, each with its own arbitrary. */
function collectionArb(property: INodeProperties, known: KnownValues, hostile: boolean): fc.Arbitrary<unknown> {
	const fields = (property.options ?? []) as INodeProperties[];
	const model: Record<string, fc.Arbitrary<unknown>> = {};
	for (const field of fields) model[field.name] = fieldArbitrary(field, known, hostile);
	return fc.record(model, { requiredKeys: [] });
}

/** A fixed collection: 0–3 entries per group (one for a single-value group), each entry a record of its fields. */
function fixedCollectionArb(property: INodeProperties, known: KnownValues, hostile: boolean): fc.Arbitrary<unknown> {
	const groups = (property.options ?? []) as INodePropertyCollection[];
	const model: Record<string, fc.Arbitrary<unknown>> = {};
	for (const group of groups) {
		const entryModel: Record<string, fc.Arbitrary<unknown>> = {};
		for (const field of group.values) entryModel[field.name] = fieldArbitrary(field, known, hostile);
		const entry = fc.record(entryModel, { requiredKeys: [] });
		model[group.name] = property.typeOptions?.multipleValues ? fc.array(entry, { maxLength: 3 }) : entry;
	}
	return fc.record(model, { requiredKeys: [] });
}

/** The arbitrary of one field, by its type: only values the editor could produce, or hostile ones too. */
export function fieldArbitrary(property: INodeProperties, known: KnownValues, hostile: boolean): fc.Arbitrary<unknown> {
	switch (property.type) {
		case 'string':
			return textArb(property, known, hostile);
		case 'number':
			return numberArb(property, hostile);
		case 'boolean':
			return boolArb(hostile);
		case 'options':
			return optionsArb(property, hostile);
		case 'multiOptions':
			return multiOptionsArb(property, hostile);
		case 'json':
			return jsonArb(property, hostile);
		case 'resourceLocator':
			return resourceLocatorArb(property, known, hostile);
		case 'collection':
			return collectionArb(property, known, hostile);
		case 'fixedCollection':
			return fixedCollectionArb(property, known, hostile);
		default:
			return fc.constant(property.default);
	}
}

/** Each field's arbitrary, by name (several fields may share a name, shown for different settings). */
function recordOf(properties: INodeProperties[], known: KnownValues, hostile: boolean): fc.Arbitrary<Record<string, unknown>> {
	const byName = new Map<string, Array<fc.Arbitrary<unknown>>>();
	for (const property of properties) {
		if (property.type === 'notice') continue;
		const list = byName.get(property.name) ?? [];
		list.push(fieldArbitrary(property, known, hostile));
		byName.set(property.name, list);
	}
	const model: Record<string, fc.Arbitrary<unknown>> = {};
	for (const [name, list] of byName) model[name] = list.length === 1 ? list[0] : fc.oneof(...list);
	return fc.record(model, { requiredKeys: [] });
}

/**
 * One item's parameters for an operation: any of its fields, set or left out (n8n then uses the default);
 * fields hidden by displayOptions are dropped later by n8n's own parameter resolution. An item is all valid
 * (so requests go out), valid but for one hostile field (so a failure points at that field), or hostile
 * throughout.
 */
export function parametersArbitrary(properties: INodeProperties[], known: KnownValues): fc.Arbitrary<Record<string, unknown>> {
	const valid = recordOf(properties, known, false);
	const hostile = recordOf(properties, known, true);
	const oneHostile = fc.tuple(valid, hostile, fc.nat()).map(([base, wild, pick]) => {
		const keys = Object.keys(wild);
		if (keys.length === 0) return base;
		const key = keys[pick % keys.length];
		return { ...base, [key]: wild[key] };
	});
	return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: oneHostile }, { weight: 1, arbitrary: hostile });
}
