import type { Sample } from '../samples';

/** POSTs JSON to the fake server. */
async function post(url: string, path: string, body: unknown): Promise<void> {
	await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A conversation (conv_0001) with one turn in it: a user message (msg_0001) and the answer. */
async function seedConversation(url: string): Promise<void> {
	await post(url, '/conversations', { metadata: { topic: 'demo' }, items: [{ role: 'user', content: 'Hello' }] });
	await post(url, '/responses', { model: 'gpt-4o-mini', input: 'How are you?', conversation: 'conv_0001' });
}

/** A stored response (resp_0001); in the background it is still running. */
const seedResponse =
	(background = false) =>
	(url: string): Promise<void> =>
		post(url, '/responses', { model: 'gpt-4o-mini', input: 'Hello', ...(background ? { background: true } : {}) });

const conversationId = { conversationId: { __rl: true, mode: 'id', value: 'conv_0001' } };

// Conversation, Conversation Item and the Response operations of version 2; the seeded IDs are not needed.
export function samples(): Record<string, Sample> {
	return {
		'conversation.create': { parameters: { itemsMode: 'messages', messages: { message: [{ role: 'user', content: 'Hello' }] } } },
		'conversation.retrieve': { parameters: conversationId, prepare: seedConversation },
		'conversation.update': { parameters: { ...conversationId, metadata: '{"topic": "done"}' }, prepare: seedConversation },
		'conversation.delete': { parameters: conversationId, prepare: seedConversation },
		'conversationItem.list': { parameters: conversationId, prepare: seedConversation },
		'conversationItem.add': { parameters: { ...conversationId, messages: { message: [{ role: 'user', content: 'More' }] } }, prepare: seedConversation },
		'conversationItem.retrieve': { parameters: { ...conversationId, itemId: 'msg_0001' }, prepare: seedConversation },
		'conversationItem.delete': { parameters: { ...conversationId, itemId: 'msg_0001' }, prepare: seedConversation },
		'response.retrieve': { parameters: { responseId: 'resp_0001' }, prepare: seedResponse() },
		'response.cancel': { parameters: { responseId: 'resp_0001' }, prepare: seedResponse(true) },
		'response.delete': { parameters: { responseId: 'resp_0001' }, prepare: seedResponse() },
		'response.listInputItems': { parameters: { responseId: 'resp_0001' }, prepare: seedResponse() },
		'response.countInputTokens': { parameters: { inputText: 'Hello there' } },
		'response.compact': { parameters: { inputText: 'Hello there' } },
	};
}
