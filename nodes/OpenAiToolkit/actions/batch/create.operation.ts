import type { Batch, BatchCreateParams } from 'openai/resources/batches';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { uploadFromMemory } from '../../helpers/uploads';
import { sendUpload } from '../../transport/uploadRetry';
import { fieldError } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, withAdditionalBodyFields } from '../../helpers/fields';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { pollUntil, readWait, waitFields, type WaitSettings } from '../../helpers/wait';
import type { ItemOutcome, OperationContext } from '../types';
import { batchEndpoints, endpointFields, findBatchEndpoint } from './endpoints';
import { batchWaitSpec } from './fields';
import { oversizeReason, planBatches, prepareLine, toJsonl, type PlannedBatch, type PreparedLine } from './jsonl';
import { downloadResultLines, isBatchFinished, mapResultsToItems } from './results';

export const description: INodeProperties[] = showOnlyFor('batch', 'create', [
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'options',
		noDataExpression: true,
		options: batchEndpoints.map(({ name, value, description }) => ({ name, value, description })),
		default: 'chatCompletions',
		description:
			'What every request of the batch calls. Each input item becomes one request, built from the fields below exactly as the matching operation builds it.',
	},
	...endpointFields(),
	{
		displayName: 'Wait For Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the batch has ended and output one item per input item with its result (or its error). Off: output the batch object at once; fetch the results later with Batch → Get Results.',
		hint: 'A batch may take up to 24 hours. The execution stays open while it waits.',
	},
	...waitFields(batchWaitSpec),
	{
		displayName: 'Batch Options',
		name: 'batchOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...additionalBodyFieldsOption,
				description:
					'Extra fields merged into the body of POST /batches (not into the requests), e.g. {"output_expires_after": {"anchor": "created_at", "seconds": 86400}}',
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				placeholder: '{"job": "nightly-summaries"}',
				description: 'Up to 16 key-value pairs (text values) stored with the batch',
			},
		],
	},
]);

interface CreatedBatch {
	plan: PlannedBatch;
	batch: Batch;
	part: number;
	parts: number;
}

function itemIndexesOf(plan: PlannedBatch): number[] {
	return plan.lines.map((line) => line.itemIndex);
}

function splitReport(created: CreatedBatch): IDataObject | undefined {
	if (created.parts === 1) return undefined;
	const items = itemIndexesOf(created.plan);
	return {
		part: created.part,
		parts: created.parts,
		firstItem: items[0],
		lastItem: items[items.length - 1],
		requests: items.length,
		reason: 'OpenAI takes at most 50,000 requests and 200 MB per batch (and one endpoint URL per batch)',
	};
}

async function uploadAndCreate(
	context: IExecuteFunctions,
	ctx: OperationContext,
	plan: PlannedBatch,
	part: number,
	parts: number,
	metadata: Record<string, string> | undefined,
	additionalBodyFields: unknown,
): Promise<Batch> {
	const fileName = parts === 1 ? 'n8n-batch-input.jsonl' : `n8n-batch-input-part-${part}-of-${parts}.jsonl`;
	const upload = uploadFromMemory(Buffer.from(toJsonl(plan.lines), 'utf8'), fileName, 'application/jsonl');
	const uploaded = await sendUpload(ctx, upload, async (file, requestOptions) =>
		await ctx.client.files.create({ file, purpose: 'batch' }, requestOptions),
	);
	const body: IDataObject = {
		input_file_id: uploaded.id,
		endpoint: plan.url,
		completion_window: '24h',
	};
	if (metadata) body.metadata = metadata;
	const params = withAdditionalBodyFields(context, body, additionalBodyFields, 0);
	return await ctx.client.batches.create(params as unknown as BatchCreateParams);
}

/** Waits for one batch, downloads its result files and turns every line back into its item's outcome. */
async function waitAndMap(
	context: IExecuteFunctions,
	ctx: OperationContext,
	created: CreatedBatch,
	{ intervalMs, timeoutMs }: WaitSettings,
	outcomes: Map<number, ItemOutcome>,
): Promise<void> {
	const items = itemIndexesOf(created.plan);
	let finished: Batch;
	try {
		finished = await pollUntil<Batch>({
			initial: created.batch,
			fetch: async () => await ctx.client.batches.retrieve(created.batch.id),
			isDone: isBatchFinished,
			intervalMs,
			timeoutMs,
			signal: ctx.cancelSignal,
			onAbort: () =>
				new NodeOperationError(
					context.getNode(),
					`Stopped waiting: the execution was cancelled; the batch ${created.batch.id} keeps running at OpenAI`,
				),
			onProgress: (batch) =>
				context.logger?.debug?.(
					`Batch ${batch.id}: ${batch.status} (${batch.request_counts?.completed ?? 0}/${batch.request_counts?.total ?? 0} done)`,
				),
			onTimeout: (last) =>
				new NodeOperationError(
					context.getNode(),
					`The batch ${last.id} did not finish within ${+(timeoutMs / 60_000).toFixed(3)} minutes (status: ${last.status})`,
					{
						description:
							'It keeps running at OpenAI. Fetch its results later with Batch → Get Results, or raise Timeout (Minutes).',
					},
				),
		});
	} catch (error) {
		for (const itemIndex of items) outcomes.set(itemIndex, error as Error);
		return;
	}
	const lines = await downloadResultLines(ctx.client, finished);
	const results = mapResultsToItems(context.getNode(), items, finished, lines);
	for (const itemIndex of items) {
		const result = results.get(itemIndex)!;
		outcomes.set(itemIndex, result.ok ? [{ json: result.body, pairedItem: { item: itemIndex } }] : result.error);
	}
}

/**
 * Batch → Create: every input item becomes one line of a JSONL file (custom_id = the item's index), the file
 * is uploaded (purpose batch) and a batch is created over it; more than one when OpenAI's limits or several
 * endpoint URLs ask for it. Without Wait For Completion the output is one item per batch (the batch object),
 * paired with the input items it holds; with it, one item per input item, in input order, with its result.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	ctx: OperationContext,
): Promise<ItemOutcome[]> {
	const outcomes = new Map<number, ItemOutcome>(itemIndexes.map((itemIndex) => [itemIndex, []]));
	const result = () => itemIndexes.map((itemIndex) => outcomes.get(itemIndex)!);
	const continueOnFail = this.continueOnFail();

	const endpointValue = this.getNodeParameter('endpoint', 0) as string;
	const endpoint = findBatchEndpoint(endpointValue);
	if (!endpoint) throw fieldError(this, 0, `The field 'Endpoint': '${endpointValue}' cannot be used in a batch`);
	const waitForCompletion = this.getNodeParameter('waitForCompletion', 0, false) as boolean;
	const batchOptions = this.getNodeParameter('batchOptions', 0, {}) as { metadata?: unknown; additionalBodyFields?: unknown };
	const metadata = parseMetadataParameter(this, batchOptions.metadata, 'Metadata (JSON)', 0);
	// Checked now, before anything is uploaded.
	withAdditionalBodyFields(this, {}, batchOptions.additionalBodyFields, 0);
	const wait = waitForCompletion ? readWait(this, 0, batchWaitSpec) : undefined;

	// 1. One request per item. An item whose request cannot be built is its own error and stays out of the batch;
	//    without Continue On Fail nothing is sent at all.
	const prepared: PreparedLine[] = [];
	for (const itemIndex of itemIndexes) {
		try {
			const request = await endpoint.build.call(this, itemIndex);
			prepared.push(prepareLine(itemIndex, request.url, request.body));
		} catch (error) {
			outcomes.set(itemIndex, error as Error);
			if (!continueOnFail) return result();
		}
	}

	// 2. As few batches as the limits allow; a request too large for any batch is its item's error.
	const lines: PreparedLine[] = [];
	for (const line of prepared) {
		const reason = oversizeReason(line);
		if (!reason) {
			lines.push(line);
			continue;
		}
		outcomes.set(line.itemIndex, fieldError(this, line.itemIndex, reason, 'Send fewer or shorter inputs with this item.'));
		if (!continueOnFail) return result();
	}
	const plans = planBatches(lines);

	// 3. Upload and create each batch. If one fails, its items and those of the batches after it fail with it.
	const created: CreatedBatch[] = [];
	for (const [index, plan] of plans.entries()) {
		try {
			const batch = await uploadAndCreate(this, ctx, plan, index + 1, plans.length, metadata, batchOptions.additionalBodyFields);
			created.push({ plan, batch, part: index + 1, parts: plans.length });
		} catch (error) {
			// The batches created before stay valid; say which they are, or their IDs would be lost with the run.
			const failure =
				created.length === 0
					? (error as Error)
					: new NodeOperationError(
							this.getNode(),
							`Creating batch ${index + 1} of ${plans.length} failed: ${(error as Error).message}`,
							{
								description: `Batches already created (they run at OpenAI): ${created.map((entry) => entry.batch.id).join(', ')}`,
							},
						);
			for (const rest of plans.slice(index)) {
				for (const itemIndex of itemIndexesOf(rest)) outcomes.set(itemIndex, failure);
			}
			break;
		}
	}

	if (!wait) {
		for (const entry of created) {
			const items = itemIndexesOf(entry.plan);
			const split = splitReport(entry);
			const json: IDataObject = { ...(entry.batch as unknown as IDataObject) };
			if (split) json.split = split;
			outcomes.set(items[0], [{ json, pairedItem: items.map((item) => ({ item })) }]);
		}
		return result();
	}

	// 4. Wait for every batch at once, then map each result line back to its item.
	await Promise.all(created.map(async (entry) => await waitAndMap(this, ctx, entry, wait, outcomes)));
	return result();
}
