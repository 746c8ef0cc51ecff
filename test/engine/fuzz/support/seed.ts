/**
 * Objects every fuzz case finds on the fake server (after its reset), so that some generated IDs exist and
 * retrieve/cancel/download operations get past a 404: a fine-tuning file, a batch input file and a batch, a
 * fine-tuning job. Their IDs are the same after every reset, so the arbitraries learn them once.
 */
import type { FakeOpenAi } from '../../../support/fake-openai';
import { seedFile } from '../../../unit/actions/file/seed';

const TRAINING = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n';
const BATCH_LINE = `${JSON.stringify({ custom_id: 'r1', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } })}\n`;

async function post(server: FakeOpenAi, path: string, body: unknown): Promise<string | undefined> {
	const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return ((await response.json()) as { id?: string }).id;
}

/** Seeds the server; returns the IDs it made. Forgets its own requests. */
export async function seedServer(server: FakeOpenAi): Promise<string[]> {
	const trainingFile = seedFile(server, 'train.jsonl', 'fine-tune', TRAINING);
	const batchFile = seedFile(server, 'batch.jsonl', 'batch', BATCH_LINE);
	const batchId = await post(server, '/batches', { input_file_id: batchFile, endpoint: '/v1/chat/completions', completion_window: '24h' });
	const jobId = await post(server, '/fine_tuning/jobs', { model: 'gpt-4o-mini-2024-07-18', training_file: trainingFile });
	server.state.models.push('ft:gpt-4o-mini:fuzz::seeded');
	server.requests.length = 0;
	return [trainingFile, batchFile, batchId, jobId, 'ft:gpt-4o-mini:fuzz::seeded'].filter((id): id is string => typeof id === 'string');
}
