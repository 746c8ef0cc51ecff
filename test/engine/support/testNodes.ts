/**
 * Two tiny node types for engine tests (n8n-nodes-base is not installed): a manual trigger that starts the
 * workflow with one empty item, like n8n's own, and a node that outputs fixed items (what a Code node returning
 * a literal array does in the e2e layer).
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

export const MANUAL_TRIGGER_TYPE = 'engineTest.manualTrigger';
export const FIXED_ITEMS_TYPE = 'engineTest.fixedItems';

export class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger (engine test)',
		name: MANUAL_TRIGGER_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when it is run by hand',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const emitOneItem = async () => this.emit([this.helpers.returnJsonArray([{}])]);
		return { manualTriggerFunction: emitOneItem };
	}
}

export class FixedItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fixed Items (engine test)',
		name: FIXED_ITEMS_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Outputs the items given as a JSON array of objects',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items (JSON)',
				name: 'items',
				type: 'string',
				default: '[]',
				description: 'A JSON array; each object becomes the JSON of one output item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const parsed = JSON.parse(raw) as unknown;
		if (!Array.isArray(parsed)) throw new NodeOperationError(this.getNode(), "'Items (JSON)' must be a JSON array");
		return [parsed.map((json: IDataObject) => ({ json, pairedItem: { item: 0 } }))];
	}
}
