import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, textOf } from '../../helpers/checks';
import { readJsonList } from '../response/requestBody';
import { ITEMS_JSON_LABEL, MAX_ITEMS_PER_REQUEST, MESSAGES_LABEL } from './fields';

type MessageEntry = { role?: string; content?: unknown };

function readMessages(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const collection = context.getNodeParameter('messages', itemIndex, {}) as { message?: MessageEntry[] };
	return (collection.message ?? []).map((entry, position) => {
		const content = textOf(entry.content);
		if (content.trim() === '') {
			throw fieldError(context, itemIndex, `Message ${position + 1}: the field 'Content' is empty`);
		}
		// Sent as Response → Create sends messages (no `type`): with `type: "message"` the spec's InputItem
		// schemas overlap for developer messages.
		return { role: entry.role ?? 'user', content };
	});
}

/**
 * The items of Conversation → Create and Conversation Item → Add, from the Items Type field: messages or JSON
 * items, at most 20. Undefined for 'None'; an empty list is refused where items are required.
 */
export function readConversationItems(
	context: IExecuteFunctions,
	itemIndex: number,
	{ required }: { required: boolean },
): IDataObject[] | undefined {
	const mode = context.getNodeParameter('itemsMode', itemIndex, required ? 'messages' : 'none') as string;
	if (mode === 'none') return undefined;
	const label = mode === 'json' ? ITEMS_JSON_LABEL : MESSAGES_LABEL;
	const items =
		mode === 'json'
			? (readJsonList(context, itemIndex, context.getNodeParameter('itemsJson', itemIndex, '[]'), ITEMS_JSON_LABEL) ?? [])
			: readMessages(context, itemIndex);
	if (items.length === 0) {
		if (!required) return undefined;
		throw fieldError(context, itemIndex, `The field '${label}' has no item`);
	}
	if (items.length > MAX_ITEMS_PER_REQUEST) {
		throw fieldError(
			context,
			itemIndex,
			`The field '${label}' has ${items.length} items; OpenAI adds at most ${MAX_ITEMS_PER_REQUEST} at a time`,
			'Add the rest with Conversation Item → Add.',
		);
	}
	return items;
}
