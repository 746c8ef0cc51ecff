// An OpenAI-like rate limiter for the fake server (issue 20), off unless a test or bench turns it on
// (`startFakeOpenAi({ limiter: {...} })` or `server.limiter = createFakeLimiter({...})`).
// Per API key and model: a request bucket and a token bucket, each with a per-minute limit, refilled
// continuously. Like OpenAI, the headers speak of the minute (`x-ratelimit-limit-*` is the per-minute limit,
// `-remaining-*` what is left of it, `-reset-*` how long until it is full again, written like `1s`, `6m0s`,
// `20ms`), while the minute is also enforced over shorter periods: a burst of about one second's worth.
// A request that does not fit is answered 429 `rate_limit_exceeded` at once with `retry-after-ms` and takes
// nothing (so a storm of 429s does not lock the account out). Tokens are counted as OpenAI's limiter estimates
// them before a request runs: the prompt's characters / 4 plus the request's max output tokens.
'use strict';

class Bucket {
	constructor(capacity, perMs, now) {
		this.capacity = capacity;
		this.perMs = perMs;
		this.level = capacity;
		this.at = now;
	}

	levelAt(now) {
		if (now > this.at) {
			this.level = Math.min(this.capacity, this.level + (now - this.at) * this.perMs);
			this.at = now;
		}
		return this.level;
	}

	/** Milliseconds until `cost` fits (a cost above the capacity fits a full bucket). */
	waitMs(cost, now) {
		const need = Math.min(cost, this.capacity);
		const level = this.levelAt(now);
		return level >= need ? 0 : Math.ceil((need - level) / this.perMs);
	}

	take(cost, now) {
		this.levelAt(now);
		this.level -= cost;
	}
}

/** OpenAI's duration format: `20ms` below a second, `1s`, `17.5s`, `6m0s`, `1h2m3s`. */
function formatReset(ms) {
	if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
	const round = (value) => String(Math.round(value * 1000) / 1000);
	if (ms < 60_000) return `${round(ms / 1000)}s`;
	const hours = Math.floor(ms / 3_600_000);
	const minutes = Math.floor((ms % 3_600_000) / 60_000);
	const seconds = round((ms % 60_000) / 1000);
	return hours > 0 ? `${hours}h${minutes}m${seconds}s` : `${minutes}m${seconds}s`;
}

/** A request's tokens as OpenAI's limiter estimates them: prompt characters / 4 plus max output tokens × n. */
function estimateTokens(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 0;
	let characters = 0;
	const visit = (value) => {
		if (typeof value === 'string') characters += value.length;
		else if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) Object.values(value).forEach(visit);
	};
	for (const key of ['messages', 'input', 'prompt', 'instructions', 'tools', 'functions']) visit(body[key]);
	const maxOutput = [body.max_completion_tokens, body.max_tokens, body.max_output_tokens].find((value) => typeof value === 'number' && value > 0) ?? 0;
	const choices = typeof body.n === 'number' && body.n > 1 ? body.n : 1;
	return Math.ceil(characters / 4) + maxOutput * choices;
}

const KINDS = [
	['requests', 'requestsPerMinute', 'requests per min (RPM)'],
	['tokens', 'tokensPerMinute', 'tokens per min (TPM)'],
];

/**
 * Options: { requestsPerMinute, tokensPerMinute (either may be left out: that limit is not enforced),
 * burstMs (default 1000: the burst is this many ms' worth of the limit), now (a clock, default Date.now) }.
 * Returns { admit(req), stats, reset() }. admit(req) → { headers, limited (a 429 answer or undefined), done() }:
 * call done() when the answer is sent (in-flight counting).
 * stats: { requests (admitted or not), limited (429s), inFlight, maxInFlight, overRemaining (arrivals at which
 * more requests were in flight than the headers said were left), byKind: { requests, tokens } (429s per limit) }.
 */
function createFakeLimiter(options = {}) {
	const now = options.now ?? Date.now;
	const burstMs = options.burstMs ?? 1000;
	const accounts = new Map();
	const stats = {};

	const reset = () => {
		accounts.clear();
		Object.assign(stats, { requests: 0, limited: 0, inFlight: 0, maxInFlight: 0, overRemaining: 0, byKind: { requests: 0, tokens: 0 } });
	};
	reset();

	const accountOf = (key, model, at) => {
		const id = `${key}\n${model}`;
		let account = accounts.get(id);
		if (!account) {
			account = { inFlight: 0 };
			for (const [kind, option] of KINDS) {
				const limit = options[option];
				if (!(limit > 0)) continue;
				const perMs = limit / 60_000;
				account[kind] = { limit, minute: new Bucket(limit, perMs, at), burst: new Bucket(Math.max(1, perMs * burstMs), perMs, at) };
			}
			accounts.set(id, account);
		}
		return account;
	};

	const headersOf = (account, at) => {
		const headers = {};
		for (const [kind] of KINDS) {
			const limits = account[kind];
			if (!limits) continue;
			const level = limits.minute.levelAt(at);
			headers[`x-ratelimit-limit-${kind}`] = String(limits.limit);
			headers[`x-ratelimit-remaining-${kind}`] = String(Math.max(0, Math.floor(level)));
			headers[`x-ratelimit-reset-${kind}`] = formatReset((limits.limit - level) / limits.minute.perMs);
		}
		return headers;
	};

	function admit(req) {
		const at = now();
		const key = String(req.headers?.authorization ?? '');
		const model = typeof req.body?.model === 'string' ? req.body.model : '';
		const account = accountOf(key, model, at);
		const costs = { requests: 1, tokens: estimateTokens(req.body) };
		stats.requests += 1;
		if (account.requests && account.inFlight + 1 > account.requests.minute.levelAt(at)) stats.overRemaining += 1;

		let short;
		for (const [kind, , label] of KINDS) {
			const limits = account[kind];
			if (!limits) continue;
			const wait = Math.max(limits.burst.waitMs(costs[kind], at), limits.minute.waitMs(costs[kind], at));
			if (wait > 0 && (!short || wait > short.wait)) short = { kind, label, wait, limits };
		}
		let limited;
		if (short) {
			stats.limited += 1;
			stats.byKind[short.kind] += 1;
			const used = Math.round(short.limits.limit - short.limits.minute.levelAt(at));
			limited = {
				status: 429,
				headers: { 'retry-after-ms': String(short.wait) },
				body: {
					error: {
						message: `Rate limit reached for ${model || 'default'} in organization org-fake on ${short.label}: Limit ${short.limits.limit}, Used ${used}, Requested ${costs[short.kind]}. Please try again in ${formatReset(short.wait)}.`,
						type: short.kind,
						param: null,
						code: 'rate_limit_exceeded',
					},
				},
			};
		} else {
			for (const [kind] of KINDS) {
				if (!account[kind]) continue;
				account[kind].minute.take(costs[kind], at);
				account[kind].burst.take(costs[kind], at);
			}
		}
		account.inFlight += 1;
		stats.inFlight += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		let finished = false;
		const done = () => {
			if (finished) return;
			finished = true;
			account.inFlight -= 1;
			stats.inFlight -= 1;
		};
		return { headers: headersOf(account, at), limited, done };
	}

	return { admit, stats, reset, options };
}

module.exports = { createFakeLimiter, formatReset, estimateTokens };
