import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from './events';

export const WEBHOOK_CREDENTIAL = 'openAiToolkitWebhookApi';

/** The trigger's parameters: Events, then the Fetch the Object switch and what it shows. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'In the OpenAI dashboard (Settings → Project → Webhooks) add an endpoint with this node\'s Production URL, pick the same events, and put the signing secret it shows (whsec_…) into the credential',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: WEBHOOK_EVENTS,
		description:
			'The events that start the workflow. Other events OpenAI sends to this URL are answered 200 and ignored.',
	},
	{
		displayName: 'Fetch the Object',
		name: 'fetchObject',
		type: 'boolean',
		default: false,
		description:
			'Whether to retrieve the batch, fine-tuning job or response the event names and output it (needs an OpenAI Toolkit API credential). Eval run and call events come out as they are.',
	},
	{
		displayName: 'Output Result Lines',
		name: 'resultLines',
		type: 'boolean',
		default: false,
		displayOptions: { show: { fetchObject: [true] } },
		description:
			'Whether a batch.completed event outputs one item per result line of the batch (as Batch → Get Results does) instead of the batch',
	},
];
