import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../../../nodes/OpenAiToolkit/methods';
import { TEST_API_KEY } from '../../../support/constants';
import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';

describe('Video → Model list (searchVideoModels)', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi({ models: ['gpt-4o-mini', 'sora-2-2025-12-08', 'dall-e-3'] });
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const context = (baseUrl: string) => ({ getCredentials: async () => ({ apiKey: TEST_API_KEY, baseUrl }) }) as unknown as ILoadOptionsFunctions;

	test('sora-2 and sora-2-pro, and every Sora model the server lists; nothing else', async () => {
		const { results } = await listSearch.searchVideoModels.call(context(server.url));
		expect(results.map((result) => result.value)).toEqual(['sora-2', 'sora-2-2025-12-08', 'sora-2-pro']);
		expect(server.requests[0].path).toBe('/v1/models');
	});

	test('the search text narrows the list', async () => {
		const { results } = await listSearch.searchVideoModels.call(context(server.url), 'PRO');
		expect(results).toEqual([{ name: 'sora-2-pro', value: 'sora-2-pro' }]);
	});

	test('when the models cannot be listed the two known ones are still offered', async () => {
		server.queueFault({ status: 401, body: { error: { message: 'bad key', type: 'invalid_request_error', param: null, code: null } } });
		const { results } = await listSearch.searchVideoModels.call(context(server.url));
		expect(results.map((result) => result.value)).toEqual(['sora-2', 'sora-2-pro']);
	});
});
