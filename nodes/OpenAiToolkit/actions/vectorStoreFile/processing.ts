import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { pollUntil, type WaitSettings } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { cancelledWhileWaiting, minutesText } from '../vectorStore/processing';

/** The error of a file OpenAI could not process (failed) or stopped processing (cancelled). */
export function unprocessedFileError(context: IExecuteFunctions, itemIndex: number, file: VectorStoreFile): Error {
	if (file.status === 'failed') {
		const reason = file.last_error?.message || 'no reason given';
		return new NodeOperationError(context.getNode(), `OpenAI could not process the file ${file.id}: ${reason}`, {
			itemIndex,
			description: [file.last_error?.code ? `code: ${file.last_error.code}` : undefined, `vector store: ${file.vector_store_id}`]
				.filter(Boolean)
				.join(', '),
		});
	}
	return new NodeOperationError(context.getNode(), `Processing of the file ${file.id} was cancelled`, {
		itemIndex,
		description: `vector store: ${file.vector_store_id}`,
	});
}

export function isUnprocessed(file: Pick<VectorStoreFile, 'status'>): boolean {
	return file.status === 'failed' || file.status === 'cancelled';
}

/** Waits until one file of a vector store is processed; a failed or cancelled file fails the item. */
export async function waitForFile(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	file: VectorStoreFile,
	{ intervalMs, timeoutMs }: WaitSettings,
): Promise<VectorStoreFile> {
	const final = await pollUntil<VectorStoreFile>({
		initial: file,
		fetch: async () => await client.vectorStores.files.retrieve(file.id, { vector_store_id: file.vector_store_id }),
		isDone: (current) => current.status !== 'in_progress',
		intervalMs,
		timeoutMs,
		signal: cancelSignal,
		onAbort: cancelledWhileWaiting(context, `the file ${file.id}`),
		onTimeout: () =>
			new NodeOperationError(
				context.getNode(),
				`The file ${file.id} was not processed within ${minutesText(timeoutMs)} minutes`,
				{
					itemIndex,
					description:
						"Processing goes on at OpenAI. Check it with Vector Store File → Retrieve, or raise 'Timeout (Minutes)'.",
				},
			),
	});
	if (isUnprocessed(final)) throw unprocessedFileError(context, itemIndex, final);
	return final;
}
