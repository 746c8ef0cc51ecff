import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getJobId, jobIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'cancel', [
	{ ...jobIdField, description: 'The ID of the fine-tuning job to cancel. A job that has already ended cannot be cancelled.' },
]);

/** POST /fine_tuning/jobs/{id}/cancel: stops a job that has not ended yet. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const job = await client.fineTuning.jobs.cancel(getJobId(this, itemIndex));
	return toItems(job, itemIndex);
}
