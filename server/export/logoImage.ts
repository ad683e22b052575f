import type { StoredLogo } from '../store/store';
import { readJpeg } from './logoJpeg';
import { LogoProblem } from './logoProblem';
import { readPng } from './logoPng';
import { rasteriseSvg } from './logoSvg';

// An organisation's logo for the exports' title block. Checked positively on upload: the declared type
// and the file's own signature agree, the header parses, the size is within bounds; metadata (EXIF, text
// chunks) is dropped; SVG is rasterised to PNG here, so exporters only ever embed PNG or JPEG we checked.

export const logoLimits = {
  /** Upload size. */
  maxBytes: 512 * 1024,
  /** Smallest and largest side of a PNG or JPEG, in pixels. */
  minSide: 16,
  maxSide: 4000,
  /** An SVG is drawn to fit within this many pixels each way. */
  svgSide: 1200,
} as const;

export const logoUploadTypes = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export type LogoUploadType = (typeof logoUploadTypes)[number];

export { LogoProblem } from './logoProblem';

export function isLogoUploadType(value: string): value is LogoUploadType {
  return (logoUploadTypes as readonly string[]).includes(value);
}

const signatures: Record<'image/png' | 'image/jpeg', Buffer> = {
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/** The stored logo for an upload of the given (media) type, or a LogoProblem saying what is wrong. */
export function checkLogo(type: LogoUploadType, bytes: Buffer): StoredLogo {
  if (bytes.length === 0) throw new LogoProblem('The file is empty.');
  if (bytes.length > logoLimits.maxBytes) throw new LogoProblem('The logo is larger than 512 KB. Please choose a smaller file.');
  if (type === 'image/svg+xml') {
    if (startsWith(bytes, signatures['image/png']) || startsWith(bytes, signatures['image/jpeg'])) throw mismatch(type);
    return rasteriseSvg(bytes);
  }
  if (!startsWith(bytes, signatures[type])) throw mismatch(type);
  const image = type === 'image/png' ? readPng(bytes) : readJpeg(bytes);
  const { width, height } = image;
  if (Math.min(width, height) < logoLimits.minSide || Math.max(width, height) > logoLimits.maxSide) {
    throw new LogoProblem(`The logo is ${width} × ${height} pixels; each side must be between ${logoLimits.minSide} and ${logoLimits.maxSide}.`);
  }
  return { mime: type, width, height, bytes: image.bytes };
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.subarray(0, signature.length).equals(signature);
}

function mismatch(type: LogoUploadType): LogoProblem {
  const name = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/svg+xml': 'SVG' }[type];
  return new LogoProblem(`The file was sent as ${name} but is not a ${name} image. Please upload a PNG, JPEG or SVG file.`);
}
