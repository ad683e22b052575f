import zlib from 'node:zlib';
import { LogoProblem } from './logoProblem';

// A PNG read chunk by chunk (RFC 2083): IHDR first with a valid colour type and bit depth, every CRC
// right, image data present, IEND last and nothing after it. Only the chunks that draw the image are
// kept: text, EXIF and time chunks (which can hold personal data) and animation frames are dropped.

const kept = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs']);

/** Allowed bit depths per colour type. */
const bitDepths: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

const broken = () => new LogoProblem('This PNG file is damaged or incomplete. Please export it again and upload it.');

export function readPng(bytes: Buffer): { width: number; height: number; bytes: Uint8Array } {
  const chunks: { type: string; raw: Buffer }[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw broken();
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw broken();
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw broken();
    if (zlib.crc32(bytes.subarray(offset + 4, offset + 8 + length)) >>> 0 !== bytes.readUInt32BE(offset + 8 + length)) throw broken();
    chunks.push({ type, raw: bytes.subarray(offset, end) });
    offset = end;
    if (type === 'IEND') break;
  }
  const header = chunks[0];
  if (header?.type !== 'IHDR' || header.raw.readUInt32BE(0) !== 13) throw broken();
  const width = header.raw.readUInt32BE(8);
  const height = header.raw.readUInt32BE(12);
  const [depth, colour, compression, filter, interlace] = header.raw.subarray(16, 21);
  if (!bitDepths[colour!]?.includes(depth!) || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) throw broken();
  if (colour === 3 && !chunks.some((c) => c.type === 'PLTE')) throw broken();
  if (!chunks.some((c) => c.type === 'IDAT') || chunks.at(-1)?.type !== 'IEND' || offset !== bytes.length) throw broken();
  // An unknown critical chunk (upper-case first letter) means a decoder must refuse the image.
  if (chunks.some((c) => !kept.has(c.type) && c.type[0] === c.type[0]!.toUpperCase())) throw broken();
  const clean = Buffer.concat([bytes.subarray(0, 8), ...chunks.filter((c) => kept.has(c.type)).map((c) => c.raw)]);
  return { width, height, bytes: new Uint8Array(clean) };
}
