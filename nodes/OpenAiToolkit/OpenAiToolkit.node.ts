import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { nodeProperties } from './actions/node.description';
import { router } from './actions/router';
import { listSearch } from './methods';

export class OpenAiToolkit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Toolkit',
		name: 'openAiToolkit',
		icon: { light: 'file:openAiToolkit.svg', dark: 'file:openAiToolkit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Every OpenAI API: chat, completions, edits, moderations, embeddings, images, audio, models, files, fine-tuning, batches, responses',
		defaults: { name: 'OpenAI Toolkit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiToolkitApi', required: true }],
		properties: nodeProperties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
