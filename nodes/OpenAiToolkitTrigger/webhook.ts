import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { buildClient, getToolkitCredentials } from '../OpenAiToolkit/transport/client';
import { WEBHOOK_CREDENTIAL } from './fields';
import { FETCH_CLIENT_SETTINGS, fetchEventItems } from './fetchObject';
import { firstDelivery } from './replay';
import { verifyDelivery } from './verify';

/** Answers the delivery now, with a small JSON body that names no secret. */
function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * One delivery from OpenAI:
 * 1. a missing or bad signature, or a timestamp more than 5 minutes off, is answered 400 and starts nothing;
 * 2. an event type not chosen in Events is answered 200 and ignored;
 * 3. a webhook-id seen in the last 24 h (OpenAI retries) is answered 200 without a second execution;
 * 4. otherwise the workflow starts with the event. Without Fetch the Object n8n answers 200 once the execution
 *    is started ("onReceived"). With it, the node answers 200 first and fetches afterwards, so a slow fetch
 *    (a big result file) never runs into OpenAI's delivery timeout; the execution starts with what it fetched.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials<{ signingSecret?: string }>(WEBHOOK_CREDENTIAL);
	const secret = String(credentials.signingSecret ?? '').trim();
	if (!secret) {
		// A 5xx: OpenAI retries, so events are not lost while the credential is being fixed.
		return answer(this, 500, { error: 'The webhook signing secret of the credential is empty' });
	}
	const request = this.getRequestObject();
	const verdict = await verifyDelivery(request.rawBody, request.headers, secret);
	if (!verdict.ok) return answer(this, 400, { error: `Invalid webhook: ${verdict.reason}` });

	const { event, webhookId } = verdict;
	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(event.type)) return answer(this, 200, { received: true, ignored: `event type ${event.type} not selected` });

	const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().name}`;
	if (!firstDelivery(this.getWorkflowStaticData('node'), scope, webhookId)) {
		return answer(this, 200, { received: true, duplicate: true });
	}

	if (!(this.getNodeParameter('fetchObject', false) as boolean)) return { workflowData: [[{ json: event }]] };

	const resultLines = this.getNodeParameter('resultLines', false) as boolean;
	const apiCredentials = await getToolkitCredentials(this);
	answer(this, 200, { received: true });
	const client = buildClient(apiCredentials, FETCH_CLIENT_SETTINGS);
	const items = await fetchEventItems(client, event, { resultLines, secrets: [apiCredentials.apiKey, secret] });
	return { noWebhookResponse: true, workflowData: [items] };
}
