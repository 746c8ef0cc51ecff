import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { pollUntil, type WaitSettings } from '../../helpers/wait';
import type { ToolkitClient } from '../../transport/client';
import type { OperationContext } from '../types';

/** The statuses a fine-tuning job does not leave. */
export const TERMINAL_STATUSES: ReadonlyArray<string> = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(job: Pick<FineTuningJob, 'status'>): boolean {
	return TERMINAL_STATUSES.includes(job.status);
}

/** A timeout in minutes as the messages show it (0.001, 2.5, 120). */
export function minutesText(timeoutMs: number): string {
	return String(+(timeoutMs / 60_000).toFixed(3));
}

/** Waits for a job to end; a failed or cancelled job is an error, with the job's own message for a failure. */
export async function waitForJob(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	job: FineTuningJob,
	{ intervalMs, timeoutMs }: WaitSettings,
): Promise<FineTuningJob> {
	const final = await pollUntil({
		initial: job,
		fetch: async () => await client.fineTuning.jobs.retrieve(job.id),
		isDone: isTerminal,
		intervalMs,
		timeoutMs,
		signal: cancelSignal,
		onTimeout: (last) =>
			new NodeOperationError(
				context.getNode(),
				`The fine-tuning job ${job.id} did not finish within ${minutesText(timeoutMs)} minutes (status: ${last.status})`,
				{
					itemIndex,
					description:
						"The job goes on at OpenAI. Follow it with Retrieve or List Events, or raise 'Timeout (Minutes)'.",
				},
			),
	});
	if (final.status === 'failed') {
		const details = [
			`Fine-tuning job ${final.id} failed`,
			final.error?.code ? `code: ${final.error.code}` : undefined,
			final.error?.param ? `param: ${final.error.param}` : undefined,
		].filter(Boolean);
		throw new NodeOperationError(context.getNode(), final.error?.message || `The fine-tuning job ${final.id} failed`, {
			itemIndex,
			description: details.join(', '),
		});
	}
	if (final.status === 'cancelled') {
		throw new NodeOperationError(context.getNode(), `The fine-tuning job ${final.id} was cancelled`, { itemIndex });
	}
	return final;
}

/**
 * The events of a job not in `seenIds` (all of them the first time), oldest first. Events come newest first, so
 * pages are read only back to the newest event already seen. A server that hands out a page again (a cursor
 * that does not move) ends the reading too, instead of looping.
 */
export async function eventsSince(
	client: ToolkitClient,
	jobId: string,
	seenIds: ReadonlySet<string>,
	pageSize = 100,
): Promise<FineTuningJobEvent[]> {
	const fresh: FineTuningJobEvent[] = [];
	const read = new Set<string>();
	for await (const event of client.fineTuning.jobs.listEvents(jobId, { limit: pageSize })) {
		if (seenIds.has(event.id) || read.has(event.id)) break;
		read.add(event.id);
		fresh.push(event);
	}
	return fresh.reverse();
}
