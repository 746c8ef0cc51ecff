/// <reference types="node" />

export function crc32(buffer: Buffer): number;
export function pngChunk(type: string, data?: Buffer): Buffer;
export function makePng(options?: {
	width?: number;
	height?: number;
	/** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA (default). */
	colorType?: 0 | 2 | 3 | 4 | 6;
	trns?: boolean;
	extraChunks?: Array<{ type: string; data: Buffer }>;
	pixel?: number[];
}): Buffer;
export function makeWav(options?: { seconds?: number; sampleRate?: number; frequency?: number; bytes?: number }): Buffer;
export function makeJpegStub(): Buffer;
export function makeWebpStub(): Buffer;
