import { runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

describe('contract: Completion → Create against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('a prompt with every /completions setting', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'completion',
				operation: 'create',
				prompt: 'Once upon a time',
				options: {
					suffix: 'The end.',
					maxTokens: 64,
					temperature: 1.5,
					topP: 0.8,
					n: 2,
					stop: ['\n\n'],
					presencePenalty: 1,
					frequencyPenalty: 0.25,
					bestOf: 3,
					logprobs: 2,
					echo: true,
					logitBias: '{"50256": -100}',
					seed: 7,
					user: 'user-9',
				},
			},
			credentials: credentials(),
		});
		expect(output[0].json).toHaveProperty('choices');
		expect(output[0].json).toHaveProperty('text');
		expectAllConform(proxy.records, 1);
	});

	test('chat messages go to /chat/completions', async () => {
		await runNode({
			parameters: {
				resource: 'completion',
				operation: 'create',
				inputType: 'chatMessages',
				messages: { values: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }] },
				options: { maxTokens: 50, temperature: 0, stop: ['END'] },
			},
			credentials: credentials(),
		});
		expect(proxy.records[0].path).toBe('/chat/completions');
		expectAllConform(proxy.records, 1);
	});
});
