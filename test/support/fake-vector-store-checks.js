// Pure helpers of the fake Vector Stores API (fake-routes/vectorStores.js): the text of a file, the checks of
// request bodies against the spec's schemas, attribute filters and cursor paging.
'use strict';

const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'];

/** The text OpenAI would parse from a file: a PDF's shown strings, anything else as UTF-8. */
function fileText(file) {
	const content = Buffer.isBuffer(file?.content) ? file.content : Buffer.from(String(file?.content ?? ''));
	const raw = content.toString('latin1');
	if (!raw.startsWith('%PDF')) return content.toString('utf8');
	const shown = [...raw.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((m) => m[1].replace(/\\([()\\])/g, '$1'));
	return shown.join('\n');
}

function problem(body, allowed) {
	const unknown = Object.keys(body ?? {}).find((key) => !allowed.includes(key));
	return unknown ? `Unrecognized request argument supplied: ${unknown}` : undefined;
}

const isInt = (value, min, max) => Number.isInteger(value) && value >= min && value <= max;

function chunkingProblem(strategy) {
	if (strategy === undefined) return undefined;
	if (strategy?.type === 'auto') return problem(strategy, ['type']);
	if (strategy?.type !== 'static') return "Invalid value for 'chunking_strategy.type'";
	const extra = problem(strategy, ['type', 'static']) ?? problem(strategy.static, ['max_chunk_size_tokens', 'chunk_overlap_tokens']);
	if (extra) return extra;
	const { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap } = strategy.static ?? {};
	if (!isInt(size, 100, 4096)) return `Invalid 'chunking_strategy.static.max_chunk_size_tokens': ${JSON.stringify(size)}`;
	if (!isInt(overlap, 0, Math.floor(size / 2))) return `Invalid 'chunking_strategy.static.chunk_overlap_tokens': ${JSON.stringify(overlap)}`;
	return undefined;
}

function expiresProblem(expires) {
	if (expires === undefined || expires === null) return undefined;
	if (expires.anchor !== 'last_active_at' || !isInt(expires.days, 1, 365) || problem(expires, ['anchor', 'days'])) {
		return `Invalid 'expires_after': ${JSON.stringify(expires)}`;
	}
	return undefined;
}

function mapProblem(map, name, valueOk) {
	if (map === undefined || map === null) return undefined;
	if (typeof map !== 'object' || Array.isArray(map) || Object.keys(map).length > 16) return `Invalid '${name}'`;
	const bad = Object.entries(map).find(([key, value]) => key.length > 64 || !valueOk(value));
	return bad ? `Invalid '${name}.${bad[0]}': ${JSON.stringify(bad[1])}` : undefined;
}
const metadataProblem = (map) => mapProblem(map, 'metadata', (v) => typeof v === 'string' && v.length <= 512);
const attributesProblem = (map) =>
	mapProblem(map, 'attributes', (v) => (typeof v === 'string' && v.length <= 512) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)));

function filterProblem(filter) {
	if (!filter || typeof filter !== 'object') return 'Invalid filter';
	if (filter.type === 'and' || filter.type === 'or') {
		if (!Array.isArray(filter.filters)) return `Invalid '${filter.type}' filter: 'filters' must be a list`;
		return problem(filter, ['type', 'filters']) ?? filter.filters.map(filterProblem).find(Boolean);
	}
	if (!COMPARISONS.includes(filter.type)) return `Invalid filter type: ${JSON.stringify(filter.type)}`;
	if (typeof filter.key !== 'string' || !('value' in filter)) return "A comparison filter needs 'key' and 'value'";
	return problem(filter, ['type', 'key', 'value']);
}

function matches(filter, attributes) {
	if (filter.type === 'and') return filter.filters.every((inner) => matches(inner, attributes));
	if (filter.type === 'or') return filter.filters.some((inner) => matches(inner, attributes));
	const actual = (attributes ?? {})[filter.key];
	const { value } = filter;
	switch (filter.type) {
		case 'eq': return actual === value;
		case 'ne': return actual !== value;
		case 'gt': return actual > value;
		case 'gte': return actual >= value;
		case 'lt': return actual < value;
		case 'lte': return actual <= value;
		case 'in': return Array.isArray(value) && value.includes(actual);
		default: return Array.isArray(value) && !value.includes(actual);
	}
}

/** Cursor paging over a list ordered by created_at (then insertion): limit 1–100, order, after, before. */
function pageOf(list, query, openAiError) {
	const limit = query.limit === undefined ? 20 : Number(query.limit);
	if (!isInt(limit, 1, 100)) return openAiError(400, `Invalid 'limit': ${query.limit}. Expected an integer between 1 and 100.`, { param: 'limit' });
	const order = query.order ?? 'desc';
	if (!['asc', 'desc'].includes(order)) return openAiError(400, `Invalid 'order': ${order}`, { param: 'order' });
	const sorted = list.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.created_at - b.entry.created_at || a.index - b.index).map(({ entry }) => entry);
	if (order === 'desc') sorted.reverse();
	let start = 0;
	let end = sorted.length;
	if (query.after) start = sorted.findIndex((entry) => entry.id === query.after) + 1;
	if (query.before) end = Math.max(0, sorted.findIndex((entry) => entry.id === query.before));
	const page = sorted.slice(start, Math.min(end, start + limit));
	return {
		status: 200,
		body: { object: 'list', data: page, first_id: page[0]?.id ?? null, last_id: page[page.length - 1]?.id ?? null, has_more: start + limit < end },
	};
}

module.exports = { attributesProblem, chunkingProblem, expiresProblem, fileText, filterProblem, isInt, matches, metadataProblem, pageOf, problem };
