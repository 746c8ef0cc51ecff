import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as add from './add.operation';
import * as deleteItem from './delete.operation';
import * as list from './list.operation';
import * as retrieve from './retrieve.operation';

export const conversationItem: ResourceModule = {
	option: {
		name: 'Conversation Item',
		value: 'conversationItem',
		description: 'The messages and other items of a conversation: list, add, get or remove them',
	},
	description: [
		operationSelector(
			'conversationItem',
			[
				{ name: 'Add', value: 'add', action: 'Add items to a conversation', description: 'Add up to 20 messages or other items' },
				{ name: 'Delete', value: 'delete', action: 'Delete a conversation item', description: 'Remove one item from a conversation' },
				{
					name: 'List',
					value: 'list',
					action: 'List the items of a conversation',
					description: 'List the messages and other items of a conversation, one item each',
				},
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a conversation item', description: 'Get one item of a conversation' },
			],
			'list',
		),
		...list.description,
		...add.description,
		...retrieve.description,
		...deleteItem.description,
	],
	operations: { list, add, retrieve, delete: deleteItem },
};
