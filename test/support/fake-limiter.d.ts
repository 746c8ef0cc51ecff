import type { FakeLimiter, FakeLimiterOptions } from './fake-openai';

export function createFakeLimiter(options?: FakeLimiterOptions): FakeLimiter;
export function formatReset(ms: number): string;
export function estimateTokens(body: unknown): number;
