import type { FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import { pollUntil, readWait, waitFields, withPartialOutput } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { getJobId, jobIdField, streamWaitSpec } from './fields';
import { eventsSince, isTerminal, minutesText } from './jobs';

/** Page size asked for when following the cursor. */
const PAGE_SIZE = 100;

const onlyWithoutStream = (property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, stream: [false] } },
});

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'listEvents', [
	{ ...jobIdField, description: 'The ID of the fine-tuning job whose status updates to get' },
	{
		displayName: 'Stream',
		name: 'stream',
		type: 'boolean',
		default: false,
		description:
			'Whether to follow the job until it has succeeded, failed or been cancelled, and output every event it produced on the way, each once, oldest first. Without it, the events so far are output, newest first.',
		hint: 'With Stream on, the node runs until the job ends (or the timeout)',
	},
	...returnAllOrLimitFields(50).map(onlyWithoutStream),
	...waitFields(streamWaitSpec),
]);

/**
 * Follows a job: each poll retrieves it, then takes the events that are new since the last poll. Events read
 * after the job was seen in a final state include its last ones, so none is missed and none is taken twice.
 * When following ends in an error (the timeout, a failed request), the events collected until then go with
 * it: under Continue On Fail they are output before the error item.
 */
async function followEvents(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	jobId: string,
): Promise<INodeExecutionData[]> {
	const { intervalMs, timeoutMs } = readWait(context, itemIndex, streamWaitSpec);
	const seen = new Set<string>();
	const events: FineTuningJobEvent[] = [];
	try {
		await pollUntil({
			fetch: async () => {
				const job = await client.fineTuning.jobs.retrieve(jobId);
				for (const event of await eventsSince(client, jobId, seen, PAGE_SIZE)) {
					seen.add(event.id);
					events.push(event);
				}
				return job;
			},
			isDone: isTerminal,
			intervalMs,
			timeoutMs,
			signal: cancelSignal,
			onProgress: (job) => context.logger?.debug?.(`Fine-tuning job ${jobId}: ${job.status}, ${events.length} events`),
			onTimeout: (last) =>
				new NodeOperationError(
					context.getNode(),
					`The fine-tuning job ${jobId} did not end within ${minutesText(timeoutMs)} minutes (status: ${last.status}, ${events.length} events so far)`,
					{
						itemIndex,
						description: [
							"The job goes on at OpenAI. Run List Events again later, or raise 'Timeout (Minutes)'.",
							events.length ? 'Under Continue On Fail the events so far are output before this error.' : undefined,
						]
							.filter(Boolean)
							.join(' '),
					},
				),
		});
	} catch (error) {
		throw error instanceof Error ? withPartialOutput(error, toItems(events, itemIndex)) : error;
	}
	return toItems(events, itemIndex);
}

/** GET /fine_tuning/jobs/{id}/events (Fusion: "Get status updates", with its choice to stream them). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const jobId = getJobId(this, itemIndex);
	if (this.getNodeParameter('stream', itemIndex, false)) {
		return await followEvents(this, itemIndex, ctx, jobId);
	}
	const limit = readResultLimit(this, itemIndex);
	const events = await collect(
		ctx.client.fineTuning.jobs.listEvents(jobId, { limit: Math.min(limit ?? PAGE_SIZE, PAGE_SIZE) }),
		limit,
	);
	return toItems(events, itemIndex);
}
