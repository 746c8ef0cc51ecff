import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { filterModelIds, listSearch } from '../../../nodes/OpenAiToolkit/methods/listSearch';
import { TEST_API_KEY } from '../../support/constants';
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';

const OPENAI = 'https://api.openai.com/v1';
const IDS = [
	'gpt-4o-mini',
	'gpt-4o-realtime-preview',
	'gpt-3.5-turbo-instruct',
	'text-embedding-3-small',
	'omni-moderation-latest',
	'dall-e-3',
	'gpt-image-1',
	'whisper-1',
	'gpt-4o-mini-transcribe',
	'tts-1',
	'o3-mini',
	'ft:gpt-4o-mini:acme::abc',
];

describe('model search lists', () => {
	test.each([
		['chat', ['ft:gpt-4o-mini:acme::abc', 'gpt-4o-mini', 'o3-mini']],
		['completion', ['gpt-3.5-turbo-instruct']],
		['embedding', ['text-embedding-3-small']],
		['moderation', ['omni-moderation-latest']],
		['image', ['dall-e-3', 'gpt-image-1']],
		['transcription', ['gpt-4o-mini-transcribe', 'whisper-1']],
		['speech', ['tts-1']],
	] as const)('on api.openai.com, %s offers only the models that fit', (kind, expected) => {
		expect(filterModelIds(IDS, kind, OPENAI)).toEqual(expected);
	});

	test('on any other Base URL every model is offered (compatible servers name models freely)', () => {
		expect(filterModelIds(['llama3.1:8b', 'qwen2.5'], 'chat', 'http://localhost:11434/v1')).toEqual(['llama3.1:8b', 'qwen2.5']);
	});

	test('the search text narrows the list, case-insensitively', () => {
		expect(filterModelIds(IDS, 'any', OPENAI, 'MINI')).toEqual([
			'ft:gpt-4o-mini:acme::abc',
			'gpt-4o-mini',
			'gpt-4o-mini-transcribe',
			'o3-mini',
		]);
	});

	describe('against the fake server', () => {
		let server: FakeOpenAi;
		beforeAll(async () => {
			server = await startFakeOpenAi({ models: ['zeta-model', 'alpha-model'] });
		});
		afterAll(async () => server.close());

		test('searchModels reads GET /models with the credential and returns name/value pairs', async () => {
			const context = {
				getCredentials: async () => ({ apiKey: TEST_API_KEY, baseUrl: server.url }),
			} as unknown as ILoadOptionsFunctions;
			const result = await listSearch.searchModels_chat.call(context, 'model');
			expect(result.results).toEqual([
				{ name: 'alpha-model', value: 'alpha-model' },
				{ name: 'zeta-model', value: 'zeta-model' },
			]);
			expect(server.requests[0].path).toBe('/v1/models');
			expect(server.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		});
	});
});
