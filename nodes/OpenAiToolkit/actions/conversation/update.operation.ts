import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import { METADATA_LABEL, metadataOption } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import type { OperationContext } from '../types';
import { conversationIdField, getConversationId } from './fields';

export const description: INodeProperties[] = showOnlyFor('conversation', 'update', [
	conversationIdField,
	{
		...metadataOption('conversation', '{"customer": "acme"}'),
		description: 'The new metadata: up to 16 key-value pairs (text values). It replaces all the metadata; {} removes it.',
	},
]);

/** POST /conversations/{conversation_id}: replaces the metadata (the only thing OpenAI lets change). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getConversationId(this, itemIndex);
	const metadata = parseMetadataParameter(this, this.getNodeParameter('metadata', itemIndex, '{}'), METADATA_LABEL, itemIndex);
	const conversation = await client.conversations.update(id, { metadata: metadata ?? {} });
	return toItems(conversation, itemIndex);
}
