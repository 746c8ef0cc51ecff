// Small real media files made on the spot for tests, the fake server and the e2e cases: PNGs (built with zlib
// and a CRC-32 of our own), WAVs (a RIFF header and 16-bit samples), JPEG and WebP headers. Plain CommonJS
// so that jest tests, the fake server's routes and the e2e runner all use the same files.
'use strict';

const zlib = require('node:zlib');

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as PNG chunks carry it (ISO 3309, the same as zip's). */
function crc32(buffer) {
	let crc = 0xffffffff;
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data = Buffer.alloc(0)) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

const CHANNELS_BY_COLOR_TYPE = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * A valid PNG of one colour. Options: width, height (default 4×4), colorType (0 grey, 2 RGB, 3 palette,
 * 4 grey+alpha, 6 RGBA; default 6), trns (add a tRNS chunk), extraChunks ([{type, data}] before IDAT),
 * pixel (the bytes of one pixel, default grey/half-transparent values).
 */
function makePng(options = {}) {
	const { width = 4, height = 4, colorType = 6, trns = false, extraChunks = [] } = options;
	const channels = CHANNELS_BY_COLOR_TYPE[colorType];
	if (!channels) throw new Error(`Unsupported colour type ${colorType}`);
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = colorType;
	ihdr[10] = 0; // compression
	ihdr[11] = 0; // filter
	ihdr[12] = 0; // interlace
	const pixel = Buffer.from(options.pixel ?? [0x40, 0x80, 0xc0, 0x00].slice(0, channels));
	const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, () => pixel)]);
	const raw = Buffer.concat(Array.from({ length: height }, () => row));
	const chunks = [pngChunk('IHDR', ihdr)];
	if (colorType === 3) chunks.push(pngChunk('PLTE', Buffer.from([0x40, 0x80, 0xc0])));
	for (const extra of extraChunks) chunks.push(pngChunk(extra.type, extra.data));
	if (trns) chunks.push(pngChunk('tRNS', colorType === 3 ? Buffer.from([0]) : Buffer.alloc(colorType === 2 ? 6 : 2)));
	chunks.push(pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND'));
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

/**
 * A valid PCM WAV: a RIFF/WAVE header and 16-bit mono samples of a sine tone. Options: seconds (default 0.1),
 * sampleRate (default 8000), frequency (default 440), bytes (exact total size instead of seconds; the
 * samples are padded with silence).
 */
function makeWav(options = {}) {
	const { sampleRate = 8000, frequency = 440 } = options;
	const sampleCount =
		options.bytes !== undefined ? Math.max(0, Math.floor((options.bytes - 44) / 2)) : Math.round((options.seconds ?? 0.1) * sampleRate);
	const dataBytes = sampleCount * 2;
	const wav = Buffer.alloc(44 + dataBytes);
	wav.write('RIFF', 0, 'ascii');
	wav.writeUInt32LE(36 + dataBytes, 4);
	wav.write('WAVE', 8, 'ascii');
	wav.write('fmt ', 12, 'ascii');
	wav.writeUInt32LE(16, 16); // fmt chunk size
	wav.writeUInt16LE(1, 20); // PCM
	wav.writeUInt16LE(1, 22); // mono
	wav.writeUInt32LE(sampleRate, 24);
	wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
	wav.writeUInt16LE(2, 32); // block align
	wav.writeUInt16LE(16, 34); // bits per sample
	wav.write('data', 36, 'ascii');
	wav.writeUInt32LE(dataBytes, 40);
	const toneSamples = options.bytes !== undefined ? Math.min(sampleCount, sampleRate) : sampleCount;
	for (let i = 0; i < toneSamples; i++) {
		wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 12000), 44 + i * 2);
	}
	return wav;
}

/** The first bytes of a JPEG (SOI, a JFIF APP0 segment) and its end marker: enough to be told apart. */
function makeJpegStub() {
	return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
}

/** A RIFF/WEBP header with an empty VP8L chunk: enough to be told apart. */
function makeWebpStub() {
	const body = Buffer.concat([Buffer.from('WEBPVP8L', 'ascii'), Buffer.from([0, 0, 0, 0])]);
	const header = Buffer.alloc(8);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(body.length, 4);
	return Buffer.concat([header, body]);
}

module.exports = { crc32, makePng, makeWav, makeJpegStub, makeWebpStub, pngChunk };
