import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/checks';
import { responseMessageFields } from '../response/fields';

/**
 * The Conversation field of every Conversation and Conversation Item operation. By ID only: OpenAI has no
 * endpoint that lists conversations, so there is nothing to pick from.
 */
export const conversationIdField: INodeProperties = {
	displayName: 'Conversation',
	name: 'conversationId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'id', value: '' },
	description: 'The conversation, by the ID Conversation → Create output',
	modes: [{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'conv_abc123' }],
};

export function getConversationId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('conversationId', itemIndex, '', { extractValue: true });
	return requireText(context, itemIndex, value, 'Conversation').trim();
}

/** OpenAI adds at most 20 items to a conversation at a time. */
export const MAX_ITEMS_PER_REQUEST = 20;

export const MESSAGES_LABEL = 'Messages';
export const ITEMS_JSON_LABEL = 'Items (JSON)';

/** How the items are given: messages typed in, or items as JSON. `none` only where items are optional. */
export function itemsModeField(withNone: boolean): INodeProperties {
	return {
		displayName: withNone ? 'Initial Items' : 'Items Type',
		name: 'itemsMode',
		type: 'options',
		options: [
			...(withNone ? [{ name: 'None', value: 'none', description: 'Start the conversation empty' }] : []),
			{ name: 'Messages', value: 'messages', description: 'Messages typed in, one per entry' },
			{
				name: 'JSON',
				value: 'json',
				description: 'Items as OpenAI documents them (messages, tool calls, …), as a JSON list',
			},
		],
		default: withNone ? 'none' : 'messages',
		description: withNone ? 'Items the conversation starts with' : 'How the items to add are given',
	};
}

/** The messages and the JSON items (shown by Items Type); read with readConversationItems. */
export const itemsFields: INodeProperties[] = [
	{
		displayName: MESSAGES_LABEL,
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { message: [{ role: 'user', content: '' }] },
		description: `The messages, oldest first (at most ${MAX_ITEMS_PER_REQUEST})`,
		displayOptions: { show: { itemsMode: ['messages'] } },
		options: [
			{
				displayName: 'Message',
				name: 'message',
				values: [
					...responseMessageFields,
				],
			},
		],
	},
	{
		displayName: ITEMS_JSON_LABEL,
		name: 'itemsJson',
		type: 'json',
		default: '[]',
		description: `A JSON list of at most ${MAX_ITEMS_PER_REQUEST} items, e.g. <code>[{"type": "message", "role": "user", "content": "Hello"}]</code>`,
		displayOptions: { show: { itemsMode: ['json'] } },
	},
];
