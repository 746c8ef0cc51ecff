/**
 * The fake OpenAI server for a describe block of engine tests: started once, reset before each test, and closed
 * (with the engine's own state torn down) after the last.
 */
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { tearDownEngine } from './runWorkflow';

export function useFakeOpenAi(): { server: FakeOpenAi } {
	const fake = {} as { server: FakeOpenAi };
	beforeAll(async () => {
		fake.server = await startFakeOpenAi();
	});
	afterAll(async () => {
		await fake.server.close();
		await tearDownEngine();
	});
	beforeEach(() => fake.server.reset());
	return fake;
}
