import type { IDataObject } from 'n8n-workflow';

/** How long a delivery's webhook-id is remembered: OpenAI retries a delivery for up to 72 h, mostly within hours. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many IDs are kept (the oldest go first), so the workflow's static data stays small. */
export const REPLAY_MAX_IDS = 1000;

/**
 * Deliveries being handled right now in this n8n process, by workflow and node. n8n saves the static data
 * only once the webhook call is answered, so two copies of one delivery arriving together would both find it
 * unseen there; this catches the second.
 */
const inFlight = new Map<string, number>();

function seenIds(staticData: IDataObject): Record<string, number> {
	const current = staticData.seenWebhookIds;
	if (current && typeof current === 'object' && !Array.isArray(current)) return current as Record<string, number>;
	const fresh: Record<string, number> = {};
	staticData.seenWebhookIds = fresh;
	return fresh;
}

/** Drops IDs older than the window, then the oldest beyond the cap (keeping room for one more). */
function prune(seen: Record<string, number>, now: number): void {
	for (const [id, at] of Object.entries(seen)) if (!(typeof at === 'number' && now - at < REPLAY_WINDOW_MS)) delete seen[id];
	const ids = Object.keys(seen);
	if (ids.length < REPLAY_MAX_IDS) return;
	ids.sort((a, b) => seen[a] - seen[b]);
	for (const id of ids.slice(0, ids.length - REPLAY_MAX_IDS + 1)) delete seen[id];
}

/**
 * Records a delivery's webhook-id in the node's static data. Returns false when the ID was seen within the
 * window (a retry of a delivery that already started an execution): it must not start another.
 */
export function firstDelivery(staticData: IDataObject, scope: string, webhookId: string, now = Date.now()): boolean {
	for (const [key, at] of inFlight) if (now - at > REPLAY_WINDOW_MS) inFlight.delete(key);
	const key = `${scope}\u0000${webhookId}`;
	const seen = seenIds(staticData);
	const at = seen[webhookId];
	if ((typeof at === 'number' && now - at < REPLAY_WINDOW_MS) || inFlight.has(key)) return false;
	prune(seen, now);
	seen[webhookId] = now;
	inFlight.set(key, now);
	// Once n8n has saved the static data it is the record; the in-process entry is only for the moments before.
	setTimeout(() => inFlight.delete(key), 60_000).unref?.();
	// Static data is a proxy in n8n that marks itself changed when a key is set; reassigning makes sure of it.
	staticData.seenWebhookIds = seen;
	return true;
}
