import type { FakeOpenAi } from '../../../support/fake-openai';

/** A video job made on the fake server directly (completed unless told), its requests forgotten. */
export async function seedVideo(
	server: FakeOpenAi,
	{ prompt = 'A lighthouse at dusk', completed = true }: { prompt?: string; completed?: boolean } = {},
): Promise<string> {
	const response = await fetch(`${server.url}/videos`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ prompt, model: 'sora-2', size: '1280x720', seconds: '8' }),
	});
	const { id } = (await response.json()) as { id: string };
	// Every GET moves a job one step on: two make it completed.
	if (completed) for (let i = 0; i < 2; i++) await fetch(`${server.url}/videos/${id}`);
	server.requests.length = 0;
	return id;
}
