import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { listSearch } from '../methods';
import { nodeProperties, subtitleExpression } from './node.description';
import type { NodeVersion } from '../helpers/nodeVersion';
import { router } from './router';

/** What both versions share: the name, icon, words and codex n8n shows in the nodes panel. */
export const baseDescription: INodeTypeBaseDescription = {
	displayName: 'OpenAI Toolkit',
	name: 'openAiToolkit',
	icon: { light: 'file:openAiToolkit.svg', dark: 'file:openAiToolkit.dark.svg' },
	group: ['transform'],
	subtitle: subtitleExpression(),
	description: 'Chat, images, audio, embeddings, files, fine-tuning and every other OpenAI API in one node',
	defaultVersion: 2,
};

/**
 * Version 2's inputs, as n8n works them out from the parameters: Chat → Create Completion and Response → Create
 * also take a Tools input (any number of n8n tool sub-nodes); everything else has the main input only. The
 * defaults stand in for a parameter not set (resource Chat, each resource's default operation).
 */
export const VERSION2_INPUTS =
	"={{ ((resource, operation) => (resource === 'chat' && (operation || 'createCompletion') === 'createCompletion') || (resource === 'response' && (operation || 'create') === 'create') ? [{ type: 'main' }, { type: 'ai_tool', displayName: 'Tools', required: false }] : ['main'])($parameter.resource || 'chat', $parameter.operation) }}";

/** One version of the node: its own parameters, the same router (which reads the node's version). */
export class OpenAiToolkitVersion implements INodeType {
	description: INodeTypeDescription;

	methods = { listSearch };

	constructor(version: NodeVersion) {
		this.description = {
			...baseDescription,
			version,
			defaults: { name: 'OpenAI Toolkit' },
			usableAsTool: true,
			inputs: version === 1 ? [NodeConnectionTypes.Main] : VERSION2_INPUTS,
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'openAiToolkitApi', required: true }],
			properties: nodeProperties(version),
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
