/**
 * Property-based fuzzing of every operation (fast-check): random values for every field of the operation
 * (huge and control-character strings, NaN/±Infinity/negative numbers, wrong types, malformed JSON, missing
 * binaries, and valid values so requests do go out), several items per case, through the router against the
 * fake OpenAI server, which is hostile in part of the cases (echoes the key, broken JSON, dropped
 * connections). The invariants are listed in support/harness.ts.
 *
 * A fixed seed and a few runs per operation here; FUZZ_RUNS and FUZZ_SEED for more (bench/fuzz.bench.js).
 * FUZZ_COLLECT=1 records violations instead of failing (with FUZZ_STATS_FILE, where the bench reads them).
 */
import { writeFileSync } from 'node:fs';

import fc from 'fast-check';

import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai';
import { installWaitCaps } from './support/waitCaps';

installWaitCaps();
// Required after the wait caps are installed: the node's modules must load with them.
/* eslint-disable @typescript-eslint/no-require-imports */
const { allOperations, caseArbitrary } = require('./support/cases') as typeof import('./support/cases');
const { describeCase, runCase } = require('./support/harness') as typeof import('./support/harness');
const { seedServer } = require('./support/seed') as typeof import('./support/seed');
/* eslint-enable @typescript-eslint/no-require-imports */

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const COLLECT = process.env.FUZZ_COLLECT === '1';
const STATS_FILE = process.env.FUZZ_STATS_FILE;
/** Per operation, generation and shrinking together; a longer run just tries fewer cases (the bench prints how many). */
const TIME_LIMIT_MS = Math.max(20_000, RUNS * 1_000);

interface OperationStats {
	operation: string;
	cases: number;
	items: number;
	requests: number;
	checkFailures: number;
	apiErrors: number;
	otherErrors: number;
	successes: number;
	violations: number;
	/** One example per distinct violation (kind + first words of the detail). */
	examples: Record<string, { count: number; detail: string; case: string }>;
	/** How often each item error message came (numbers and quoted values folded). */
	errors: Record<string, number>;
}

const allStats: OperationStats[] = [];

describe('fuzz: every operation keeps its invariants on random input', () => {
	let server: FakeOpenAi;
	let knownIds: string[] = [];
	const seed = async (fake: FakeOpenAi) => {
		await seedServer(fake);
	};
	beforeAll(async () => {
		server = await startFakeOpenAi();
		knownIds = await seedServer(server);
	});
	afterAll(async () => {
		await server.close();
		if (STATS_FILE) writeFileSync(STATS_FILE, JSON.stringify(allStats, null, 1));
	});

	for (const operation of allOperations()) {
		const name = `${operation.resource}.${operation.operation}${operation.version === 2 ? ' (v2)' : ''}`;
		test(`${name}: ${RUNS} random cases`, async () => {
			const stats: OperationStats = { operation: name, cases: 0, items: 0, requests: 0, checkFailures: 0, apiErrors: 0, otherErrors: 0, successes: 0, violations: 0, examples: {}, errors: {} };
			allStats.push(stats);
			const property = fc.asyncProperty(caseArbitrary(operation, { ids: knownIds }), async (fuzzCase) => {
				const { violations, stats: caseStats, errors } = await runCase(server, operation, fuzzCase, seed);
				for (const message of errors) {
					const key = message.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N').slice(0, 100);
					stats.errors[key] = (stats.errors[key] ?? 0) + 1;
				}
				stats.cases++;
				stats.items += caseStats.items;
				stats.requests += caseStats.requests;
				stats.checkFailures += caseStats.checkFailures;
				stats.apiErrors += caseStats.apiErrors;
				stats.otherErrors += caseStats.otherErrors;
				stats.successes += caseStats.successes;
				stats.violations += violations.length;
				for (const violation of violations) {
					const key = `${violation.kind}: ${violation.detail.replace(/\d+/g, 'N').slice(0, 60)}`;
					const example = (stats.examples[key] ??= { count: 0, detail: violation.detail, case: describeCase(fuzzCase) });
					example.count++;
				}
				if (violations.length > 0 && !COLLECT) {
					throw new Error(violations.map((v) => `${v.kind}${v.item !== undefined ? ` (item ${v.item})` : ''}: ${v.detail}`).join('\n'));
				}
			});
			// Shrinking re-runs the case many times; bound it so one failing operation does not stall the suite.
			const details = await fc.check(property, { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false });
			if (details.failed && details.counterexample) {
				// The smallest failing case, with huge values shortened (fast-check would print them whole).
				const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
				throw new Error(
					`${name} broke an invariant (seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} cases):\n${message}\n\ncase: ${describeCase(details.counterexample[0])}`,
				);
			}
		}, TIME_LIMIT_MS + 40_000);
	}
});
