import type { FileCreateParams } from 'openai/resources/vector-stores/files';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, binaryPropertyField, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { getBinaryUpload } from '../../helpers/uploads';
import { readWait, waitFields } from '../../helpers/wait';
import { sendUpload } from '../../transport/uploadRetry';
import { MAX_FILE_BYTES } from '../file/upload.operation';
import type { OperationContext } from '../types';
import { parseAttributes } from '../vectorStore/attributes';
import {
	chunkingFields,
	getVectorStoreId,
	readChunkingStrategy,
	vectorStoreIdField,
	waitUntilProcessedField,
} from '../vectorStore/fields';
import { ATTRIBUTES_LABEL, attributesOption, fileIdField, fileWaitSpec, getFileId } from './fields';
import { waitForFile } from './processing';

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'add', [
	vectorStoreIdField,
	{
		displayName: 'File From',
		name: 'fileSource',
		type: 'options',
		options: [
			{ name: 'File ID', value: 'fileId', description: 'A file already uploaded (File → Upload)' },
			{ name: 'Binary File', value: 'binary', description: "The input item's binary file: uploaded, then added" },
		],
		default: 'fileId',
		description: 'Where the file comes from',
	},
	{ ...fileIdField, displayOptions: { show: { fileSource: ['fileId'] } } },
	{
		...binaryPropertyField({ description: 'Name of the binary property of the input item that holds the file to add' }),
		displayOptions: { show: { fileSource: ['binary'] } },
	},
	...chunkingFields('the file'),
	waitUntilProcessedField(
		'Whether to wait until OpenAI has processed the file, so that it can be searched at once. A file that fails fails the item with the reason.',
	),
	...waitFields(fileWaitSpec),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			attributesOption,
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'handbook.pdf',
				description: "For a binary file: the name it is uploaded under, instead of the binary data's own name",
			},
		],
	},
]);

interface AddOptions {
	attributes?: unknown;
	fileName?: unknown;
	additionalBodyFields?: unknown;
}

/**
 * POST /vector_stores/{vector_store_id}/files. A binary file is first uploaded with POST /files (purpose
 * assistants, streamed like File → Upload), then added by the ID it got.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const vectorStoreId = getVectorStoreId(this, itemIndex);
	const fromBinary = this.getNodeParameter('fileSource', itemIndex, 'fileId') === 'binary';
	const options = this.getNodeParameter('options', itemIndex, {}) as AddOptions;
	const attributes = parseAttributes(this, itemIndex, options.attributes, ATTRIBUTES_LABEL);
	const chunking = readChunkingStrategy(this, itemIndex);
	// Checked before anything is uploaded.
	withAdditionalBodyFields(this, {}, options.additionalBodyFields, itemIndex);
	const wait = this.getNodeParameter('waitUntilProcessed', itemIndex, false) ? readWait(this, itemIndex, fileWaitSpec) : undefined;

	let fileId: string;
	if (fromBinary) {
		const propertyName = textOf(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		const upload = await getBinaryUpload(this, itemIndex, propertyName, {
			maxBytes: MAX_FILE_BYTES,
			limitLabel: "OpenAI's limit per file",
			fileName: options.fileName === undefined || options.fileName === null ? undefined : textOf(options.fileName),
		});
		const uploaded = await sendUpload(ctx, upload, async (file, requestOptions) =>
			await ctx.client.files.create({ file, purpose: 'assistants' }, requestOptions),
		);
		fileId = uploaded.id;
	} else {
		fileId = getFileId(this, itemIndex);
	}

	const body: FileCreateParams = { file_id: fileId };
	if (attributes) body.attributes = attributes;
	if (chunking) body.chunking_strategy = chunking;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	const added = await ctx.client.vectorStores.files.create(vectorStoreId, params);
	return toItems(wait ? await waitForFile(this, itemIndex, ctx, added, wait) : added, itemIndex);
}
