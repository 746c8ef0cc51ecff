/**
 * Which parameters withDirectJsonReads reads from the item itself and which it leaves to n8n. That the values are
 * the ones n8n gives is proven against n8n-core's engine in test/engine/directJsonReads.test.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { withDirectJsonReads } from '../../../nodes/OpenAiToolkit/helpers/directJsonReads';

const N8N_VALUE = 'value from n8n';

function stubContext(parameters: INodeParameters, items: IDataObject[]) {
	const calls: Array<[string, number]> = [];
	const context = {
		getNode: () => ({ parameters }),
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number) => {
			calls.push([name, itemIndex]);
			return N8N_VALUE;
		},
		continueOnFail() {
			return this === context;
		},
	};
	return { context: withDirectJsonReads(context as unknown as IExecuteFunctions), calls };
}

const items: IDataObject[] = [
	{ text: 'first', n: 2, ok: true, deep: { list: ['a', 'b'] }, 'a key': 'spaced', obj: { x: 1 }, nil: null },
	{ text: 'second', n: 3, ok: false, deep: { list: ['c'] }, 'a key': 's2', obj: [1], nil: null },
];

describe('withDirectJsonReads', () => {
	test.each([
		['={{ $json.text }}', ['first', 'second']],
		['={{$json.n}}', [2, 3]],
		['={{ $json.ok }}', [true, false]],
		['={{ $json.deep.list[0] }}', ['a', 'c']],
		['={{ $json["a key"] }}', ['spaced', 's2']],
		["={{ $json['a key'] }}", ['spaced', 's2']],
	])('%s is read from each item without n8n', (expression, expected) => {
		const { context, calls } = stubContext({ prompt: expression }, items);
		expect([0, 1].map((i) => context.getNodeParameter('prompt', i))).toEqual(expected);
		expect(calls).toEqual([]);
	});

	test('a list of entries with fixed values and expressions is built per item, a fresh copy each time', () => {
		const { context, calls } = stubContext(
			{ messages: { values: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '={{ $json.text }}' }] } },
			items,
		);
		const first = context.getNodeParameter('messages.values', 0) as IDataObject[];
		expect(first).toEqual([
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'first' },
		]);
		first[0].content = 'changed';
		expect(context.getNodeParameter('messages.values', 1)).toEqual([
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'second' },
		]);
		expect(calls).toEqual([]);
	});

	test.each([
		['another expression', { prompt: '={{ $json.text.toUpperCase() }}' }, 'prompt'],
		['text around the expression', { prompt: '=Q: {{ $json.text }}' }, 'prompt'],
		['another variable', { prompt: '={{ $input.item.json.text }}' }, 'prompt'],
		['a missing key', { prompt: '={{ $json.missing }}' }, 'prompt'],
		['an object value', { prompt: '={{ $json.obj }}' }, 'prompt'],
		['a null value', { prompt: '={{ $json.nil }}' }, 'prompt'],
		['a path through a non-object', { prompt: '={{ $json.text.length }}' }, 'prompt'],
		['an inherited property', { prompt: '={{ $json.constructor }}' }, 'prompt'],
		['no expression at all', { prompt: 'fixed text' }, 'prompt'],
		['a parameter that is not set', {}, 'prompt'],
		['one entry n8n must resolve among direct ones', { m: [{ a: '={{ $json.text }}' }, { a: '={{ $now }}' }] }, 'm'],
	])('%s goes to n8n', (_title, parameters, name) => {
		const { context, calls } = stubContext(parameters as INodeParameters, items);
		expect(context.getNodeParameter(name, 1)).toBe(N8N_VALUE);
		expect(calls).toEqual([[name, 1]]);
	});

	test('a call with options (such as extractValue) goes to n8n', () => {
		const { context, calls } = stubContext({ prompt: '={{ $json.text }}' }, items);
		expect(context.getNodeParameter('prompt', 0, '', { extractValue: true })).toBe(N8N_VALUE);
		expect(calls).toEqual([['prompt', 0]]);
	});

	test("n8n's other functions are called on n8n's own context", () => {
		const { context } = stubContext({}, items);
		expect(context.continueOnFail()).toBe(true);
	});
});
