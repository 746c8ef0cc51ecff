import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getJobId, jobIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'pause', [
	{ ...jobIdField, description: 'The ID of the running fine-tuning job to pause' },
]);

/** POST /fine_tuning/jobs/{id}/pause: pauses a running job (Resume continues it). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const job = await client.fineTuning.jobs.pause(getJobId(this, itemIndex));
	return toItems(job, itemIndex);
}
