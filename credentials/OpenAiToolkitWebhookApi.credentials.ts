import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The signing secret of a webhook endpoint registered in the OpenAI dashboard, for the OpenAI Toolkit Trigger.
 * It has no credential test: no OpenAI endpoint checks a signing secret; the signatures of the deliveries do.
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OpenAiToolkitWebhookApi implements ICredentialType {
	name = 'openAiToolkitWebhookApi';

	displayName = 'OpenAI Toolkit Webhook';

	documentationUrl = 'https://platform.openai.com/docs/guides/webhooks';

	icon = {
		light: 'file:../nodes/OpenAiToolkitTrigger/openAiToolkit.svg',
		dark: 'file:../nodes/OpenAiToolkitTrigger/openAiToolkit.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Required. The secret OpenAI shows once when you add the webhook endpoint (Settings → Project → Webhooks); it starts with whsec_',
		},
	];
}
