import type { VectorStoreCreateParams } from 'openai/resources/vector-stores/vector-stores';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { metadataOption } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { readWait, waitFields } from '../../helpers/wait';
import type { OperationContext } from '../types';
import {
	chunkingFields,
	expiresAfterOption,
	processingWaitSpec,
	readChunkingStrategy,
	readExpiresAfter,
	readIdList,
	waitUntilProcessedField,
} from './fields';
import { waitForVectorStore } from './processing';

const FILE_IDS_LABEL = 'File IDs';
const waitSpec = processingWaitSpec('the vector store');

export const description: INodeProperties[] = showOnlyFor('vectorStore', 'create', [
	{
		displayName: 'Name',
		name: 'vectorStoreName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Support FAQ',
		description: 'The name of the vector store',
	},
	{
		displayName: FILE_IDS_LABEL,
		name: 'fileIds',
		type: 'string',
		default: '',
		placeholder: 'file-abc123, file-def456',
		description:
			'Uploaded files (File → Upload) to add at once, separated by commas, or a list from an expression. Up to 500.',
	},
	...chunkingFields('the files added here'),
	waitUntilProcessedField(
		'Whether to wait until OpenAI has processed every file, so that the store can be searched at once. Off: the store is output at once, while its files are still processing.',
	),
	...waitFields(waitSpec),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the vector store is for',
			},
			expiresAfterOption,
			metadataOption('vector store', '{"team": "support"}'),
		],
	},
]);

interface CreateOptions {
	description?: unknown;
	expiresAfterDays?: unknown;
	metadata?: unknown;
	additionalBodyFields?: unknown;
}

/** POST /vector_stores (optionally waiting until its files are processed). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CreateOptions;
	const body: VectorStoreCreateParams = {};
	const name = textOf(this.getNodeParameter('vectorStoreName', itemIndex, '')).trim();
	if (name) body.name = name;
	const fileIds = readIdList(this, itemIndex, this.getNodeParameter('fileIds', itemIndex, ''), FILE_IDS_LABEL, 500);
	if (fileIds.length) body.file_ids = fileIds;
	// A chunking strategy means something only for files added here.
	const chunking = readChunkingStrategy(this, itemIndex);
	if (chunking && fileIds.length) body.chunking_strategy = chunking;
	const descriptionText = textOf(options.description).trim();
	if (descriptionText) body.description = descriptionText;
	const expiresAfter = readExpiresAfter(this, itemIndex, options.expiresAfterDays);
	if (expiresAfter) body.expires_after = expiresAfter;
	const metadata = parseMetadataParameter(this, options.metadata, 'Metadata (JSON)', itemIndex);
	if (metadata) body.metadata = metadata;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	// Read before the store is created: a bad wait setting must not leave a store half set up.
	const wait = this.getNodeParameter('waitUntilProcessed', itemIndex, false) ? readWait(this, itemIndex, waitSpec) : undefined;

	const store = await ctx.client.vectorStores.create(params);
	return toItems(wait ? await waitForVectorStore(this, itemIndex, ctx, store, wait) : store, itemIndex);
}
