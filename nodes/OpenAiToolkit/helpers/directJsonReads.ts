import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withGetNodeParameter } from './contextOverride';

/**
 * n8n evaluates every expression in a sandbox (n8n 2.x: an isolated VM), which costs about a millisecond per
 * expression per item: most of this node's own time per item when requests are fast. By far the most common
 * expression needs none of that: `={{ $json.text }}` is just the item's own value.
 *
 * `withDirectJsonReads(context)` returns the same execute functions, except that `getNodeParameter` reads a
 * parameter straight from the item when every expression in it has that form (`$json.a.b`, `$json["a b"]`,
 * `$json.list[0]`) and each one points at a string, number or boolean the item itself holds. Anything else — any
 * other expression, a missing key, an object, a call with options — is left to n8n, so the result is always what
 * n8n would have given.
 */

/** `={{ $json<path> }}` and nothing else; the path is dots and brackets only. */
const WHOLE_JSON_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"[^"\\]*"|'[^'\\]*')\])+)\s*\}\}$/;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"\\]*)"\]|\['([^'\\]*)'\]/g;

/** Where a parameter's value comes from: a fixed value, a path in the item's JSON, or a list/object of those. */
type Plan =
	| { kind: 'fixed'; value: unknown }
	| { kind: 'json'; path: string[] }
	| { kind: 'list'; entries: Plan[] }
	| { kind: 'object'; entries: Array<[string, Plan]> };

const NOT_DIRECT = Symbol('not direct');

function jsonPath(expression: string): string[] | undefined {
	const match = WHOLE_JSON_EXPRESSION.exec(expression);
	if (!match) return undefined;
	return Array.from(match[1].matchAll(PATH_STEP), (step) => step[1] ?? step[2] ?? step[3] ?? step[4]);
}

/** The plan of a raw parameter value, or undefined when n8n must resolve it (or when it has no expression). */
function planOf(raw: unknown): { plan: Plan; expressions: number } | undefined {
	if (typeof raw === 'string' && raw.startsWith('=')) {
		const path = jsonPath(raw);
		return path ? { plan: { kind: 'json', path }, expressions: 1 } : undefined;
	}
	if (raw === null || typeof raw !== 'object') return { plan: { kind: 'fixed', value: raw }, expressions: 0 };
	let expressions = 0;
	const entries: Array<[string, Plan]> = [];
	for (const [key, value] of Object.entries(raw)) {
		const inner = planOf(value);
		if (!inner) return undefined;
		expressions += inner.expressions;
		entries.push([key, inner.plan]);
	}
	const plan: Plan = Array.isArray(raw)
		? { kind: 'list', entries: entries.map(([, entry]) => entry) }
		: { kind: 'object', entries };
	return { plan, expressions };
}

function readPath(json: unknown, path: string[]): unknown {
	let value = json;
	for (const key of path) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) {
			return NOT_DIRECT;
		}
		value = (value as Record<string, unknown>)[key];
	}
	const type = typeof value;
	if (type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value))) return value;
	return NOT_DIRECT;
}

function materialize(plan: Plan, json: unknown): unknown {
	switch (plan.kind) {
		case 'fixed':
			return plan.value;
		case 'json':
			return readPath(json, plan.path);
		case 'list': {
			const list: unknown[] = [];
			for (const entry of plan.entries) {
				const value = materialize(entry, json);
				if (value === NOT_DIRECT) return NOT_DIRECT;
				list.push(value);
			}
			return list;
		}
		case 'object': {
			const object: Record<string, unknown> = {};
			for (const [key, entry] of plan.entries) {
				const value = materialize(entry, json);
				if (value === NOT_DIRECT) return NOT_DIRECT;
				object[key] = value;
			}
			return object;
		}
	}
}

function rawParameter(parameters: unknown, name: string): unknown {
	let value = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

export function withDirectJsonReads(context: IExecuteFunctions): IExecuteFunctions {
	// The node's parameters and the input items do not change during the node's run.
	const parameters = context.getNode().parameters;
	let items: INodeExecutionData[] | undefined;
	const plans = new Map<string, Plan | undefined>();
	const planFor = (name: string): Plan | undefined => {
		if (!plans.has(name)) {
			const planned = planOf(rawParameter(parameters, name));
			// A parameter without expressions is cheap for n8n and may need its defaults and type handling.
			plans.set(name, planned && planned.expressions > 0 ? planned.plan : undefined);
		}
		return plans.get(name);
	};

	const getNodeParameter = ((name: string, itemIndex: number, fallbackValue?: unknown, options?: unknown) => {
		const plan = options === undefined ? planFor(name) : undefined;
		if (plan) {
			items ??= context.getInputData();
			const item = items[itemIndex];
			// A copy each time, as n8n gives: an operation may change what it gets.
			const value = item ? materialize(plan, item.json) : NOT_DIRECT;
			if (value !== NOT_DIRECT) return value;
		}
		return (context.getNodeParameter as (...args: unknown[]) => unknown)(name, itemIndex, fallbackValue, options);
	}) as IExecuteFunctions['getNodeParameter'];

	return withGetNodeParameter(context, getNodeParameter);
}
