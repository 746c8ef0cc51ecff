/// <reference types="node" />
import type { IncomingHttpHeaders } from 'node:http';

export interface MultipartFile {
	filename: string;
	type: string;
	size: number;
	/** Undefined for a big streamed body (over 16 MB), which is only measured: see lines, sha256, head. */
	content: Buffer;
	/** Only for a big streamed body: its line count, SHA-256 (hex) and first 1 KB. */
	lines?: number;
	sha256?: string;
	head?: Buffer;
	streamed?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON, multipart fields (files as MultipartFile), or text. */
	body: any;
	/** Empty for a big multipart body that was only measured; then bodySize is its size in bytes. */
	rawBody: Buffer;
	bodySize?: number;
	params: Record<string, string>;
	receivedAt: number;
}

export interface FakeAnswer {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Fault extends FakeAnswer {
	reset?: boolean;
	path?: string | RegExp;
}

export interface FakeOpenAi {
	url: string;
	origin: string;
	port: number;
	requests: RecordedRequest[];
	faults: Fault[];
	latencyMs: number;
	/** The OpenAI-like rate limiter (fake-limiter.js), when on. */
	limiter?: FakeLimiter;
	state: { models: string[]; [key: string]: any };
	/** Route modules keep their state in server.state; `init` runs now and again at every reset(). */
	onReset(init: (state: FakeOpenAi["state"]) => void): void;
	on(method: string, path: string | RegExp, handler: (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>): FakeOpenAi;
	queueFault(fault: Fault): FakeOpenAi;
	setFault(fn: ((req: RecordedRequest) => Fault | undefined) | undefined): FakeOpenAi;
	reset(): void;
	close(): Promise<void>;
}

export interface FakeLimiterOptions {
	requestsPerMinute?: number;
	tokensPerMinute?: number;
	/** The burst: this many milliseconds' worth of the limit (default 1000). */
	burstMs?: number;
	now?: () => number;
}

export interface FakeLimiterStats {
	requests: number;
	limited: number;
	inFlight: number;
	maxInFlight: number;
	/** Arrivals at which more requests were in flight than the headers said were left. */
	overRemaining: number;
	byKind: { requests: number; tokens: number };
}

export interface FakeLimiter {
	admit(req: Pick<RecordedRequest, 'headers' | 'body'>): { headers: Record<string, string>; limited?: FakeAnswer; done(): void };
	stats: FakeLimiterStats;
	reset(): void;
	options: FakeLimiterOptions;
}

export function startFakeOpenAi(options?: {
	port?: number;
	latencyMs?: number;
	models?: string[];
	modelOwner?: string;
	limiter?: FakeLimiterOptions;
}): Promise<FakeOpenAi>;
export function json(status: number, body: unknown, headers?: Record<string, string>): FakeAnswer;
export function openAiError(
	status: number,
	message: string,
	extra?: { type?: string; param?: string | null; code?: string | null },
): FakeAnswer;
