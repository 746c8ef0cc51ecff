import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The Batch ID field of Retrieve, Cancel and Get Results. */
export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'batch_abc123',
	description: 'The ID of the batch, as Batch → Create or Batch → List output it',
};

export function getBatchId(context: IExecuteFunctions, itemIndex: number): string {
	const batchId = String(context.getNodeParameter('batchId', itemIndex, '')).trim();
	if (!batchId) throw new NodeOperationError(context.getNode(), "The field 'Batch ID' is empty", { itemIndex });
	return batchId;
}
