import { LogoProblem } from './logoProblem';

// A JPEG read marker by marker up to the image data: a frame header (SOFn) gives the size; the scan
// follows and the file ends with EOI. Metadata segments are dropped — EXIF (APP1) can hold where and
// when a photo was taken, COM and APP3–APP15 other notes — keeping JFIF (APP0), the ICC colour profile
// (APP2) and Adobe's colour transform (APP14), which decoders need to show the colours right.

const keptApps = new Set([0xe0, 0xe2, 0xee]);
/** Start-of-frame markers (not DHT C4, JPG C8 or DAC CC). */
const startOfFrame = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const broken = () => new LogoProblem('This JPEG file is damaged or incomplete. Please export it again and upload it.');

export function readJpeg(bytes: Buffer): { width: number; height: number; bytes: Uint8Array } {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  for (;;) {
    if (offset + 4 > bytes.length || bytes[offset] !== 0xff) throw broken();
    let markerAt = offset + 1;
    while (bytes[markerAt] === 0xff) markerAt++; // fill bytes
    const marker = bytes[markerAt]!;
    const length = bytes.readUInt16BE(markerAt + 1);
    const end = markerAt + 1 + length;
    if (length < 2 || end > bytes.length || marker === 0xd8 || marker === 0xd9) throw broken();
    if (startOfFrame.has(marker)) {
      if (length < 8) throw broken();
      size = { height: bytes.readUInt16BE(markerAt + 4), width: bytes.readUInt16BE(markerAt + 6) };
    }
    if (marker === 0xda) {
      // The scan: entropy-coded data to the end, which must close with EOI.
      if (!size) throw broken();
      const eoi = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
      if (eoi < end) throw broken();
      parts.push(bytes.subarray(offset, eoi + 2));
      return { ...size, bytes: new Uint8Array(Buffer.concat(parts)) };
    }
    const isMetadata = (marker >= 0xe0 && marker <= 0xef && !keptApps.has(marker)) || marker === 0xfe;
    if (!isMetadata) parts.push(bytes.subarray(offset, end));
    offset = end;
  }
}
