// The Conversations API: POST /conversations, GET|POST|DELETE /conversations/{id}, POST|GET
// /conversations/{id}/items (cursor paged: limit, order, after), GET|DELETE /conversations/{id}/items/{item_id}.
//
// Conversations live in state.conversations (id → conversation with its `_items`, oldest first). responses.js
// appends the input and output items of every response created with `conversation` (appendItems), and answers
// from what the conversation said before (userTexts). Items are stored the way OpenAI lists them: an easy
// message `{role, content: "text"}` becomes a message item with an ID, a status and content parts.
'use strict';

const NOW = 1700000000;
const MAX_ITEMS = 20;

function nextId(state, prefix) {
	state.conversationItemCounter += 1;
	return `${prefix}_${String(state.conversationItemCounter).padStart(4, '0')}`;
}

/** An input item as OpenAI stores it in a conversation (or lists it as a response's input item). */
function storedItem(state, item) {
	const type = item.type ?? (item.role ? 'message' : undefined);
	if (type !== 'message') return { id: nextId(state, 'item'), ...item, type };
	const partType = item.role === 'assistant' ? 'output_text' : 'input_text';
	const content = typeof item.content === 'string' ? [{ type: partType, text: item.content }] : item.content;
	return { id: item.id ?? nextId(state, 'msg'), type: 'message', status: item.status ?? 'completed', role: item.role, content };
}

/** A request's input as input items (an input text is one user message), with IDs. */
function inputItemsOf(state, input) {
	if (input === undefined || input === null) return [];
	const items = typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? input : [];
	return items.map((item) => storedItem(state, item));
}

/** The text parts of a message item, joined. */
function messageText(item) {
	if (typeof item.content === 'string') return item.content;
	return (Array.isArray(item.content) ? item.content : [])
		.filter((part) => part && typeof part.text === 'string')
		.map((part) => part.text)
		.join(' ');
}

/** What the users said in a conversation so far, oldest first. */
function userTexts(state, id) {
	const conversation = state.conversations.get(id);
	return (conversation?._items ?? []).filter((item) => item.type === 'message' && item.role === 'user').map(messageText);
}

/** Appends items (input items as sent, or output items as a response has them) to a conversation. */
function appendItems(state, id, items) {
	const conversation = state.conversations.get(id);
	const stored = items.map((item) => storedItem(state, item));
	conversation._items.push(...stored);
	return stored;
}

/** One cursor page of a list, as OpenAI pages items: `limit` (1–100, default 20), `order` (default desc), `after`. */
function page(list, query, openAiError) {
	const limit = query.limit === undefined ? 20 : Number(query.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
		return { error: openAiError(400, `Invalid 'limit': integer between 1 and 100 expected, got '${query.limit}'.`, { param: 'limit' }) };
	}
	const order = query.order ?? 'desc';
	if (!['asc', 'desc'].includes(order)) return { error: openAiError(400, `Invalid 'order': '${order}'.`, { param: 'order' }) };
	const ordered = order === 'asc' ? [...list] : [...list].reverse();
	let start = 0;
	if (query.after !== undefined) {
		const at = ordered.findIndex((item) => item.id === query.after);
		if (at < 0) return { error: openAiError(400, `Invalid 'after': no item '${query.after}'.`, { param: 'after' }) };
		start = at + 1;
	}
	const data = ordered.slice(start, start + limit);
	return {
		body: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more: start + limit < ordered.length },
	};
}

/** Words in a text, for the fake token count. */
function words(text) {
	return String(text ?? '').split(/\s+/).filter(Boolean).length;
}

/** The words of a list of items (messages' text parts), for the fake token count. */
function itemWords(items) {
	return items.reduce((sum, item) => sum + words(messageText(item)), 0);
}

/** A problem with items sent to a conversation (at most 20 objects), or undefined. */
function badItems(items, required) {
	if (items === undefined || items === null) return required ? "Missing required parameter: 'items'." : undefined;
	if (!Array.isArray(items)) return "Invalid type for 'items': expected an array.";
	if (required && items.length === 0) return "Invalid 'items': empty array. Expected an array with minimum length 1.";
	if (items.length > MAX_ITEMS) return `Invalid 'items': array too long. Expected an array with maximum length ${MAX_ITEMS}, but got an array with length ${items.length} instead.`;
	const bad = items.findIndex((item) => !item || typeof item !== 'object' || (!item.type && !item.role));
	return bad >= 0 ? `Invalid value for 'items[${bad}]': expected an input item.` : undefined;
}

/** A problem with metadata (16 keys of at most 64 characters, text values of at most 512), or undefined. */
function badMetadata(metadata) {
	if (metadata === undefined || metadata === null) return undefined;
	if (typeof metadata !== 'object' || Array.isArray(metadata)) return "Invalid type for 'metadata': expected an object.";
	const entries = Object.entries(metadata);
	if (entries.length > 16) return "Invalid 'metadata': too many keys (at most 16).";
	const bad = entries.find(([key, value]) => key.length > 64 || typeof value !== 'string' || value.length > 512);
	return bad ? `Invalid value for 'metadata.${bad[0]}'.` : undefined;
}

function publicConversation(conversation) {
	const { id, object, created_at, metadata } = conversation;
	return { id, object, created_at, metadata };
}

module.exports = (server, { json, openAiError }) => {
	server.onReset((state) => {
		state.conversations = new Map();
		state.conversationCounter = 0;
		state.conversationItemCounter = 0;
	});

	const find = (id) => server.state.conversations.get(id);
	const notFound = (id) => openAiError(404, `Conversation with id '${id}' not found.`, { param: 'conversation_id', code: 'not_found' });
	const invalid = (message, param) => openAiError(400, message, { param });

	server.on('POST', '/v1/conversations', (req) => {
		const body = req.body ?? {};
		const problem = badItems(body.items, false) ?? badMetadata(body.metadata);
		if (problem) return invalid(problem, problem.includes('metadata') ? 'metadata' : 'items');
		const state = server.state;
		state.conversationCounter += 1;
		const conversation = {
			id: `conv_${String(state.conversationCounter).padStart(4, '0')}`,
			object: 'conversation',
			created_at: NOW + state.conversationCounter,
			metadata: body.metadata ?? {},
			_items: [],
		};
		state.conversations.set(conversation.id, conversation);
		appendItems(state, conversation.id, body.items ?? []);
		return json(200, publicConversation(conversation));
	});

	server.on('GET', /^\/v1\/conversations\/(?<id>[^/]+)$/, (req) => {
		const conversation = find(req.params.id);
		return conversation ? json(200, publicConversation(conversation)) : notFound(req.params.id);
	});

	server.on('POST', /^\/v1\/conversations\/(?<id>[^/]+)$/, (req) => {
		const conversation = find(req.params.id);
		if (!conversation) return notFound(req.params.id);
		const body = req.body ?? {};
		if (body.metadata === undefined) return invalid("Missing required parameter: 'metadata'.", 'metadata');
		const problem = badMetadata(body.metadata);
		if (problem) return invalid(problem, 'metadata');
		conversation.metadata = body.metadata ?? {};
		return json(200, publicConversation(conversation));
	});

	server.on('DELETE', /^\/v1\/conversations\/(?<id>[^/]+)$/, (req) => {
		if (!find(req.params.id)) return notFound(req.params.id);
		server.state.conversations.delete(req.params.id);
		return json(200, { id: req.params.id, object: 'conversation.deleted', deleted: true });
	});

	server.on('POST', /^\/v1\/conversations\/(?<id>[^/]+)\/items$/, (req) => {
		if (!find(req.params.id)) return notFound(req.params.id);
		const items = req.body?.items;
		const problem = badItems(items, true);
		if (problem) return invalid(problem, 'items');
		const data = appendItems(server.state, req.params.id, items);
		return json(200, { object: 'list', data, first_id: data[0].id, last_id: data[data.length - 1].id, has_more: false });
	});

	server.on('GET', /^\/v1\/conversations\/(?<id>[^/]+)\/items$/, (req) => {
		const conversation = find(req.params.id);
		if (!conversation) return notFound(req.params.id);
		const { body, error } = page(conversation._items, req.query, openAiError);
		return error ?? json(200, body);
	});

	const findItem = (req) => find(req.params.id)?._items.find((item) => item.id === req.params.itemId);
	const itemNotFound = (req) => openAiError(404, `Item with id '${req.params.itemId}' not found.`, { param: 'item_id', code: 'not_found' });

	server.on('GET', /^\/v1\/conversations\/(?<id>[^/]+)\/items\/(?<itemId>[^/]+)$/, (req) => {
		if (!find(req.params.id)) return notFound(req.params.id);
		const item = findItem(req);
		return item ? json(200, item) : itemNotFound(req);
	});

	server.on('DELETE', /^\/v1\/conversations\/(?<id>[^/]+)\/items\/(?<itemId>[^/]+)$/, (req) => {
		const conversation = find(req.params.id);
		if (!conversation) return notFound(req.params.id);
		const item = findItem(req);
		if (!item) return itemNotFound(req);
		conversation._items.splice(conversation._items.indexOf(item), 1);
		return json(200, publicConversation(conversation));
	});
};

module.exports.appendItems = appendItems;
module.exports.inputItemsOf = inputItemsOf;
module.exports.itemWords = itemWords;
module.exports.words = words;
module.exports.page = page;
module.exports.storedItem = storedItem;
module.exports.userTexts = userTexts;
