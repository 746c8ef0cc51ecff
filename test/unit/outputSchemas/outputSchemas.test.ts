/*
 * The output-schema files n8n's editor asks for (`__schema__/v<version>/<resource>/<operation>.json` next to the
 * node file), one per operation of each node version: each must describe what the operation outputs. The
 * test runs every operation once against the fake server and compares. `UPDATE_OUTPUT_SCHEMAS=1` rewrites
 * the files after a deliberate change of an output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { resourcesFor } from '../../../nodes/OpenAiToolkit/actions/resources';
import { seedServer } from '../../engine/fuzz/support/seed';
import { runNode } from '../../support/executeContext';
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { samples, type SeededIds } from './samples';
import { schemaOf } from './schemaOf';

const SCHEMA_ROOT = path.join(__dirname, '..', '..', '..', 'nodes', 'OpenAiToolkit', '__schema__');
const UPDATE = process.env.UPDATE_OUTPUT_SCHEMAS === '1';
/** Operations whose output is whatever the server answers: their schema promises an object and nothing more. */
const ANY_SHAPE = new Set(['customApiCall.makeRequest']);

const operations = ([1, 2] as const).flatMap((version) =>
	Object.entries(resourcesFor(version)).flatMap(([resource, module]) =>
		Object.keys(module.operations).map((operation) => ({ version, resource, operation })),
	),
);

describe('output schemas', () => {
	let server: FakeOpenAi;
	let ids: SeededIds;
	beforeAll(async () => {
		server = await startFakeOpenAi();
	});
	afterAll(async () => server.close());
	beforeEach(async () => {
		server.reset();
		const [trainingFile, batchFile, batchId, jobId, fineTunedModel] = await seedServer(server);
		ids = { trainingFile, batchFile, batchId, jobId, fineTunedModel };
	});

	test.each(operations)('v$version $resource → $operation', async ({ version, resource, operation }) => {
		const sample = samples(ids)[`${resource}.${operation}`];
		expect([`${resource}.${operation}`, sample !== undefined]).toEqual([`${resource}.${operation}`, true]);
		await sample.prepare?.(server.url);
		const { output } = await runNode({
			typeVersion: version,
			parameters: { resource, operation, ...sample.parameters },
			items: sample.items,
			credentials: { baseUrl: server.url },
		});
		expect(output.length).toBeGreaterThan(0);
		const schema = ANY_SHAPE.has(`${resource}.${operation}`) ? { type: 'object', properties: {} } : schemaOf(output[0].json);
		const file = path.join(SCHEMA_ROOT, `v${version}.0.0`, resource, `${operation}.json`);
		if (UPDATE) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, `${JSON.stringify(schema, null, '\t')}\n`);
		}
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(schema);
	});

	test('no schema file is left for an operation that does not exist', () => {
		const expected = new Set(operations.map(({ version, resource, operation }) => `v${version}.0.0/${resource}/${operation}.json`));
		const found = fs.readdirSync(SCHEMA_ROOT, { recursive: true, encoding: 'utf8' }).filter((entry) => entry.endsWith('.json'));
		expect(found.filter((entry) => !expected.has(entry.split(path.sep).join('/')))).toEqual([]);
	});
});
