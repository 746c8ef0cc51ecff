/**
 * `={{ $json.… }}` parameters are read from the item directly instead of through n8n's expression engine
 * (helpers/directJsonReads.ts). Run by n8n-core's real engine, every request body must be exactly what n8n's own
 * evaluation gives. `={{ ($json.…) }}` means the same to n8n but is not read directly, so each case runs both
 * ways and the bodies are compared.
 */
import type { IDataObject } from 'n8n-workflow';

import { outputOf, runWorkflow } from './support/runWorkflow';
import { useFakeOpenAi } from './support/fakeServer';
import { chain, itemsNode, testCredentials, toolkitNode } from './support/workflow';

const ITEMS: IDataObject[] = [
	{ text: 'Plain question', n: 7, flag: true, nested: { list: ['first', 'second'] }, 'with space': 'spaced key' },
	{ text: 'Ünïcödé ✓ and "quotes"', n: 0.5, flag: false, nested: { list: ['x'] }, 'with space': '' },
	{ text: '', n: -3, flag: true, nested: { list: [] }, 'with space': 'y' },
	{ text: { an: 'object' }, n: null, flag: 'yes', nested: 'not an object', 'with space': 42 },
	{ n: 1 },
];

/** The content and max_completion_tokens expressions of each case, as the user would type them. */
const CASES: Array<{ title: string; content: string; temperature?: string }> = [
	{ title: 'a top-level key', content: '$json.text' },
	{ title: 'a nested list entry', content: '$json.nested.list[1]' },
	{ title: 'a quoted key with a space', content: '$json["with space"]' },
	{ title: 'a number', content: '$json.n' },
	{ title: 'a boolean', content: '$json.flag' },
	{ title: 'an expression in a collection too', content: '$json.text', temperature: '$json.n' },
];

describe('engine: $json expressions read directly give what n8n gives', () => {
	const fake = useFakeOpenAi();

	async function bodiesFor(content: string, temperature?: string) {
		fake.server.reset();
		const parameters = {
			resource: 'chat',
			operation: 'createCompletion',
			model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
			messages: { values: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }] },
			options: temperature ? { temperature } : {},
			requestOptions: { concurrency: 1 },
		};
		const run = await runWorkflow(
			chain(itemsNode('Items', ITEMS), toolkitNode('Chat', parameters, { onError: 'continueRegularOutput' })),
			{ credentials: testCredentials(fake.server.url) },
		);
		expect(run.status).toBe('success');
		return {
			bodies: fake.server.requests.map((request) => request.body),
			output: outputOf(run, 'Chat').map((item) => item.json.error ?? item.json.text),
		};
	}

	test.each(CASES)('$title', async ({ content, temperature }) => {
		const direct = await bodiesFor(`={{ ${content} }}`, temperature && `={{ ${temperature} }}`);
		const byN8n = await bodiesFor(`={{ (${content}) }}`, temperature && `={{ (${temperature}) }}`);

		expect(direct.bodies.length).toBeGreaterThan(0);
		expect(direct.bodies).toEqual(byN8n.bodies);
		expect(direct.output).toEqual(byN8n.output);
	});

	test('the values really come from each item', async () => {
		const { bodies } = await bodiesFor('={{ $json.text }}');
		// Items 3 (an object) and 5 (no text) go through n8n: an object becomes its JSON text, a missing key the
		// empty string that the node refuses before sending.
		expect(bodies.map((body) => (body as { messages: Array<{ content: unknown }> }).messages[1].content)).toEqual([
			'Plain question',
			'Ünïcödé ✓ and "quotes"',
			'{"an":"object"}',
		]);
	});
});
