/*
 * A connected tool's argument schema as a function tool's JSON Schema: zod 3 and zod 4 (what n8n's tools use,
 * depending on their package), LangChain's string tools, and a JSON Schema kept as it is.
 */
import { z } from 'zod';
import { z as z4 } from 'zod/v4';

import { convert, functionParameters } from '../../../../nodes/OpenAiToolkit/helpers/tools/schema';

// LangChain's own tool classes (what n8n's tool nodes hand over). Loaded untyped: type-checking LangChain's
// declarations takes minutes, and only the schemas the classes carry matter here.
type ToolClass = new (fields: Record<string, unknown>) => { schema: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DynamicStructuredTool, DynamicTool } = require('@langchain/core/tools') as { DynamicStructuredTool: ToolClass; DynamicTool: ToolClass };

const EXPECTED = {
	type: 'object',
	description: 'A flight search',
	properties: {
		from: { type: 'string', description: 'IATA code of the departure airport' },
		passengers: { type: 'integer', minimum: 1, maximum: 9 },
		price: { type: 'number' },
		direct: { type: 'boolean', default: false },
		cabin: { enum: ['economy', 'business'] },
		days: { type: 'array', items: { type: 'string', format: 'date-time' } },
		note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
		kind: { const: 'flight' },
		tags: { type: 'object', additionalProperties: { type: 'number' } },
		either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
		anything: {},
	},
	required: ['from', 'passengers', 'cabin', 'days', 'note', 'kind', 'tags', 'either'],
};

describe('tool argument schemas as JSON Schema', () => {
	test('zod 3: the common kinds, optional and default fields not required, descriptions kept', () => {
		const schema = z
			.object({
				from: z.string().describe('IATA code of the departure airport'),
				passengers: z.number().int().min(1).max(9),
				price: z.number().optional(),
				direct: z.boolean().default(false),
				cabin: z.enum(['economy', 'business']),
				days: z.array(z.date()),
				note: z.string().nullable(),
				kind: z.literal('flight'),
				tags: z.record(z.number()),
				either: z.union([z.string(), z.number()]),
				anything: z.any().optional(),
			})
			.describe('A flight search');
		expect(convert(schema)).toEqual(EXPECTED);
	});

	test('zod 4: the same schema gives the same JSON Schema', () => {
		const schema = z4
			.object({
				from: z4.string().describe('IATA code of the departure airport'),
				passengers: z4.number().int().min(1).max(9),
				price: z4.number().optional(),
				direct: z4.boolean().default(false),
				cabin: z4.enum(['economy', 'business']),
				days: z4.array(z4.date()),
				note: z4.string().nullable(),
				kind: z4.literal('flight'),
				tags: z4.record(z4.string(), z4.number()),
				either: z4.union([z4.string(), z4.number()]),
				anything: z4.any().optional(),
			})
			.describe('A flight search');
		expect(convert(schema)).toEqual(EXPECTED);
	});

	test('refinements, transforms, pipes and lazy schemas give the schema they start from; deep recursion is cut off', () => {
		expect(convert(z.string().refine((value) => value.length > 0))).toEqual({ type: 'string' });
		expect(convert(z.string().transform(Number))).toEqual({ type: 'string' });
		expect(convert(z4.string().transform(Number))).toEqual({ type: 'string' });
		expect(convert(z.lazy(() => z.boolean()))).toEqual({ type: 'boolean' });
		type Tree = { children: Tree[] };
		const tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(tree) }));
		expect(JSON.stringify(convert(tree)).length).toBeLessThan(2000);
	});

	test("LangChain's string tool takes { input }; a structured tool its object; a JSON Schema is kept", () => {
		const stringTool = new DynamicTool({ name: 'shout', description: 'Shouts', func: async (text: string) => text.toUpperCase() });
		expect(functionParameters(stringTool.schema)).toEqual({
			parameters: { type: 'object', properties: { input: { type: 'string' } } },
			wrapped: false,
		});
		const structured = new DynamicStructuredTool({
			name: 'add',
			description: 'Adds',
			schema: z.object({ a: z.number(), b: z.number() }),
			func: async ({ a, b }: { a: number; b: number }) => String(a + b),
		});
		expect(functionParameters(structured.schema).parameters).toEqual({
			type: 'object',
			properties: { a: { type: 'number' }, b: { type: 'number' } },
			required: ['a', 'b'],
		});
		const json = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
		expect(functionParameters(json)).toEqual({ parameters: json, wrapped: false });
	});

	test('no schema takes no arguments; a schema that is not an object is wrapped as { input }', () => {
		expect(functionParameters(undefined)).toEqual({ parameters: { type: 'object', properties: {} }, wrapped: false });
		expect(functionParameters(z.string())).toEqual({
			parameters: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] },
			wrapped: true,
		});
	});
});
