/**
 * How the fake OpenAI server misbehaves in a fuzz case, through its own `setFault` hook (fake-openai.js is not
 * changed): it may echo the Authorization header it received (so the API key) back in error fields, headers and
 * success bodies, answer with broken JSON, drop the connection, or behave. A fault applies to each request with
 * the case's probability, decided by a seeded generator so a failing case replays exactly.
 */
import fc from 'fast-check';

import type { Fault, FakeOpenAi, RecordedRequest } from '../../../support/fake-openai';

export type ServerMode = 'honest' | 'errorEcho' | 'okEcho' | 'garbage' | 'reset' | 'mixed';

export interface ServerBehaviour {
	mode: ServerMode;
	/** Share of requests the fault applies to, in percent. */
	percent: number;
	seed: number;
}

export const serverBehaviour: fc.Arbitrary<ServerBehaviour> = fc.record({
	mode: fc.constantFrom<ServerMode>('honest', 'honest', 'errorEcho', 'okEcho', 'garbage', 'reset', 'mixed'),
	percent: fc.constantFrom(30, 100),
	seed: fc.integer({ min: 1, max: 0x7fffffff }),
});

function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Everything the request carried that could hold the key, as the server would echo it. */
function echoOf(req: RecordedRequest): string {
	const auth = String(req.headers.authorization ?? '');
	const bare = auth.replace(/^Bearer\s+/i, '');
	return `${auth} | ${bare}`;
}

function errorEcho(req: RecordedRequest, random: () => number): Fault {
	const echo = echoOf(req);
	const status = [400, 401, 404, 409, 422, 429, 500, 503][Math.floor(random() * 8)];
	return {
		status,
		headers: { 'x-request-id': echo, 'retry-after': '0', 'x-echo': echo },
		body: { error: { message: `Incorrect API key provided: ${echo}`, type: echo, param: { key: echo }, code: echo } },
	};
}

function okEcho(req: RecordedRequest): Fault {
	const echo = echoOf(req);
	return {
		status: 200,
		headers: { 'x-request-id': echo, 'x-echo': echo },
		body: {
			id: echo,
			object: 'list',
			status: 'completed',
			message: echo,
			text: echo,
			data: [{ id: echo, object: echo, embedding: [0.1], url: `https://x.example/?k=${echo}` }],
			choices: [{ index: 0, message: { role: 'assistant', content: echo }, finish_reason: 'stop' }],
			output: [{ type: 'message', content: [{ type: 'output_text', text: echo }] }],
			error: { message: echo },
			has_more: false,
		},
	};
}

function garbage(req: RecordedRequest, random: () => number): Fault {
	const bodies = [`{"id": "${echoOf(req)}", `, '<html>oops</html>', '', 'null', '[]', '{"data": "not a list"}'];
	return { status: 200, headers: { 'content-type': 'application/json' }, body: bodies[Math.floor(random() * bodies.length)] };
}

/** Sets the case's behaviour on the server (after its reset). */
export function applyBehaviour(server: FakeOpenAi, behaviour: ServerBehaviour): void {
	if (behaviour.mode === 'honest') return;
	const random = seededRandom(behaviour.seed);
	const kinds: ServerMode[] = ['errorEcho', 'okEcho', 'garbage', 'reset'];
	server.setFault((req) => {
		if (random() * 100 >= behaviour.percent) return undefined;
		const mode = behaviour.mode === 'mixed' ? kinds[Math.floor(random() * kinds.length)] : behaviour.mode;
		if (mode === 'errorEcho') return errorEcho(req, random);
		if (mode === 'okEcho') return okEcho(req);
		if (mode === 'garbage') return garbage(req, random);
		return { reset: true };
	});
}
