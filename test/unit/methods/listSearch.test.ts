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
			server = await startFakeOpenAi({ models: ['zeta-model', 'alpha-model'], modelOwner: 'library' });
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

	describe('a server that lists OpenAI\'s own models (a proxy in front of api.openai.com)', () => {
		let server: FakeOpenAi;
		beforeAll(async () => {
			server = await startFakeOpenAi({ models: ['gpt-4o-mini', 'whisper-1', 'text-embedding-3-small', 'dall-e-2', 'dall-e-3', 'tts-1', 'gpt-image-1'] });
		});
		afterAll(async () => server.close());
		const search = async (method: keyof typeof listSearch) => {
			const context = { getCredentials: async () => ({ apiKey: TEST_API_KEY, baseUrl: server.url }) } as unknown as ILoadOptionsFunctions;
			return (await listSearch[method].call(context)).results.map((result) => result.value);
		};

		test('each operation sees only the models that fit it', async () => {
			expect(await search('searchModels_chat')).toEqual(['gpt-4o-mini']);
			expect(await search('searchModels_image')).toEqual(['dall-e-2', 'dall-e-3', 'gpt-image-1']);
			expect(await search('searchModels_imageEdit')).toEqual(['dall-e-2', 'gpt-image-1']);
			expect(await search('searchModels_imageVariation')).toEqual(['dall-e-2']);
			expect(await search('searchModels_translation')).toEqual(['whisper-1']);
			expect(await search('searchModels_embedding')).toEqual(['text-embedding-3-small']);
			expect(await search('searchModels_any')).toHaveLength(7);
		});
	});
});
