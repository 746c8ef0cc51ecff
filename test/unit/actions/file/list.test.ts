import { startFakeOpenAi, type FakeOpenAi } from '../../../support/fake-openai';
import { runNode } from '../../../support/executeContext';
import { seedFile } from './seed';

describe('File → List', () => {
	let server: FakeOpenAi;
	let ids: string[];
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(() => {
		server.reset();
		ids = [
			seedFile(server, 'a.jsonl', 'fine-tune'),
			seedFile(server, 'b.jsonl', 'batch'),
			seedFile(server, 'c.jsonl', 'fine-tune'),
			seedFile(server, 'd.jsonl', 'fine-tune'),
			seedFile(server, 'e.jsonl', 'fine-tune'),
			seedFile(server, 'f.pdf', 'user_data'),
		];
	});
	const credentials = () => ({ baseUrl: server.url });

	test('Return All follows the cursor across several pages, newest first', async () => {
		server.state.filesPageSizeCap = 2;
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'list', returnAll: true },
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.filename)).toEqual(['f.pdf', 'e.jsonl', 'd.jsonl', 'c.jsonl', 'b.jsonl', 'a.jsonl']);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(server.requests.map((r) => r.query)).toEqual([{}, { after: ids[4] }, { after: ids[2] }]);
	});

	test('a Limit asks for that many per page and stops as soon as it has them', async () => {
		server.state.filesPageSizeCap = 2;
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'list', limit: 3 },
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.filename)).toEqual(['f.pdf', 'e.jsonl', 'd.jsonl']);
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '3' }, { limit: '3', after: ids[4] }]);
	});

	test('purpose filter and oldest-first order are sent, and paging keeps them', async () => {
		server.state.filesPageSizeCap = 1;
		const { output } = await runNode({
			parameters: { resource: 'file', operation: 'list', returnAll: true, options: { purpose: 'fine-tune', order: 'asc' } },
			credentials: credentials(),
		});
		expect(output.map((item) => item.json.filename)).toEqual(['a.jsonl', 'c.jsonl', 'd.jsonl', 'e.jsonl']);
		expect(server.requests).toHaveLength(4);
		expect(server.requests[0].query).toEqual({ purpose: 'fine-tune', order: 'asc' });
		expect(server.requests[3].query).toEqual({ purpose: 'fine-tune', order: 'asc', after: ids[3] });
		expect(output[0].json).toEqual({
			id: ids[0],
			object: 'file',
			bytes: 1,
			created_at: 1700000001,
			filename: 'a.jsonl',
			purpose: 'fine-tune',
			status: 'processed',
			expires_at: null,
			status_details: null,
		});
	});
});
