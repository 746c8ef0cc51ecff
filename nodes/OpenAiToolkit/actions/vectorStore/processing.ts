import type { VectorStore } from 'openai/resources/vector-stores/vector-stores';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { pollUntil, type WaitSettings } from '../../helpers/wait';
import type { OperationContext } from '../types';

/** A timeout in minutes as the messages show it (0.001, 2.5, 30). */
export function minutesText(timeoutMs: number): string {
	return String(+(timeoutMs / 60_000).toFixed(3));
}

/** The error of an execution cancelled while it waited; the work goes on at OpenAI. */
export function cancelledWhileWaiting(context: IExecuteFunctions, what: string): () => Error {
	return () =>
		new NodeOperationError(context.getNode(), `Stopped waiting: the execution was cancelled; ${what} keeps processing at OpenAI`);
}

/**
 * Waits until a vector store has processed its files (status no longer in_progress). Files that failed do not
 * fail the item: the store is usable, and its file_counts say how many failed.
 */
export async function waitForVectorStore(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	store: VectorStore,
	{ intervalMs, timeoutMs }: WaitSettings,
): Promise<VectorStore> {
	return await pollUntil<VectorStore>({
		initial: store,
		fetch: async () => await client.vectorStores.retrieve(store.id),
		isDone: (current) => current.status !== 'in_progress',
		intervalMs,
		timeoutMs,
		signal: cancelSignal,
		onAbort: cancelledWhileWaiting(context, `the vector store ${store.id}`),
		onTimeout: (last) =>
			new NodeOperationError(
				context.getNode(),
				`The vector store ${store.id} was not processed within ${minutesText(timeoutMs)} minutes (${last.file_counts?.completed ?? 0} of ${last.file_counts?.total ?? 0} files done)`,
				{
					itemIndex,
					description:
						"Processing goes on at OpenAI. Check it with Vector Store → Retrieve, or raise 'Timeout (Minutes)'.",
				},
			),
	});
}
