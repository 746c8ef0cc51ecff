import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { withDirectJsonReads } from '../helpers/directJsonReads';
import { errorToItemJson, toNodeError } from '../helpers/errors';
import { scrubDeep } from '../helpers/scrub';
import { partialOutputOf } from '../helpers/wait';
import { mapWithConcurrency } from '../helpers/pool';
import { getRequestOptions } from '../helpers/requestOptions';
import { abortError, untilAborted } from '../transport/abort';
import { asError } from '../transport/realm';
import { allowedWaitMs, buildClient, getToolkitCredentials, normalizeBaseUrl } from '../transport/client';
import { RateLimiter } from '../transport/rateLimiter';
import { version2Renames } from './node.description';
import { versionOf } from '../helpers/nodeVersion';
import { resourcesFor } from './resources';
import { withVersion2Parameters } from './version2/parameters';
import type { ItemOutcome, OperationContext, OperationModule } from './types';

/**
 * The exit of every output item: whatever a server sent back, the key does not leave the node in its JSON or in
 * what it says about a file (name, MIME type). A file's contents are delivered as the server sent them.
 */
function leaving(item: INodeExecutionData, itemIndex: number, secrets: readonly string[]): INodeExecutionData {
	const out: INodeExecutionData = { ...item, json: scrubDeep(item.json, secrets), pairedItem: item.pairedItem ?? { item: itemIndex } };
	if (item.binary) {
		out.binary = Object.fromEntries(
			Object.entries(item.binary).map(([name, { data, ...metadata }]) => [name, { ...scrubDeep(metadata, secrets), data }]),
		);
	}
	return out;
}

function findOperation(context: IExecuteFunctions): OperationModule {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const found = resourcesFor(versionOf(context))[resource]?.operations[operation];
	if (!found) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation '${operation}' of resource '${resource}' is not supported`,
		);
	}
	return found;
}

async function runItems(
	context: IExecuteFunctions,
	operation: OperationModule,
	itemIndexes: number[],
	ctx: OperationContext,
	concurrency: number | (() => number),
	continueOnFail: boolean,
): Promise<Array<ItemOutcome | undefined>> {
	const { cancelSignal } = ctx;
	if (operation.executeBatch) {
		try {
			const outcomes = await untilAborted(operation.executeBatch.call(context, itemIndexes, ctx), cancelSignal);
			// An item's error may come from another realm (Node's fetch): make it one of ours.
			return outcomes.map((outcome) => (outcome === undefined || Array.isArray(outcome) ? outcome : asError(outcome)));
		} catch (error) {
			// A failure of the whole batch is every item's failure.
			const failure = asError(error);
			return itemIndexes.map(() => failure);
		}
	}
	const execute = operation.execute!;
	let failed = false;
	return await mapWithConcurrency(
		itemIndexes,
		concurrency,
		async (itemIndex) => {
			try {
				// A cancelled execution ends every item at once, also one whose retry is waiting in backoff.
				return await untilAborted(execute.call(context, itemIndex, ctx), cancelSignal);
			} catch (error) {
				failed = true;
				return asError(error);
			}
		},
		// Without Continue On Fail the run stops at the first error: start no further items. A cancelled
		// execution starts none either.
		() => (failed && !continueOnFail) || Boolean(cancelSignal?.aborted),
	);
}

/**
 * Owns the item loop for every operation: builds the client once (with one rate limiter for all items of this
 * execution), runs the items (concurrently, in order), pairs every output with its input item, and turns
 * failures into errors or, with Continue On Fail, into error items while the other items go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = findOperation(this);
	const requestOptions = getRequestOptions(this);
	const credentials = await getToolkitCredentials(this);
	const cancelSignal = this.getExecutionCancelSignal?.();
	const maxWaitMs = allowedWaitMs(requestOptions);
	// Shared with every execution of this process on the same account (the limits are the account's, per model).
	const rateLimiter = new RateLimiter({ maxWaitMs, account: { ...credentials, baseUrl: normalizeBaseUrl(credentials.baseUrl) } });
	const client = buildClient(credentials, {
		maxRetries: requestOptions.maxRetries,
		timeoutMs: requestOptions.timeoutMs,
		maxWaitMs: requestOptions.maxWaitMs,
		cancelSignal,
		hooks: rateLimiter.hooks(),
	});
	const ctx: OperationContext = {
		client,
		baseUrl: client.toolkitBaseUrl,
		secrets: [credentials.apiKey],
		cancelSignal,
		maxWaitMs,
	};

	const itemIndexes = this.getInputData().map((_, index) => index);
	const continueOnFail = this.continueOnFail();
	const routeErrorsToErrorOutput = this.getNode().onError === 'continueErrorOutput';
	// Operations read their parameters through a fast path: a parameter that is only plain `$json.path`
	// expressions is read straight from the item instead of through n8n's expression sandbox (about 1 ms an
	// item). Anything else — other expressions, options such as extractValue, a field whose value n8n must
	// validate — goes to n8n's own getNodeParameter unchanged. See helpers/directJsonReads.ts.
	// A version 2 node is read by version 1 names (see actions/version2/): one code path for both versions.
	const fastReads = withDirectJsonReads(this);
	const parameters = versionOf(this) === 1 ? fastReads : withVersion2Parameters(fastReads, version2Renames());
	const outcomes = await runItems(
		parameters,
		operation,
		itemIndexes,
		ctx,
		// Auto: the pool follows the rate limits and latency the limiter sees; a number is a fixed pool.
		requestOptions.autoConcurrency ? () => rateLimiter.concurrency() : requestOptions.concurrency,
		continueOnFail,
	);
	// A cancelled execution is not a list of failed items, even under Continue On Fail.
	if (cancelSignal?.aborted) throw toNodeError(this.getNode(), abortError(), 0, ctx.secrets);

	const output: INodeExecutionData[] = [];
	for (const itemIndex of itemIndexes) {
		const outcome = outcomes[itemIndex];
		if (outcome === undefined) continue; // not started because an earlier item failed
		if (outcome instanceof Error) {
			const nodeError = toNodeError(this.getNode(), outcome, itemIndex, ctx.secrets);
			if (!continueOnFail) throw nodeError;
			// What the item collected before it failed (e.g. events followed until a timeout) comes first.
			for (const item of partialOutputOf(outcome)) {
				output.push(leaving(item, itemIndex, ctx.secrets));
			}
			// Under "Continue (using error output)" n8n routes an item to the error output only when it carries
			// `error` (and then keeps just its message); under "Continue" the item keeps every detail.
			const errorItem: INodeExecutionData = { json: errorToItemJson(nodeError), pairedItem: { item: itemIndex } };
			if (routeErrorsToErrorOutput) errorItem.error = nodeError;
			output.push(errorItem);
			continue;
		}
		for (const item of outcome) {
			output.push(leaving(item, itemIndex, ctx.secrets));
		}
	}
	return [output];
}
