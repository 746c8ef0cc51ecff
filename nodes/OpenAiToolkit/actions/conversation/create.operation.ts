import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ConversationCreateParams } from 'openai/resources/conversations/conversations';

import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { METADATA_LABEL, metadataOption } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import type { OperationContext } from '../types';
import { itemsFields, itemsModeField } from './fields';
import { readConversationItems } from './items';

export const description: INodeProperties[] = showOnlyFor('conversation', 'create', [
	itemsModeField(true),
	...itemsFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [additionalBodyFieldsOption, metadataOption('conversation', '{"customer": "acme"}')],
	},
]);

/** POST /conversations: a new conversation, optionally with its first items and metadata. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body: IDataObject = {};
	const items = readConversationItems(this, itemIndex, { required: false });
	if (items) body.items = items;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const metadata = parseMetadataParameter(this, options.metadata, METADATA_LABEL, itemIndex);
	if (metadata) body.metadata = metadata;
	const request = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	const conversation = await client.conversations.create(request as ConversationCreateParams);
	return toItems(conversation, itemIndex);
}
