import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { WEBHOOK_CREDENTIAL, triggerProperties } from './fields';
import { handleDelivery } from './webhook';

/**
 * OpenAI Toolkit Trigger: receives OpenAI's signed webhooks (batch, fine-tuning job, response, eval run and
 * call events) at its Production URL, checks the signature and starts the workflow once per delivery.
 * No webhookMethods: OpenAI's API has no endpoint to register a webhook (the spec has none); it is added once
 * in the OpenAI dashboard, by hand.
 */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class OpenAiToolkitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Toolkit Trigger',
		name: 'openAiToolkitTrigger',
		icon: { light: 'file:openAiToolkit.svg', dark: 'file:openAiToolkit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when OpenAI sends a webhook: a batch, fine-tuning job or background response ended',
		defaults: { name: 'OpenAI Toolkit Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: WEBHOOK_CREDENTIAL, required: true },
			{ name: 'openAiToolkitApi', required: true, displayOptions: { show: { fetchObject: [true] } } },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// n8n answers 200 once the execution has started; with Fetch the Object the node answers itself
				// before it fetches (webhook.ts).
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
