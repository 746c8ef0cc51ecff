import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { parseAttributes } from '../vectorStore/attributes';
import { getVectorStoreId, vectorStoreIdField } from '../vectorStore/fields';
import { ATTRIBUTES_LABEL, attributesOption, fileIdField, getFileId } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'updateAttributes', [
	vectorStoreIdField,
	fileIdField,
	{
		...attributesOption,
		required: true,
		description:
			'The attributes the file gets (they replace those it has): up to 16 key-value pairs, texts, numbers or booleans. {} removes them all.',
	},
]);

/** POST /vector_stores/{vector_store_id}/files/{file_id} with the new attributes. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const fileId = getFileId(this, itemIndex);
	const attributes = parseAttributes(this, itemIndex, this.getNodeParameter('attributes', itemIndex, ''), ATTRIBUTES_LABEL);
	if (!attributes) {
		throw fieldError(this, itemIndex, `The field '${ATTRIBUTES_LABEL}' is empty`, 'Enter {} to remove all attributes.');
	}
	const file = await client.vectorStores.files.update(fileId, { vector_store_id: vectorStoreId, attributes });
	return toItems(file, itemIndex);
}
