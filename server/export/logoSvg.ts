import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import type { StoredLogo } from '../store/store';
import { LogoProblem } from './logoProblem';

// An SVG logo is drawn to PNG once, on upload, with resvg: exporters and browsers then only ever see a
// PNG. resvg runs no scripts, applies no animation and fetches nothing from the network (an http(s)
// image is only listed for the caller to supply, which we never do). It does read an <image> whose href
// is a local file path, so every reference must stay inside the document: "#id" fragments and raster
// data: URIs only, checked before resvg sees the file. Entity declarations are refused outright.

const maxSide = 1200;
const minSide = 16;

const requireHere = createRequire(import.meta.url);
/** resvg's native module (~2 MB resident) is loaded on the first SVG upload, not by every server at start-up. */
let resvg: typeof ResvgModule | undefined;
const loadResvg = (): typeof ResvgModule => (resvg ??= requireHere('@resvg/resvg-js') as typeof ResvgModule);
/** Text in a logo is drawn with the Noto Sans the exports embed; system fonts are never scanned. */
const fontFiles = ['@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'].map(
  (file) => requireHere.resolve(file),
);

const unreadable = () => new LogoProblem('We could not read this SVG file. Please export it again, or upload a PNG instead.');

/** Any href, in any namespace prefix ("xlink:href", "href", "a:href"). */
const hrefAttribute = /(?:^|[\s<])(?:[A-Za-z_][\w.-]*:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const cssUrl = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)/gi;
const internalHref = /^#|^data:image\/(?:png|jpeg|gif|webp);base64,/;

export function rasteriseSvg(bytes: Buffer): StoredLogo {
  let svg: string;
  try {
    svg = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable();
  }
  if (!/^\s*</.test(svg.replace(/^\uFEFF/, '')) || !/<svg[\s>]/.test(svg)) throw unreadable();
  if (/<!ENTITY/i.test(svg)) throw new LogoProblem('This SVG declares XML entities, which logos cannot use. Please export it again as plain SVG.');
  for (const [, double, single, bare] of [...svg.matchAll(hrefAttribute), ...svg.matchAll(cssUrl)]) {
    const target = (double ?? single ?? bare ?? '').trim();
    if (!internalHref.test(target)) {
      throw new LogoProblem('This SVG refers to other files or web addresses. Please embed its images, or upload a PNG instead.');
    }
  }
  const options = { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans' }, logLevel: 'off' } as const;
  const { Resvg } = loadResvg();
  let natural: ResvgModule.Resvg;
  try {
    natural = new Resvg(svg, options);
  } catch {
    throw unreadable();
  }
  const { width, height } = natural;
  if (!(width > 0 && height > 0)) throw unreadable();
  const fitTo = width >= height ? ({ mode: 'width', value: maxSide } as const) : ({ mode: 'height', value: maxSide } as const);
  const image = new Resvg(svg, { ...options, fitTo }).render();
  if (Math.min(image.width, image.height) < minSide) {
    throw new LogoProblem(`This SVG is too narrow to print: drawn ${maxSide} pixels long it is ${Math.min(image.width, image.height)} pixels across.`);
  }
  if (!drawsSomething(image.pixels)) throw new LogoProblem('This SVG draws nothing visible.');
  return { mime: 'image/png', width: image.width, height: image.height, bytes: new Uint8Array(image.asPng()) };
}

/** Some pixel is not fully transparent (RGBA). */
function drawsSomething(pixels: Buffer): boolean {
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] !== 0) return true;
  return false;
}
