import { binaryFrom, runNode } from '../../support/executeContext';
import { expectAllConform, useContractProxy } from '../support';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('contract: Moderation → Create against the Prism mock of the official spec', () => {
	const proxy = useContractProxy();
	const credentials = () => ({ baseUrl: proxy.url });

	test('several text samples', async () => {
		const { output } = await runNode({
			parameters: {
				resource: 'moderation',
				operation: 'create',
				moderationInput: { values: [{ type: 'text', text: 'I want to hug everyone' }, { type: 'text', text: 'Another sample' }] },
			},
			credentials: credentials(),
		});
		expect(typeof output[0].json.flagged).toBe('boolean');
		expectAllConform(proxy.records, 1);
	});

	test('text and images (URL and binary): the texts in one request, each image a sample of its own', async () => {
		await runNode({
			parameters: {
				resource: 'moderation',
				operation: 'create',
				model: { __rl: true, mode: 'id', value: 'omni-moderation-2024-09-26' },
				moderationInput: {
					values: [
						{ type: 'text', text: 'Look at this' },
						{ type: 'imageUrl', imageUrl: 'https://example.com/image.jpg' },
						{ type: 'imageBinary', binaryPropertyName: 'data' },
					],
				},
			},
			items: [{ json: {}, binary: { data: binaryFrom(PNG, 'p.png', 'image/png') } }],
			credentials: credentials(),
		});
		// One result per sample (as Fusion gives it): OpenAI scores a multi-modal input as one sample.
		expectAllConform(proxy.records, 3);
	});
});
