import type { FileBatchCreateParams, VectorStoreFileBatch } from 'openai/resources/vector-stores/file-batches';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, withAdditionalBodyFields } from '../../helpers/fields';
import { collect } from '../../helpers/paging';
import { pollUntil, readWait, waitFields, type WaitSettings } from '../../helpers/wait';
import type { ItemOutcome, OperationContext } from '../types';
import { parseAttributes, type FileAttributes } from '../vectorStore/attributes';
import {
	chunkingFields,
	getVectorStoreId,
	MAX_PAGE_SIZE,
	readChunkingStrategy,
	vectorStoreIdField,
	waitUntilProcessedField,
} from '../vectorStore/fields';
import { cancelledWhileWaiting, minutesText } from '../vectorStore/processing';
import { ATTRIBUTES_LABEL, attributesOption, batchWaitSpec, fileIdField, getFileId } from './fields';
import { isUnprocessed, unprocessedFileError } from './processing';

/** OpenAI's limit of files in one file batch. */
export const MAX_BATCH_FILES = 2000;

export const description: INodeProperties[] = showOnlyFor('vectorStoreFile', 'addMany', [
	vectorStoreIdField,
	{
		...fileIdField,
		description: "The ID of each input item's file, e.g. {{ $json.id }} after File → Upload",
		hint: 'All input items are added in one file batch per vector store; each item gets its own file status back',
	},
	...chunkingFields('the files'),
	waitUntilProcessedField(
		'Whether to wait until OpenAI has processed the whole batch. Then a file that failed fails its own item with the reason; the other items go on.',
	),
	...waitFields(batchWaitSpec),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...additionalBodyFieldsOption,
				description: 'Extra fields merged into the body of each file batch request, as they are',
			},
			attributesOption,
		],
	},
]);

interface Entry {
	itemIndex: number;
	fileId: string;
	attributes?: FileAttributes;
	chunking?: FileBatchCreateParams['chunking_strategy'];
}

interface PlannedBatch {
	vectorStoreId: string;
	entries: Entry[];
}

/** One input item's part of a batch: every field checked before anything is sent. */
function readEntry(context: IExecuteFunctions, itemIndex: number): Entry & { vectorStoreId: string } {
	const vectorStoreId = getVectorStoreId(context, itemIndex);
	const fileId = getFileId(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as { attributes?: unknown };
	const attributes = parseAttributes(context, itemIndex, options.attributes, ATTRIBUTES_LABEL);
	const chunking = readChunkingStrategy(context, itemIndex);
	return { vectorStoreId, itemIndex, fileId, attributes, chunking };
}

/** Groups the entries by vector store, in batches of at most MAX_BATCH_FILES distinct files. */
function planBatches(entries: Array<Entry & { vectorStoreId: string }>): PlannedBatch[] {
	const byStore = new Map<string, Entry[]>();
	for (const entry of entries) byStore.set(entry.vectorStoreId, [...(byStore.get(entry.vectorStoreId) ?? []), entry]);
	const batches: PlannedBatch[] = [];
	for (const [vectorStoreId, group] of byStore) {
		let current: PlannedBatch | undefined;
		let files = new Set<string>();
		for (const entry of group) {
			if (!current || (!files.has(entry.fileId) && files.size >= MAX_BATCH_FILES)) {
				current = { vectorStoreId, entries: [] };
				files = new Set();
				batches.push(current);
			}
			files.add(entry.fileId);
			current.entries.push(entry);
		}
	}
	return batches;
}

/**
 * The body of one file batch: the plain file_ids list (with shared attributes and chunking) when every item has
 * the same, otherwise one `files` entry per file with its own. A file named by several items is sent once.
 */
function batchBody(entries: Entry[]): FileBatchCreateParams {
	const unique = entries.filter((entry, index) => entries.findIndex((other) => other.fileId === entry.fileId) === index);
	const settings = (entry: Entry) => JSON.stringify([entry.attributes ?? null, entry.chunking ?? null]);
	const [first] = unique;
	if (unique.every((entry) => settings(entry) === settings(first))) {
		const body: FileBatchCreateParams = { file_ids: unique.map((entry) => entry.fileId) };
		if (first.attributes) body.attributes = first.attributes;
		if (first.chunking) body.chunking_strategy = first.chunking;
		return body;
	}
	return {
		files: unique.map((entry) => ({
			file_id: entry.fileId,
			...(entry.attributes ? { attributes: entry.attributes } : {}),
			...(entry.chunking ? { chunking_strategy: entry.chunking } : {}),
		})),
	};
}

async function waitForBatch(
	context: IExecuteFunctions,
	ctx: OperationContext,
	batch: VectorStoreFileBatch,
	{ intervalMs, timeoutMs }: WaitSettings,
): Promise<VectorStoreFileBatch> {
	return await pollUntil<VectorStoreFileBatch>({
		initial: batch,
		fetch: async () => await ctx.client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: batch.vector_store_id }),
		isDone: (current) => current.status !== 'in_progress',
		intervalMs,
		timeoutMs,
		signal: ctx.cancelSignal,
		onAbort: cancelledWhileWaiting(context, `the file batch ${batch.id}`),
		onTimeout: (last) =>
			new NodeOperationError(
				context.getNode(),
				`The file batch ${batch.id} was not processed within ${minutesText(timeoutMs)} minutes (${last.file_counts?.completed ?? 0} of ${last.file_counts?.total ?? 0} files done)`,
				{
					description:
						"Processing goes on at OpenAI. Check the files with Vector Store File → List, or raise 'Timeout (Minutes)'.",
				},
			),
	});
}

/** Creates one batch, optionally waits for it, and gives every item of it its own file's status (or error). */
async function runBatch(
	context: IExecuteFunctions,
	ctx: OperationContext,
	plan: PlannedBatch,
	wait: WaitSettings | undefined,
	additionalBodyFields: unknown,
	outcomes: Map<number, ItemOutcome>,
): Promise<void> {
	const failAll = (error: Error) => plan.entries.forEach((entry) => outcomes.set(entry.itemIndex, error));
	let batch: VectorStoreFileBatch;
	let files: VectorStoreFile[];
	try {
		const body = withAdditionalBodyFields(context, batchBody(plan.entries), additionalBodyFields, 0);
		batch = await ctx.client.vectorStores.fileBatches.create(plan.vectorStoreId, body);
		if (wait) batch = await waitForBatch(context, ctx, batch, wait);
		const listed = ctx.client.vectorStores.fileBatches.listFiles(batch.id, {
			vector_store_id: batch.vector_store_id,
			limit: MAX_PAGE_SIZE,
		});
		files = await collect(listed, undefined);
	} catch (error) {
		failAll(error as Error);
		return;
	}
	const byId = new Map(files.map((file) => [file.id, file]));
	for (const { itemIndex, fileId } of plan.entries) {
		const file = byId.get(fileId);
		if (wait && file && isUnprocessed(file)) {
			outcomes.set(itemIndex, unprocessedFileError(context, itemIndex, file));
			continue;
		}
		// A file not listed (yet) has the status of its batch.
		const json: IDataObject = file
			? { ...(file as unknown as IDataObject), file_batch_id: batch.id }
			: { id: fileId, vector_store_id: batch.vector_store_id, status: batch.status, file_batch_id: batch.id };
		outcomes.set(itemIndex, [{ json, pairedItem: { item: itemIndex } }]);
	}
}

/**
 * POST /vector_stores/{vector_store_id}/file_batches with the file IDs of all input items (one batch per vector
 * store, at most 2,000 files each), then GET …/file_batches/{batch_id}/files: every input item gets the status
 * of its own file, paired with it.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	ctx: OperationContext,
): Promise<ItemOutcome[]> {
	const outcomes = new Map<number, ItemOutcome>();
	const finish = () => itemIndexes.map((itemIndex) => outcomes.get(itemIndex) ?? []);
	const continueOnFail = this.continueOnFail();

	const options = this.getNodeParameter('options', 0, {}) as { additionalBodyFields?: unknown };
	withAdditionalBodyFields(this, {}, options.additionalBodyFields, 0);
	const wait = this.getNodeParameter('waitUntilProcessed', 0, false) ? readWait(this, 0, batchWaitSpec) : undefined;

	// An item that cannot be added is its own error and stays out of the batch; without Continue On Fail nothing
	// is sent at all.
	const entries: Array<Entry & { vectorStoreId: string }> = [];
	for (const itemIndex of itemIndexes) {
		try {
			entries.push(readEntry(this, itemIndex));
		} catch (error) {
			outcomes.set(itemIndex, error as Error);
			if (!continueOnFail) return finish();
		}
	}
	const plans = planBatches(entries);
	// Each batch is created and watched on its own; they wait at the same time.
	await Promise.all(plans.map(async (plan) => await runBatch(this, ctx, plan, wait, options.additionalBodyFields, outcomes)));
	return finish();
}
