import type { DocumentLogo } from '../../../shared/summary/docBlocks';
import type { Line } from './bidiLines';
import { drawParagraph } from './blocks';
import { clean, styles } from './styles';
import { margin, type PdfWriter, type PlacedHeading, type TextStyle } from './writer';

// Around the body: the logo and title block, the contents page, and the running footer.

const logoMaxHeight = 60;
const pageNumberColumn = 40;
const contentsIndent = 16;
const footerStyle: TextStyle = { style: 'regular', size: 8, color: '#666666' };

/** The logo, at most 60 pt high and half the page wide, aspect kept, tagged as a Figure with its alt text. */
export function drawLogo(w: PdfWriter, logo: DocumentLogo): void {
  const scale = Math.min(logoMaxHeight / logo.height, w.width / 2 / logo.width, 1);
  const width = logo.width * scale;
  const height = logo.height * scale;
  const y = w.y;
  w.tag(w.root, 'Figure', () => w.doc.image(Buffer.from(logo.bytes), w.left, y, { width, height }), { alt: clean(logo.alt) });
  w.y += height + 14;
}

export function drawTitle(w: PdfWriter, title: string): void {
  drawParagraph(w, w.root, title, styles.title, 'H1');
  w.y += 8;
}

/** A contents entry: a heading of level 1 or 2, and its page once the first pass has found it. */
export interface ContentsEntry {
  text: string;
  level: 1 | 2 | 3;
  destination: string;
  page?: number;
}

export function contentsEntries(headings: readonly Omit<PlacedHeading, 'page'>[], placed?: readonly PlacedHeading[]): ContentsEntry[] {
  return headings.flatMap((heading, i) => (heading.level <= 2 ? [{ ...heading, ...(placed?.[i] ? { page: placed[i].page } : {}) }] : []));
}

/** Dot leaders from a line's end to the page number: decoration, so an artifact. */
function drawLeaders(w: PdfWriter, from: number, to: number, y: number): void {
  if (to - from < 12) return;
  w.artifact(() => {
    for (let x = from + 4; x < to - 4; x += 4) w.doc.circle(x, y, 0.5).fill('#888888');
  });
}

function drawEntry(w: PdfWriter, toc: PDFKit.PDFStructureElement, entry: ContentsEntry): void {
  const style = entry.level === 1 ? styles.strong : styles.body;
  const x = w.left + (entry.level - 1) * contentsIndent;
  const textWidth = w.right - pageNumberColumn - x;
  const lines = w.lines(entry.text, style, textWidth);
  const lineHeight = w.lineHeight(style);
  w.ensure(lines.length * lineHeight);
  const top = w.y;
  const item = w.tag(toc, 'TOCI');
  const number: Line | undefined = w.lines(entry.page ? String(entry.page) : '', style, pageNumberColumn)[0];
  const link = w.tag(item, 'Link', () => {
    w.drawLines(lines, style, x, textWidth);
    if (number) w.drawLine(number, style, w.right - pageNumberColumn, pageNumberColumn, w.y - lineHeight, 'end');
  });
  w.doc.goTo(x, top, w.right - x, w.y - top, entry.destination, { structParent: link } as PDFKit.Mixins.AnnotationOption);
  const last = lines[lines.length - 1];
  if (last && !last.rtl) drawLeaders(w, x + last.width, w.right - (number?.width ?? 0), w.y - lineHeight * 0.3);
  w.y += entry.level === 1 ? 4 : 1;
}

/** The contents page: every H1 and H2 with its page number, each a link to the heading. */
export function drawContents(w: PdfWriter, entries: readonly ContentsEntry[]): void {
  w.doc.outline.addItem('Contents');
  drawParagraph(w, w.root, 'Contents', styles.heading[1], 'H1');
  w.y += 8;
  const toc = w.tag(w.root, 'TOC');
  for (const entry of entries) drawEntry(w, toc, entry);
}

/** One line of text, shortened with an ellipsis when it does not fit. */
function fittedLine(w: PdfWriter, text: string, style: TextStyle, width: number): Line | undefined {
  const words = clean(text).split(' ');
  for (let count = words.length; count > 0; count--) {
    const candidate = count === words.length ? words.join(' ') : `${words.slice(0, count).join(' ')}\u2026`;
    const lines = w.lines(candidate, style, width);
    if (lines.length === 1) return lines[0];
  }
  return w.lines(text, style, width)[0];
}

/** "Page N of M" and the provenance line on every page but the first, marked as pagination artifacts. */
export function drawFooters(w: PdfWriter, provenance: string): void {
  const { start, count } = w.doc.bufferedPageRange();
  const numberWidth = 80;
  const provenanceLine = fittedLine(w, provenance, footerStyle, w.width - numberWidth - 12);
  for (let i = 1; i < count; i++) {
    w.doc.switchToPage(start + i);
    const y = w.doc.page.height - margin - 6;
    const pageLine = w.lines(`Page ${i + 1} of ${count}`, footerStyle, numberWidth)[0];
    w.artifact(() => {
      w.doc.lineWidth(0.5).moveTo(w.left, y - 4).lineTo(w.right, y - 4).stroke('#cccccc');
      if (provenanceLine) w.drawLine(provenanceLine, footerStyle, w.left, w.width - numberWidth - 12, y);
      if (pageLine) w.drawLine(pageLine, footerStyle, w.right - numberWidth, numberWidth, y, 'end');
    }, 'Pagination');
  }
}
