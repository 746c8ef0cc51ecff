import type { IDataObject } from 'n8n-workflow';

import { REPLAY_MAX_IDS, REPLAY_WINDOW_MS, firstDelivery } from '../../../nodes/OpenAiToolkitTrigger/replay';

describe('the replay store', () => {
	const scope = () => `scope-${Math.random()}`;

	test('an ID is a replay for 24 hours, then new again', () => {
		const staticData = {};
		const now = 1_750_000_000_000;
		const inScope = scope();
		expect(firstDelivery(staticData, inScope, 'wh_1', now)).toBe(true);
		expect(firstDelivery({ ...staticData }, scope(), 'wh_1', now + REPLAY_WINDOW_MS - 1)).toBe(false);
		expect(firstDelivery(staticData, inScope, 'wh_1', now + REPLAY_WINDOW_MS + 1)).toBe(true);
	});

	test(`keeps at most ${REPLAY_MAX_IDS} IDs, dropping the oldest and anything older than the window`, () => {
		const staticData: { seenWebhookIds?: Record<string, number> } = {};
		const start = 1_750_000_000_000;
		const inScope = scope();
		firstDelivery(staticData, inScope, 'wh_ancient', start - REPLAY_WINDOW_MS - 1000);
		for (let i = 0; i < REPLAY_MAX_IDS + 50; i++) expect(firstDelivery(staticData, inScope, `wh_${i}`, start + i)).toBe(true);
		const ids = Object.keys(staticData.seenWebhookIds!);
		expect(ids).toHaveLength(REPLAY_MAX_IDS);
		expect(ids).not.toContain('wh_ancient');
		expect(ids).not.toContain('wh_49');
		expect(ids).toContain('wh_50');
		expect(ids).toContain(`wh_${REPLAY_MAX_IDS + 49}`);
	});

	test('broken saved data is replaced, not trusted', () => {
		const staticData = { seenWebhookIds: 'garbage' } as IDataObject;
		expect(firstDelivery(staticData, scope(), 'wh_x')).toBe(true);
		expect(staticData.seenWebhookIds).toEqual({ wh_x: expect.any(Number) });
		const odd = { seenWebhookIds: { wh_y: 'yesterday' } } as IDataObject;
		expect(firstDelivery(odd, scope(), 'wh_y')).toBe(true);
	});
});
