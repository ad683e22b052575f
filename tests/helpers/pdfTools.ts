import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { draftSummary } from '../../shared/summary/draftSummary';
import type { DocBlock, SummaryDocument } from '../../shared/summary/docBlocks';
import { renderSummaryDocument } from '../../shared/summary/documentModel';
import type { DraftInput } from '../../shared/summary/summaryModel';
import type { Card } from '../../shared/types';

// Reading PDFs as a reader's tools do: poppler's pdftotext, pdffonts, pdfinfo and pdftoppm (Debian's
// poppler-utils), plus pdfjs for the outline. A missing tool fails loudly rather than skipping.

const run = promisify(execFile);

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is not installed: run \`apt-get install poppler-utils\` (CI installs it).`);
    }
    throw error;
  }
}

/** Runs `use` with the PDF written to a temporary file, removed afterwards. */
async function withPdfFile<T>(buffer: Buffer, use: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, buffer);
    return await use(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdftotext's text of each page (pages are split at form feeds); `layout` keeps columns on one line. */
export function pdftotextPages(buffer: Buffer, options: { layout?: boolean } = {}): Promise<string[]> {
  return withPdfFile(buffer, async (path) => {
    const text = await poppler('pdftotext', ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), path, '-']);
    return text.split('\f').slice(0, -1);
  });
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** pdffonts' table: every font the pages use. */
export function pdffonts(buffer: Buffer): Promise<PdfFontRow[]> {
  return withPdfFile(buffer, async (path) => {
    const lines = (await poppler('pdffonts', [path])).split('\n').slice(2).filter((l) => l.trim());
    // Columns: name, type (may hold spaces), encoding, emb, sub, uni, object id, generation.
    return lines.map((line) => {
      const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line.trim());
      if (!match) throw new Error(`Unexpected pdffonts line: ${line}`);
      return { name: match[1] ?? '', type: match[2] ?? '', embedded: match[4] === 'yes' };
    });
  });
}

/** pdfinfo's output, and with `struct` its structure tree. */
export function pdfinfo(buffer: Buffer, options: { struct?: boolean } = {}): Promise<string> {
  return withPdfFile(buffer, (path) => poppler('pdfinfo', [...(options.struct ? ['-struct'] : []), path]));
}

/** The structure element types pdfinfo -struct lists (H1, L, LI, Table, TH…), in tree order. */
export async function structureTypes(buffer: Buffer): Promise<string[]> {
  const tree = await pdfinfo(buffer, { struct: true });
  return [...tree.matchAll(/^\s*(\w+)\b/gm)].map((m) => m[1] ?? '');
}

export interface OutlineEntry {
  title: string;
  depth: number;
}

/** The bookmarks, depth first, with their nesting depth (0 = top level). */
export async function pdfOutline(buffer: Buffer): Promise<OutlineEntry[]> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  type Item = { title: string; items: Item[] };
  const flatten = (items: Item[], depth: number): OutlineEntry[] => items.flatMap((i) => [{ title: i.title, depth }, ...flatten(i.items, depth + 1)]);
  const outline = ((await pdf.getOutline()) ?? []) as Item[];
  await pdf.destroy();
  return flatten(outline, 0);
}

/** The alternative text of every Figure in the structure tree (pdfjs reads it as a screen reader would). */
export async function figureAlts(buffer: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  type Node = { role?: string; alt?: string; children?: Node[] };
  const alts = (node: Node): string[] => [...(node.role === 'Figure' ? [node.alt ?? ''] : []), ...(node.children ?? []).flatMap(alts)];
  const found: string[] = [];
  for (let page = 1; page <= pdf.numPages; page++) found.push(...alts(((await (await pdf.getPage(page)).getStructTree()) ?? {}) as Node));
  await pdf.destroy();
  return found;
}

export interface ContentsLink {
  /** 1-based page the link is on, and the 1-based page its named destination points to. */
  page: number;
  target: number;
}

/** Every internal link (named destination) of the PDF, with the page it jumps to. */
export async function pdfLinks(buffer: Buffer): Promise<ContentsLink[]> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  const links: ContentsLink[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    for (const annotation of (await (await pdf.getPage(page)).getAnnotations()) as { subtype: string; dest?: unknown }[]) {
      if (annotation.subtype !== 'Link' || typeof annotation.dest !== 'string') continue;
      const destination = await pdf.getDestination(annotation.dest);
      const ref = destination?.[0] as { num: number; gen: number } | undefined;
      if (ref) links.push({ page, target: (await pdf.getPageIndex(ref)) + 1 });
    }
  }
  await pdf.destroy();
  return links;
}

export interface HeadingPlace {
  /** 1-based page, and the heading's line index in that page's text. */
  page: number;
  line: number;
}

/** Where pdftotext finds each heading: its own line, searched in order after the previous heading's line. */
export function headingPlaces(pages: readonly string[], headings: readonly string[], sameLine: (line: string, heading: string) => boolean, firstPage = 0): (HeadingPlace | undefined)[] {
  const lines = pages.flatMap((text, page) => (page < firstPage ? [] : text.split('\n').map((line, index) => ({ page: page + 1, index, line }))));
  let from = 0;
  return headings.map((heading) => {
    const found = lines.findIndex((l, n) => n >= from && sameLine(l.line, heading));
    const place = lines[found];
    if (!place) return undefined;
    from = found + 1;
    return { page: place.page, line: place.index };
  });
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  /** Pixels that are not white: 0 means a blank page. */
  inkedPixels: number;
}

/** Page `page` rendered by pdftoppm at `dpi`, decoded enough to count inked pixels. */
export function renderPage(buffer: Buffer, page: number, dpi: number): Promise<RenderedPage> {
  return withPdfFile(buffer, async (path, dir) => {
    const out = join(dir, 'page');
    await poppler('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, out]);
    const png = await readFile(`${out}.png`);
    return { png, ...decodePng(png) };
  });
}

/** Minimal PNG reader for pdftoppm's output (8-bit RGB or grey, not interlaced). */
function decodePng(png: Buffer): { width: number; height: number; inkedPixels: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('Not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 3;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[body[9] ?? 2] ?? 3;
      if (body[8] !== 8 || body[12] !== 0) throw new Error('Only 8-bit non-interlaced PNGs are read here');
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  let previous = Buffer.alloc(stride);
  let inkedPixels = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (row[x - channels] ?? 0) : 0;
      const b = previous[x] ?? 0;
      const c = x >= channels ? (previous[x - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      row[x] = ((row[x] ?? 0) + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const pixel = row.subarray(x * channels, x * channels + Math.min(channels, 3));
      if (pixel.some((v) => v < 200)) inkedPixels++;
    }
    previous = row;
  }
  return { width, height, inkedPixels };
}

// A workshop whose every visible string mixes scripts: Polish, Welsh, Arabic, Hebrew, Greek, Cyrillic, emoji.
export const scripts = {
  polish: 'Łódź, zażółć gęślą jaźń',
  welsh: 'Ŵyr ŷd, Caerdydd',
  arabic: 'مرحبا بالعالم',
  hebrew: 'שלום עולם',
  greek: 'Καλημέρα κόσμε',
  cyrillic: 'Привет, мир',
  emoji: '🎉🙂',
};

const rooms = [
  { id: 'lodz', topic: `Łódź ${scripts.emoji}` },
  { id: 'caerdydd', topic: 'Caerdydd: Ŵyr ŷd' },
  { id: 'arabic', topic: scripts.arabic },
  { id: 'hebrew', topic: scripts.hebrew },
];

const names = ['Łucja Żółć', 'Gwenllïan Ŵyn', 'محمد علي', 'שרה כהן', 'Δημήτρης', 'Наталья'];

const cardTexts = [scripts.polish, scripts.welsh, scripts.arabic, scripts.hebrew, scripts.greek, scripts.cyrillic, `Dziękujemy ${scripts.emoji}`];

/** The multilingual workshop as a draft input: every room gets every card text, from a named author. */
export function multilingualInput(): DraftInput {
  const questions = [
    { id: 'worked', prompt: `Co zadziałało? ${scripts.greek}` },
    { id: 'next', prompt: `Beth nesaf? ${scripts.cyrillic}` },
  ];
  const boards = rooms.map((room, r) => {
    const cards: Card[] = cardTexts.map((text, i) => ({
      id: `${room.id}-${i}`,
      questionId: questions[i % 2]?.id ?? 'worked',
      authorId: `author-${i}`,
      authorName: names[(i + r) % names.length] ?? 'Ana',
      text,
      createdAt: 1000 + r * 100 + i,
      hidden: false,
    }));
    return { roomId: room.id, cards, votes: { [`${room.id}-0`]: 2 }, participantCount: 4 };
  });
  return {
    event: {
      title: `${scripts.polish} ${scripts.emoji} ${scripts.hebrew}`,
      date: '2024-05-01',
      organiser: `Cyngor Caerdydd — ${scripts.welsh}`,
      introduction: `${scripts.arabic}. ${scripts.hebrew}. ${scripts.greek}. ${scripts.cyrillic}.`,
      objectives: [scripts.welsh, scripts.arabic],
      agenda: [
        { item: scripts.polish, who: names[0] ?? '' },
        { item: scripts.hebrew, who: names[3] ?? '' },
      ],
      questions,
      rooms,
      templateId: 'appreciative-inquiry',
    },
    boards,
  };
}

/** The multilingual summary with names, plus headings of every level in every script. */
export function multilingualDocument(): SummaryDocument {
  const blocks: DocBlock[] = [
    ...renderSummaryDocument(draftSummary(multilingualInput()), { includeNames: true }),
    { kind: 'heading', level: 1, text: `${scripts.arabic} ${scripts.emoji}` },
    { kind: 'heading', level: 2, text: scripts.hebrew },
    { kind: 'heading', level: 3, text: scripts.greek },
    { kind: 'paragraph', text: `${scripts.cyrillic} — ${scripts.polish}` },
    { kind: 'table', header: [scripts.welsh, scripts.arabic], rows: [[scripts.hebrew, scripts.greek]], rowSources: [[{ ref: '3', room: scripts.arabic, question: scripts.cyrillic, text: scripts.polish, author: names[2] ?? '' }]] },
  ];
  const title = blocks.find((b) => b.kind === 'title')?.text ?? '';
  return { title, lang: 'pl', provenance: `Roundtable — ${title}`, blocks };
}
