import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The same execute functions with another `getNodeParameter`: the one way this node changes how parameters are
 * read (direct JSON reads, version 2 names). n8n's own methods keep their own `this`.
 */
export function withGetNodeParameter(
	context: IExecuteFunctions,
	getNodeParameter: IExecuteFunctions['getNodeParameter'],
): IExecuteFunctions {
	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			if (!bound.has(property)) bound.set(property, (value as (...args: unknown[]) => unknown).bind(target));
			return bound.get(property);
		},
	});
}
