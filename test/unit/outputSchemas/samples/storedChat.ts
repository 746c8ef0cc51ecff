import type { Sample } from '../samples';

/** The ID of the completion the last prepare stored (the fake numbers chat completions by request count). */
let storedId = '';

/** A stored chat completion (created with store: true), its ID kept for the sample's parameters. */
async function seedCompletion(url: string): Promise<void> {
	const response = await fetch(`${url}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'gpt-4o-mini', store: true, metadata: { topic: 'demo' }, messages: [{ role: 'user', content: 'Hello' }] }),
	});
	storedId = ((await response.json()) as { id: string }).id;
}

// Read when the node runs, after prepare.
const completionId = { completionId: () => ({ __rl: true, mode: 'id', value: storedId }) };

// Chat's stored-completion operations (version 2).
export function samples(): Record<string, Sample> {
	return {
		'chat.listStored': { parameters: {}, prepare: seedCompletion },
		'chat.retrieveStored': { parameters: completionId, prepare: seedCompletion },
		'chat.updateStored': { parameters: { ...completionId, metadata: '{"topic": "done"}' }, prepare: seedCompletion },
		'chat.deleteStored': { parameters: completionId, prepare: seedCompletion },
		'chat.listStoredMessages': { parameters: completionId, prepare: seedCompletion },
	};
}
