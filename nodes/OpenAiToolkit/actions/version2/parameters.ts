import type { IDisplayOptions, IExecuteFunctions } from 'n8n-workflow';

import { withGetNodeParameter } from '../../helpers/contextOverride';

/** A version 1 parameter that version 2 keeps under another name or path. */
export interface RenamedParameter {
	from: string;
	to: string;
	/** Where the version 2 parameter is shown; among several with the same `from`, the one shown is read. */
	show: IDisplayOptions['show'];
	/** Its default: a field moved into a collection has no value until set, and then reads as this. */
	fallback: unknown;
	/** A picker (resource locator) read as the plain ID, as the version 1 text field was. */
	extractValue?: boolean;
	/** Turns the version 2 value into the version 1 shape (fields tucked into an entry's collection, back out). */
	toVersion1?: (value: unknown) => unknown;
}

type Read = (name: string) => unknown;

function isShown(show: IDisplayOptions['show'], read: Read): boolean {
	return Object.entries(show ?? {}).every(([name, allowed]) => {
		if (name.startsWith('@')) return true; // @version: this node is version 2
		try {
			return (allowed as unknown[]).includes(read(name));
		} catch {
			return false;
		}
	});
}

/**
 * The execute functions of a version 2 node, read by version 1 names: `getNodeParameter('model', i)` reads the
 * model field that is shown (Chat's `chatModel`, Image's `imageModel`), `getNodeParameter('user', i)` reads
 * `options.user` where version 2 moved it. Every other call goes to n8n unchanged.
 */
export function withVersion2Parameters(context: IExecuteFunctions, renames: readonly RenamedParameter[]): IExecuteFunctions {
	const byName = new Map<string, RenamedParameter[]>();
	for (const rename of renames) byName.set(rename.from, [...(byName.get(rename.from) ?? []), rename]);
	const original = context.getNodeParameter.bind(context) as (...args: unknown[]) => unknown;

	const getNodeParameter = ((name: string, itemIndex: number, fallbackValue?: unknown, options?: unknown) => {
		const candidates = byName.get(name);
		const read: Read = (parameter) => original(parameter, itemIndex, undefined);
		const target = candidates?.find((candidate) => isShown(candidate.show, read));
		if (!target) return original(name, itemIndex, fallbackValue, options);
		const readOptions = target.extractValue && options === undefined ? { extractValue: true } : options;
		const value = original(target.to, itemIndex, fallbackValue === undefined ? target.fallback : fallbackValue, readOptions);
		return target.toVersion1 ? target.toVersion1(value) : value;
	}) as IExecuteFunctions['getNodeParameter'];

	return withGetNodeParameter(context, getNodeParameter);
}
