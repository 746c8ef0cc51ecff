/**
 * Memory relief for long streamed downloads. Every chunk a socket reads is a fresh buffer outside V8's heap, freed
 * only when V8 collects garbage, and V8 starts a collection for such memory only once about 64 MB more of it has
 * been allocated since the last one (its external-memory limit). A download of hundreds of MB thus keeps up to
 * 64 MB of chunks already written to the binary store, whatever reads the socket (Node's http, its fetch, undici's
 * request: 65–70 MB in a plain Node 24 process, about 90 MB in n8n). Chunks die young, so a young-generation
 * collection (a scavenge, about a millisecond) frees them: one every RELIEF_INTERVAL_BYTES keeps the peak near
 * that interval instead.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Bytes between two collections: 8 MB of 500 MB cost 62 scavenges, 30–40 ms in all (plain Node 24). */
export const RELIEF_INTERVAL_BYTES = 8 * 1024 * 1024;

export type Collect = () => void;

type GcFunction = (options?: { type?: 'major' | 'minor' }) => void;

let minorCollection: Collect | null | undefined;

function asMinorCollection(gc: unknown): Collect | null {
	return typeof gc === 'function' ? () => (gc as GcFunction)({ type: 'minor' }) : null;
}

/**
 * V8's gc function, asking for a scavenge only; null when it cannot be had. Without --expose-gc it is taken from
 * a context made while the flag is on for a moment (the flag is then turned off again, so later contexts get no
 * `gc` global); n8n's own contexts are untouched.
 */
export function minorGarbageCollection(): Collect | null {
	if (minorCollection !== undefined) return minorCollection;
	minorCollection = asMinorCollection((globalThis as { gc?: unknown }).gc);
	if (minorCollection) return minorCollection;
	try {
		v8.setFlagsFromString('--expose-gc');
		try {
			minorCollection = asMinorCollection(vm.runInNewContext('gc'));
		} finally {
			v8.setFlagsFromString('--no-expose-gc');
		}
	} catch {
		minorCollection = null;
	}
	return minorCollection;
}

/** Counts the bytes that went through; calls `collect` each time another `intervalBytes` did. */
export function createGarbageRelief(
	collect: Collect | null = minorGarbageCollection(),
	intervalBytes = RELIEF_INTERVAL_BYTES,
): (bytes: number) => void {
	let sinceCollection = 0;
	return (bytes) => {
		if (!collect) return;
		sinceCollection += bytes;
		if (sinceCollection < intervalBytes) return;
		sinceCollection = 0;
		try {
			collect();
		} catch {
			// Relief only: a collector that fails must not fail the download.
		}
	};
}
