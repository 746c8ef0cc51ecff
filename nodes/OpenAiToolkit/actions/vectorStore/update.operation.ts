import type { VectorStoreUpdateParams } from 'openai/resources/vector-stores/vector-stores';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError, textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { metadataOption } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import type { OperationContext } from '../types';
import { expiresAfterOption, getVectorStoreId, readExpiresAfter, vectorStoreIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('vectorStore', 'update', [
	vectorStoreIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'What to change; what is not added here stays as it is',
		options: [
			additionalBodyFieldsOption,
			expiresAfterOption,
			{
				...metadataOption('vector store', '{"team": "support"}'),
				description: 'Up to 16 key-value pairs (text values); they replace the metadata the store has',
			},
			{
				displayName: 'Name',
				name: 'vectorStoreName',
				type: 'string',
				default: '',
				description: 'The new name of the vector store',
			},
			{
				displayName: 'Never Expire',
				name: 'neverExpire',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the expiry, so that the store is kept until it is deleted',
			},
		],
	},
]);

interface UpdateOptions {
	vectorStoreName?: unknown;
	expiresAfterDays?: unknown;
	neverExpire?: unknown;
	metadata?: unknown;
	additionalBodyFields?: unknown;
}

/** POST /vector_stores/{vector_store_id}: name, expiry and metadata. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as UpdateOptions;
	const body: VectorStoreUpdateParams = {};
	if (options.vectorStoreName !== undefined) {
		const name = textOf(options.vectorStoreName).trim();
		if (!name) throw fieldError(this, itemIndex, "The field 'Name' is empty", 'Remove the option to keep the name.');
		body.name = name;
	}
	const expiresAfter = readExpiresAfter(this, itemIndex, options.expiresAfterDays);
	if (expiresAfter && options.neverExpire === true) {
		throw fieldError(this, itemIndex, "'Expires After (Days)' and 'Never Expire' cannot be used together");
	}
	if (expiresAfter) body.expires_after = expiresAfter;
	// null removes the expiry policy.
	if (options.neverExpire === true) body.expires_after = null;
	const metadata = parseMetadataParameter(this, options.metadata, 'Metadata (JSON)', itemIndex);
	if (metadata) body.metadata = metadata;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	if (Object.keys(params).length === 0) {
		throw fieldError(this, itemIndex, 'Nothing to update', "Add what to change under 'Options' (Name, Expires After, Metadata).");
	}
	const store = await client.vectorStores.update(vectorStoreId, params);
	return toItems(store, itemIndex);
}
