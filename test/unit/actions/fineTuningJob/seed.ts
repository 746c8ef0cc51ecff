import type { FakeOpenAi } from '../../../support/fake-openai';
import { seedFile } from '../file/seed';

/** A training file and a job made on the fake server directly; the requests made here are forgotten. */
export async function seedJob(server: FakeOpenAi, body: Record<string, unknown> = {}): Promise<{ jobId: string; fileId: string }> {
	const fileId = seedFile(server, 'train.jsonl', 'fine-tune', '{"messages": [{"role": "user", "content": "hi"}]}\n');
	const response = await fetch(`${server.url}/fine_tuning/jobs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'gpt-4o-mini-2024-07-18', training_file: fileId, ...body }),
	});
	const job = (await response.json()) as { id: string };
	server.requests.length = 0;
	return { jobId: job.id, fileId };
}

/** Moves a seeded job on by `steps` (every GET moves it one step), forgetting those requests. */
export async function advanceJob(server: FakeOpenAi, jobId: string, steps: number): Promise<void> {
	for (let i = 0; i < steps; i++) await fetch(`${server.url}/fine_tuning/jobs/${jobId}`);
	server.requests.length = 0;
}
