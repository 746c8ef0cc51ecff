import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Wraps API objects as output items paired with the input item they answer. */
export function toItems(data: IDataObject | IDataObject[] | object | object[], itemIndex: number): INodeExecutionData[] {
	const list = (Array.isArray(data) ? data : [data]) as IDataObject[];
	return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
