import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkNumber } from '../checks';

export const MAX_TOOL_ITERATIONS_LABEL = 'Max Tool Iterations';
export const DEFAULT_MAX_TOOL_ITERATIONS = 10;
const MAX_TOOL_ITERATIONS_LIMIT = 100;

/** The options of the tool loop (version 2's Chat → Create Completion and Response → Create, in their Options). */
export const toolLoopOptions: INodeProperties[] = [
	{
		displayName: MAX_TOOL_ITERATIONS_LABEL,
		name: 'maxToolIterations',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TOOL_ITERATIONS_LIMIT },
		default: DEFAULT_MAX_TOOL_ITERATIONS,
		description:
			'How many rounds of tool calls the model may ask for before the item fails (only with tools connected to the Tools input)',
	},
	{
		displayName: 'Stop On Tool Error',
		name: 'stopOnToolError',
		type: 'boolean',
		default: false,
		description:
			"Whether a connected tool's error fails the item. Off: the error goes back to the model as the tool's result, and the model decides what to do.",
	},
];

export interface ToolLoopSettings {
	maxIterations: number;
	stopOnToolError: boolean;
}

/** The tool loop's options from an operation's Options collection, checked before anything is sent. */
export function readToolLoopSettings(context: IExecuteFunctions, itemIndex: number, options: IDataObject): ToolLoopSettings {
	const maxIterations = checkNumber(context, itemIndex, options.maxToolIterations, MAX_TOOL_ITERATIONS_LABEL, {
		min: 1,
		max: MAX_TOOL_ITERATIONS_LIMIT,
		integer: true,
	});
	return { maxIterations: maxIterations ?? DEFAULT_MAX_TOOL_ITERATIONS, stopOnToolError: options.stopOnToolError === true };
}
