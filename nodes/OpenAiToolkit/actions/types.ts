import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ToolkitClient } from '../transport/client';

/** What every operation gets besides n8n's execute functions. */
export interface OperationContext {
	client: ToolkitClient;
	/** The credential's Base URL, normalized (no trailing slash). */
	baseUrl: string;
	/**
	 * Values that must never reach an output, an error or a log: the API key, and what an operation adds while it
	 * runs (a custom header's credential). The router scrubs every output and error with them.
	 */
	secrets: string[];
	/** Aborted when the execution is cancelled. */
	cancelSignal?: AbortSignal;
	/** Longest wait a server may ask for before a retry (Max Wait, bounded by the timeout); for our own retries. */
	maxWaitMs?: number;
}

/** The outcome for one input item of a batch operation: its output items, or the error it ended with. */
export type ItemOutcome = INodeExecutionData[] | Error;

export interface OperationModule {
	description: INodeProperties[];
	/** Runs one input item; the router sets `pairedItem` where the operation did not. */
	execute?: (this: IExecuteFunctions, itemIndex: number, ctx: OperationContext) => Promise<INodeExecutionData[]>;
	/**
	 * Runs all input items at once, for operations that pack several items into one request (embeddings,
	 * batches). Returns one outcome per index, in the order given.
	 */
	executeBatch?: (
		this: IExecuteFunctions,
		itemIndexes: number[],
		ctx: OperationContext,
	) => Promise<ItemOutcome[]>;
}

export interface ResourceModule {
	/** The entry in the Resource dropdown. */
	option: INodePropertyOptions;
	/** The Operation dropdown and every operation's fields. */
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
