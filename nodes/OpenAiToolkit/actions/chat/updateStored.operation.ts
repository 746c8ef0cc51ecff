import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import { metadataOption } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import type { OperationContext } from '../types';
import { completionIdField, getCompletionId, METADATA_LABEL } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('chat', 'updateStored', [
	completionIdField,
	{
		...metadataOption('chat completion', '{"customer": "acme"}'),
		description: 'The new metadata: up to 16 key-value pairs (text values). It replaces all the metadata; {} removes it.',
	},
]);

/** POST /chat/completions/{id}: replaces the metadata (the only thing OpenAI lets change). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const id = getCompletionId(this, itemIndex);
	const metadata = parseMetadataParameter(this, this.getNodeParameter('metadata', itemIndex, '{}'), METADATA_LABEL, itemIndex);
	return toItems(await client.chat.completions.update(id, { metadata: metadata ?? {} }), itemIndex);
}
