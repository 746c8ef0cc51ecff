import { runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

describe('contract: Embedding → Create against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('one text with User ID, dimensions and float encoding', async () => {
		const { output } = await runNode({
			parameters: { resource: 'embedding', operation: 'create', input: 'The food was delicious', user: 'user-1', options: { dimensions: 256 } },
			credentials: credentials(),
		});
		expect(output[0].json.object).toBe('embedding');
		expectAllConform(proxy.records, 1);
	});

	test('uneven items packed into one request, base64 encoding', async () => {
		const inputs: Array<string | string[]> = ['alpha', ['b1', 'b2', 'b3'], 'gamma'];
		await runNode({
			parameters: { resource: 'embedding', operation: 'create', input: (i: number) => inputs[i], options: { encodingFormat: 'base64' } },
			items: inputs.map(() => ({ json: {} })),
			// Prism answers with the spec's example (one vector), not one per text: the request is what is checked here.
			continueOnFail: true,
			credentials: credentials(),
		});
		expectAllConform(proxy.records, 1);
	});
});
