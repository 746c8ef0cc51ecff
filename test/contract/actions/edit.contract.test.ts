import { runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

// The legacy /edits path is not in the official spec any more: it is tested against the fake server only.
describe('contract: Edit → Create (emulated by a chat completion) against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('input, instruction, n, temperature and top p', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'edit',
				operation: 'create',
				input: 'What day of the wek is it?',
				instruction: 'Fix the spelling mistakes',
				options: { n: 2, temperature: 0.5, topP: 1 },
			},
			credentials: credentials(),
		});
		expect(proxy.records[0].path).toBe('/chat/completions');
		expect(output[0].json.object).toBe('edit');
		expectAllConform(proxy.records, 1);
	});
});
