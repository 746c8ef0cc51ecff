import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';
import { includeOption, readInclude } from '../response/storedFields';

export { conversationIdField, getConversationId } from '../conversation/fields';

/** The Item ID field of Retrieve and Delete. */
export const itemIdField: INodeProperties = {
	displayName: 'Item ID',
	name: 'itemId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'msg_abc123',
	description: 'The ID of the item in the conversation, as Conversation Item → List outputs it',
};

export function getItemId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, itemIndex, 'itemId', 'Item ID');
}

/** An Options collection holding only Include (Add, Retrieve). */
export const includeOnlyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeOption],
};

/** The Include option of the Options collection, as a list; undefined when not set. */
export function getInclude(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return readInclude(options.include);
}
