/**
 * A recording proxy in front of the Prism mock: the node talks to it as its Base URL, it forwards each request
 * to Prism unchanged and records what Prism thought of it (status and `sl-violations` header).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ContractRecord {
	method: string;
	path: string;
	status: number;
	violations: string | null;
}

export interface ContractProxy {
	url: string;
	records: ContractRecord[];
	close(): Promise<void>;
}

export function prismUrl(): string {
	const url = process.env.PRISM_URL;
	if (!url) throw new Error('PRISM_URL is not set: run contract tests through jest --selectProjects contract');
	return url;
}

/** Where the spec has no error response to answer with, Prism sends its own problem+json instead of the header. */
function problemDetails(answer: Response, payload: Buffer): string | null {
	if (!answer.headers.get('content-type')?.includes('problem+json')) return null;
	return payload.toString('utf8');
}

/** Forwards with Node's lenient HTTP parser, for Prism answers whose headers break HTTP/1.1. */
function forwardLeniently(
	url: string,
	init: { method?: string; headers: Headers; body?: Buffer },
): Promise<{ answer: Response; payload: Buffer }> {
	const headers: Record<string, string> = {};
	init.headers.forEach((value, key) => (headers[key] = value));
	// With an unknown Transfer-Encoding the body ends when the connection does: ask Prism to close it.
	headers.connection = 'close';
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method: init.method, headers, insecureHTTPParser: true },
			async (response) => {
				const chunks: Buffer[] = [];
				for await (const chunk of response) chunks.push(chunk as Buffer);
				const answerHeaders = new Headers();
				for (const [key, value] of Object.entries(response.headers)) {
					if (value !== undefined && key !== 'transfer-encoding') answerHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
				}
				const payload = Buffer.concat(chunks);
				resolve({ answer: new Response(null, { status: response.statusCode ?? 502, headers: answerHeaders }), payload });
			},
		);
		request.on('error', reject);
		request.end(init.body);
	});
}

export async function startContractProxy(): Promise<ContractProxy> {
	const target = prismUrl();
	const records: ContractRecord[] = [];
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		const headers = new Headers();
		for (const [key, value] of Object.entries(req.headers)) {
			if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(key)) continue;
			headers.set(key, Array.isArray(value) ? value.join(', ') : value);
		}
		const init = { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : body };
		let answer: Response;
		let payload: Buffer;
		try {
			answer = await fetch(`${target}${req.url}`, init);
			payload = Buffer.from(await answer.arrayBuffer());
		} catch (error) {
			// Prism copies response headers from the spec, e.g. POST /audio/speech gets "Transfer-Encoding: string"
			// next to a Content-Length: not valid HTTP/1.1, so fetch refuses the answer. Read it leniently.
			if (!/^HPE_/.test(String((error as { cause?: { code?: unknown } }).cause?.code))) throw error;
			({ answer, payload } = await forwardLeniently(`${target}${req.url}`, init));
		}
		records.push({
			method: req.method ?? '',
			path: (req.url ?? '').split('?')[0],
			status: answer.status,
			violations: answer.headers.get('sl-violations') ?? problemDetails(answer, payload),
		});
		const outHeaders: Record<string, string> = {};
		answer.headers.forEach((value, key) => {
			if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(key)) outHeaders[key] = value;
		});
		res.writeHead(answer.status, outHeaders);
		res.end(payload);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		records,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * The recording proxy for a describe block: started before its first test, its records cleared before each test,
 * closed after its last. The returned object reads the running proxy's URL and records.
 */
export function useContractProxy(): Pick<ContractProxy, 'url' | 'records'> {
	let proxy: ContractProxy | undefined;
	beforeAll(async () => {
		proxy = await startContractProxy();
	});
	afterAll(async () => proxy?.close());
	beforeEach(() => proxy?.records.splice(0));
	const running = () => {
		if (!proxy) throw new Error('The contract proxy runs only inside the tests of the describe block');
		return proxy;
	};
	return {
		get url() {
			return running().url;
		},
		get records() {
			return running().records;
		},
	};
}

/** Every request reached Prism, was accepted (no 4xx/5xx) and carried no spec violation. */
export function expectAllConform(records: ContractRecord[], expectedCount?: number): void {
	if (expectedCount !== undefined) expect(records).toHaveLength(expectedCount);
	expect(records.length).toBeGreaterThan(0);
	for (const record of records) {
		expect({ ...record, violations: record.violations ?? null }).toEqual({ ...record, violations: null });
		expect(record.status).toBeLessThan(400);
	}
}

/** True when a violations header names only problems of Prism's own mock answer, none of the request. */
function onlyResponseViolations(violations: string): boolean {
	const locations = [...violations.matchAll(/"location":\["(\w+)"/g)].map((match) => match[1]);
	return locations.length > 0 && locations.every((location) => location === 'response');
}

/**
 * Like expectAllConform, for endpoints where Prism's own generated answer breaks the spec (e.g. POST /responses:
 * its example Response does not match the Response schema's oneOfs). Those violations are located in
 * ["response", …] and say nothing about the request; violations of the request (["request", …], or a 4xx
 * answer) still fail the test.
 */
export function expectRequestsConform(records: ContractRecord[], expectedCount?: number): void {
	if (expectedCount !== undefined) expect(records).toHaveLength(expectedCount);
	expect(records.length).toBeGreaterThan(0);
	for (const record of records) {
		const requestViolations = record.violations && !onlyResponseViolations(record.violations) ? record.violations : null;
		expect({ ...record, violations: requestViolations }).toEqual({ ...record, violations: null });
		expect(record.status).toBeLessThan(400);
	}
}
