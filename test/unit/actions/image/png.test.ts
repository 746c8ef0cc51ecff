import { inflateSync } from 'node:zlib';

import { crc32, makeJpegStub, makePng, makeWebpStub, pngChunk } from '../../../support/media-files';
import { detectImageFormat, readPngInfo } from '../../../../nodes/OpenAiToolkit/actions/image/png';

describe('image/png: reading PNG headers without an image library', () => {
	test('the test helper writes real PNGs: standard CRC-32, chunk CRCs that match, image data that inflates', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
		const png = makePng({ width: 3, height: 2, colorType: 6 });
		let offset = 8;
		const types: string[] = [];
		while (offset < png.length) {
			const length = png.readUInt32BE(offset);
			const typeAndData = png.subarray(offset + 4, offset + 8 + length);
			expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
			types.push(typeAndData.toString('ascii', 0, 4));
			if (types[types.length - 1] === 'IDAT') {
				// 2 rows of (filter byte + 3 RGBA pixels).
				expect(inflateSync(typeAndData.subarray(4))).toHaveLength(2 * (1 + 3 * 4));
			}
			offset += 12 + length;
		}
		expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
	});

	test('detectImageFormat tells PNG, JPEG and WebP apart by their first bytes', () => {
		expect(detectImageFormat(makePng())).toBe('png');
		expect(detectImageFormat(makeJpegStub())).toBe('jpeg');
		expect(detectImageFormat(makeWebpStub())).toBe('webp');
		expect(detectImageFormat(Buffer.from('GIF89a......'))).toBeUndefined();
		expect(detectImageFormat(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeUndefined();
		expect(detectImageFormat(Buffer.alloc(0))).toBeUndefined();
	});

	test.each([
		[0, false],
		[2, false],
		[3, false],
		[4, true],
		[6, true],
	] as const)('colour type %i: size read, alpha channel %s', (colorType, hasAlpha) => {
		const info = readPngInfo(makePng({ width: 7, height: 5, colorType }));
		expect(info).toEqual({ width: 7, height: 5, bitDepth: 8, colorType, hasTransparencyChunk: false, hasAlpha });
	});

	test.each([0, 2, 3] as const)('colour type %i with a tRNS chunk counts as transparent', (colorType) => {
		const info = readPngInfo(makePng({ colorType, trns: true }));
		expect(info).toMatchObject({ hasTransparencyChunk: true, hasAlpha: true });
	});

	test('a tRNS chunk after other chunks (text, a large profile) is found; one after the image data is not looked for', () => {
		const withText = makePng({
			colorType: 2,
			trns: true,
			extraChunks: [
				{ type: 'tEXt', data: Buffer.from('Comment\0made by a test') },
				{ type: 'iCCP', data: Buffer.alloc(200_000, 7) },
			],
		});
		expect(readPngInfo(withText)?.hasAlpha).toBe(true);
		const noTrns = makePng({ colorType: 2 });
		const iend = noTrns.subarray(noTrns.length - 12);
		const afterData = Buffer.concat([noTrns.subarray(0, noTrns.length - 12), pngChunk('tRNS', Buffer.alloc(6)), iend]);
		expect(readPngInfo(afterData)?.hasAlpha).toBe(false);
	});

	test('bytes that are not a PNG, or a header cut short, give undefined', () => {
		expect(readPngInfo(makeJpegStub())).toBeUndefined();
		expect(readPngInfo(makePng().subarray(0, 20))).toBeUndefined();
		const broken = Buffer.from(makePng());
		broken.write('XXXX', 12, 'ascii'); // IHDR renamed
		expect(readPngInfo(broken)).toBeUndefined();
	});

	test('a PNG cut after its header still gives size and colour type', () => {
		const png = makePng({ width: 16, height: 16, colorType: 6 });
		expect(readPngInfo(png.subarray(0, 40))).toMatchObject({ width: 16, height: 16, colorType: 6, hasAlpha: true });
	});
});
