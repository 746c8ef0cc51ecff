/**
 * A small stand-in for n8n's IWebhookFunctions, enough to run the trigger's `webhook` in a unit test: the
 * request (raw body and headers as n8n keeps them), a response that records what the node answered, the node's
 * parameters with their defaults, both credentials and the node's static data (shared between calls like n8n's
 * saved static data).
 */
import { createHmac } from 'node:crypto';
import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { OpenAiToolkitTrigger } from '../../../nodes/OpenAiToolkitTrigger/OpenAiToolkitTrigger.node';
import { TEST_API_KEY } from '../../support/constants';

/** A signing secret in OpenAI's format: whsec_ and base64. */
export const TEST_SIGNING_SECRET = `whsec_${Buffer.from('trigger-unit-test-signing-key-32b').toString('base64')}`;

export interface Delivery {
	body: string;
	headers: Record<string, string>;
}

/** Signs a body the way OpenAI does (Standard Webhooks: HMAC-SHA256 over "id.timestamp.body", base64). */
export function signedDelivery(
	event: IDataObject | string,
	{ secret = TEST_SIGNING_SECRET, webhookId = `wh_${Math.random().toString(36).slice(2)}`, timestamp = Math.floor(Date.now() / 1000) } = {},
): Delivery {
	const body = typeof event === 'string' ? event : JSON.stringify(event);
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
	return {
		body,
		headers: {
			'content-type': 'application/json',
			'webhook-id': webhookId,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': `v1,${signature}`,
		},
	};
}

/** An event as OpenAI sends it. */
export function webhookEvent(type: string, objectId: string, extra: IDataObject = {}): IDataObject {
	return { id: `evt_${objectId}`, object: 'event', created_at: 1750287018, type, data: { id: objectId }, ...extra };
}

export interface TriggerRun {
	result: IWebhookResponseData;
	/** What the node answered itself (undefined when it left the answer to n8n). */
	answered?: { status: number; body: unknown; at: number };
}

export interface TriggerOptions {
	parameters?: IDataObject;
	signingSecret?: string;
	apiCredentials?: IDataObject;
	/** The node's static data; pass the same object to several runs to model n8n keeping it. */
	staticData?: IDataObject;
	workflowId?: string;
}

const trigger = new OpenAiToolkitTrigger();

function defaults(): IDataObject {
	const values: IDataObject = {};
	for (const property of trigger.description.properties) values[property.name] = property.default as never;
	return values;
}

/** Runs the trigger's webhook once for a delivery. */
export async function runTrigger(delivery: Delivery, options: TriggerOptions = {}): Promise<TriggerRun> {
	const parameters: IDataObject = { ...defaults(), events: ['batch.completed'], ...(options.parameters ?? {}) };
	const staticData = options.staticData ?? {};
	const run: Partial<TriggerRun> = {};
	const response = {
		statusCode: 200,
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		json(body: unknown) {
			if (run.answered) throw new Error('The node answered twice');
			run.answered = { status: response.statusCode, body, at: Date.now() };
			return response;
		},
	};
	const node: INode = {
		id: 'trigger-node',
		name: 'OpenAI Toolkit Trigger',
		type: 'n8n-nodes-openai-toolkit.openAiToolkitTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		webhookId: 'test-webhook-id',
	};
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-unit', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? structuredClone(parameters[name]) : fallback),
		getCredentials: async (type: string) => {
			if (type === 'openAiToolkitWebhookApi') return { signingSecret: options.signingSecret ?? TEST_SIGNING_SECRET };
			if (type === 'openAiToolkitApi') return { apiKey: TEST_API_KEY, ...(options.apiCredentials ?? {}) };
			throw new Error(`No credential of type ${type}`);
		},
		getRequestObject: () => ({
			rawBody: Buffer.from(delivery.body),
			body: (() => {
				try {
					return JSON.parse(delivery.body);
				} catch {
					return {};
				}
			})(),
			headers: Object.fromEntries(Object.entries(delivery.headers).map(([key, value]) => [key.toLowerCase(), value])),
		}),
		getResponseObject: () => response,
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('The trigger keeps its data per node');
			return staticData;
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	};
	run.result = await trigger.webhook.call(context as unknown as IWebhookFunctions);
	return run as TriggerRun;
}
