import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { binaryFrom, runNode, runNodeExpectingError } from '../../../support/executeContext';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('Chat → Create Completion', () => {
	let server: FakeOpenAi;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());
	const credentials = () => ({ baseUrl: server.url });
	const chat = (parameters: Record<string, unknown>) => ({ resource: 'chat', operation: 'createCompletion', ...parameters });
	const user = (content: string) => ({ messages: { values: [{ role: 'user', content }] } });

	test('sends model and messages only, and outputs the response plus the first choice as text', async () => {
		const { output } = await runNode({ parameters: chat(user('Hello')), credentials: credentials() });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
		expect(server.requests[0].body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini', text: 'echo: Hello' });
		expect((output[0].json.choices as any[])[0].message.content).toBe('echo: Hello');
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});
});
