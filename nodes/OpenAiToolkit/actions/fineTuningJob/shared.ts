import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { ToolkitClient } from '../../transport/client';

/** The statuses a fine-tuning job does not leave. */
export const TERMINAL_STATUSES: ReadonlyArray<string> = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(job: Pick<FineTuningJob, 'status'>): boolean {
	return TERMINAL_STATUSES.includes(job.status);
}

/** The Job ID field of every operation on one job (Fusion: "ID of the job"). */
export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'fineTuningJobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'ftjob-abc123',
	description: 'The ID of the fine-tuning job, as Create or List returns it',
};

/** Reads the Job ID field, refusing an empty one before anything is sent. */
export function getJobId(context: IExecuteFunctions, itemIndex: number): string {
	const jobId = String(context.getNodeParameter('fineTuningJobId', itemIndex, '') ?? '').trim();
	if (!jobId) throw new NodeOperationError(context.getNode(), "The field 'Job ID' is empty", { itemIndex });
	return jobId;
}

/**
 * A duration field (Poll Interval in seconds, Timeout in minutes; fractions allowed) in milliseconds, refusing
 * a value that is not a positive number before anything is sent.
 */
export function durationMs(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	fallback: number,
	fieldName: string,
	unit: 'seconds' | 'minutes',
): number {
	const value = context.getNodeParameter(name, itemIndex, fallback);
	const amount = Number(value);
	if (value === '' || value === null || !Number.isFinite(amount) || amount <= 0) {
		throw new NodeOperationError(context.getNode(), `The field '${fieldName}' must be a number above 0 (got '${String(value)}')`, {
			itemIndex,
		});
	}
	return Math.max(1, Math.round(amount * (unit === 'minutes' ? 60_000 : 1000)));
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
