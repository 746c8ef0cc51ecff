import { InvalidWebhookSignatureError } from 'openai';
import type { IncomingHttpHeaders } from 'node:http';
import type { IDataObject } from 'n8n-workflow';

import { buildClient } from '../OpenAiToolkit/transport/client';

/** How old (or how far in the future) a delivery's webhook-timestamp may be: 5 minutes, as OpenAI's SDK checks. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** The Standard Webhooks headers OpenAI signs a delivery with. */
const SIGNED_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

export interface WebhookEvent extends IDataObject {
	id: string;
	type: string;
	created_at: number;
	data: IDataObject;
}

export type Verdict =
	| { ok: true; webhookId: string; event: WebhookEvent }
	| { ok: false; reason: string };

// The SDK's webhooks.verifySignature does the check; it needs a client, which never sends a request here.
let verifier: ReturnType<typeof buildClient> | undefined;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(' ') : value;
}

/**
 * Checks a delivery: the three signed headers, the timestamp (at most 5 minutes off) and the HMAC signature
 * over the raw body, then that the body is an event. The reason of a rejection never quotes the secret (the
 * SDK's messages name only what failed).
 */
export async function verifyDelivery(rawBody: Buffer | undefined, headers: IncomingHttpHeaders, secret: string): Promise<Verdict> {
	const signed: Record<string, string> = {};
	for (const name of SIGNED_HEADERS) {
		const value = headerValue(headers, name);
		if (!value) return { ok: false, reason: `Missing the ${name} header` };
		signed[name] = value;
	}
	const payload = (rawBody ?? Buffer.alloc(0)).toString('utf8');
	verifier ??= buildClient({ apiKey: 'unused' });
	try {
		await verifier.webhooks.verifySignature(payload, signed, secret, TIMESTAMP_TOLERANCE_SECONDS);
	} catch (error) {
		if (error instanceof InvalidWebhookSignatureError) return { ok: false, reason: error.message };
		return { ok: false, reason: 'The webhook signature could not be checked' };
	}
	let event: unknown;
	try {
		event = JSON.parse(payload);
	} catch {
		return { ok: false, reason: 'The body is not JSON' };
	}
	if (!isEvent(event)) return { ok: false, reason: 'The body is not an OpenAI webhook event' };
	return { ok: true, webhookId: signed['webhook-id'], event };
}

function isEvent(value: unknown): value is WebhookEvent {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const event = value as Record<string, unknown>;
	return typeof event.type === 'string' && typeof event.id === 'string' && !!event.data && typeof event.data === 'object';
}
