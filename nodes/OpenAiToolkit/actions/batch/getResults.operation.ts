import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { batchIdField, getBatchId } from './fields';
import { downloadResultLines, isBatchFinished, sortByCustomId } from './results';

export const description: INodeProperties[] = showOnlyFor('batch', 'getResults', [
	{
		...batchIdField,
		description: 'The batch whose results to fetch. It must have ended (completed, failed, expired or cancelled).',
	},
]);

/**
 * Downloads a finished batch's output and error files and outputs one item per result line, ordered by
 * custom_id (Batch → Create uses the input item's index): `{ id, custom_id, response: { status_code,
 * request_id, body }, error }`. Failed requests are the lines with an `error` or an error status code.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const batch = await client.batches.retrieve(getBatchId(this, itemIndex));
	if (!isBatchFinished(batch)) {
		throw new NodeOperationError(this.getNode(), `The batch ${batch.id} has not ended yet (status: ${batch.status})`, {
			itemIndex,
			description:
				'Results are ready once it is completed, failed, expired or cancelled. Batch → Create with Wait For Completion waits for you.',
		});
	}
	const { output, errors } = await downloadResultLines(client, batch);
	if (output.length + errors.length === 0 && batch.status === 'failed') {
		const reasons = (batch.errors?.data ?? []).map((entry) => entry.message).filter(Boolean);
		throw new NodeOperationError(this.getNode(), `The batch ${batch.id} failed and has no results`, {
			itemIndex,
			description: reasons.length ? reasons.join('; ') : undefined,
		});
	}
	return toItems(sortByCustomId([...output, ...errors]), itemIndex);
}
