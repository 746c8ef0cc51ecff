import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getJobId, jobIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'resume', [
	{ ...jobIdField, description: 'The ID of the paused fine-tuning job to resume' },
]);

/** POST /fine_tuning/jobs/{id}/resume: continues a paused job. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const job = await client.fineTuning.jobs.resume(getJobId(this, itemIndex));
	return toItems(job, itemIndex);
}
