/**
 * Downloads a file from a URL an answer handed over (an image OpenAI keeps for an hour behind a signed link).
 * It is a plain GET, unlike the SDK's requests:
 * - http and https URLs only (a server could name any scheme);
 * - no credential and no OpenAI header: the request carries only the headers set here, so the API key never
 *   reaches the storage the link points to;
 * - through the proxy the environment names (proxy.ts), like every other request of the node;
 * - it ends when the execution is cancelled (with the abort error all our waits end with) or the request
 *   timeout passes;
 * - at most MAX_DOWNLOAD_BYTES (64 MB; OpenAI's images are a few MB): a bigger answer is dropped as soon as it
 *   is known to be too big, by its Content-Length or while reading, so a broken or hostile server cannot fill
 *   the memory.
 */
import { abortError } from './abort';
import type { FetchLike } from './fetch';
import { fetchForEnvironment, type ProxyEnvironment } from './proxy';

export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

export interface DownloadOptions {
	/** The whole download, answer and body, in milliseconds. */
	timeoutMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	/** Default MAX_DOWNLOAD_BYTES. */
	maxBytes?: number;
	/** The proxy variables (tests); read from process.env by default. */
	environment?: ProxyEnvironment;
}

/** Why a download failed, in words that fit after "Could not download …: ". */
export class DownloadError extends Error {
	readonly status?: number;

	constructor(message: string, status?: number) {
		super(message);
		this.name = 'DownloadError';
		this.status = status;
	}
}

export interface Download {
	buffer: Buffer;
	contentType: string | null;
}

function httpUrl(url: string): URL {
	if (!URL.canParse(url)) throw new DownloadError('the URL is not valid');
	const parsed = new URL(url);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new DownloadError(`only http and https URLs are downloaded, not ${parsed.protocol.replace(/:$/, '')}`);
	}
	return parsed;
}

function megabytes(bytes: number): string {
	return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** An error's message by shape: Node's fetch may throw from another realm (not `instanceof Error` here). */
function messageOf(error: unknown): string {
	const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
	const text = typeof message === 'string' && message ? message : String(error);
	return typeof cause?.message === 'string' && cause.message ? `${text} (${cause.message})` : text;
}

export async function download(url: string, options: DownloadOptions): Promise<Download> {
	const target = httpUrl(url);
	const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
	const timeout = AbortSignal.timeout(options.timeoutMs);
	const tooBig = new AbortController();
	const signal = AbortSignal.any([timeout, tooBig.signal, ...(options.signal ? [options.signal] : [])]);
	const tooBigError = () => new DownloadError(`the file is larger than the download limit of ${megabytes(maxBytes)}`);
	const failure = (error: unknown) => {
		if (options.signal?.aborted) return abortError();
		if (tooBig.signal.aborted) return tooBigError();
		if (timeout.aborted) return new DownloadError(`no complete answer within ${Math.round(options.timeoutMs / 100) / 10} s`);
		return new DownloadError(messageOf(error));
	};

	const fetch: FetchLike = fetchForEnvironment(options.environment);
	let response: Response;
	try {
		response = await fetch(target.toString(), { method: 'GET', headers: { accept: '*/*' }, redirect: 'follow', signal });
	} catch (error) {
		throw failure(error);
	}
	if (!response.ok) {
		await response.body?.cancel().catch(() => undefined);
		throw new DownloadError(`HTTP ${response.status}`, response.status);
	}
	const declared = Number(response.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) {
		tooBig.abort();
		await response.body?.cancel().catch(() => undefined);
		throw tooBigError();
	}

	const chunks: Buffer[] = [];
	let total = 0;
	const reader = response.body?.getReader();
	try {
		for (;;) {
			const next = await reader?.read();
			if (!next || next.done) break;
			total += next.value.byteLength;
			if (total > maxBytes) {
				tooBig.abort();
				await reader?.cancel().catch(() => undefined);
				throw tooBigError();
			}
			chunks.push(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
		}
	} catch (error) {
		throw error instanceof DownloadError ? error : failure(error);
	}
	return { buffer: Buffer.concat(chunks, total), contentType: response.headers.get('content-type') };
}
