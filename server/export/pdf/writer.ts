import { layoutParagraph, type Line, type Measure } from './bidiLines';
import { fontKey, type FontFamily, type FontStyle } from './fonts';

// The page cursor of one pass over the document: geometry, own line breaking and drawing of
// mixed-script text, page breaks, and the structure tags (PDF/UA) everything drawn goes into.

export type Pdf = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

export interface TextStyle {
  style: FontStyle;
  size: number;
  color?: string;
}

/** A heading as placed: its page (1-based) and the named destination the contents links to. */
export interface PlacedHeading {
  text: string;
  level: 1 | 2 | 3;
  page: number;
  destination: string;
}

/** The named destination of the n-th heading (0-based), the same in both passes. */
export function destinationOf(n: number): string {
  return `heading-${n + 1}`;
}

export const margin = 56;
/** Room at the page foot for the running footer, below the text area. */
const footerRoom = 20;
const lineSpacing = 1.45;
// Noto Sans ascent and descent (units per em 1000), to put the baseline inside each line box.
const ascent = 1.069;
const descent = 0.293;

type StructOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row' };
type FragmentOptions = PDFKit.Mixins.TextOptions & { baseline?: 'alphabetic' };

export class PdfWriter {
  y: number;
  page = 1;
  readonly headings: PlacedHeading[] = [];
  private outlineByLevel: PDFKit.PDFOutline[] = [];

  constructor(
    readonly doc: Pdf,
    readonly root: StructElement,
  ) {
    this.y = this.top;
  }

  get top(): number {
    return margin;
  }
  get bottom(): number {
    return this.doc.page.height - margin - footerRoom;
  }
  get left(): number {
    return margin;
  }
  get right(): number {
    return this.doc.page.width - margin;
  }
  get width(): number {
    return this.right - this.left;
  }
  get atPageTop(): boolean {
    return this.y <= this.top;
  }

  newPage(): void {
    this.doc.addPage();
    this.page += 1;
    this.y = this.top;
  }

  /** Starts a new page unless `height` points still fit (and not when already at the top: it could never fit). */
  ensure(height: number): void {
    if (this.y + height > this.bottom && !this.atPageTop) this.newPage();
  }

  space(points: number): void {
    if (!this.atPageTop) this.y += points;
  }

  measure({ style, size }: TextStyle): Measure {
    return (family: FontFamily, text: string) => this.doc.font(fontKey(family, style)).fontSize(size).widthOfString(text);
  }

  lines(text: string, style: TextStyle, width = this.width): Line[] {
    return layoutParagraph(text, width, this.measure(style));
  }

  lineHeight(style: TextStyle): number {
    return style.size * lineSpacing;
  }

  /** Draws one laid-out line in the box [x, x + width] at top `y`; right-to-left lines align right. */
  drawLine(line: Line, style: TextStyle, x: number, width: number, y: number, align: 'start' | 'end' = 'start'): void {
    const toRight = line.rtl !== (align === 'end');
    let cursor = toRight ? x + width - line.width : x;
    const baseline = y + (this.lineHeight(style) - (ascent + descent) * style.size) / 2 + ascent * style.size;
    this.doc.fillColor(style.color ?? 'black');
    for (const run of line.runs) {
      const options: FragmentOptions = { lineBreak: false, baseline: 'alphabetic' };
      this.doc.font(fontKey(run.family, style.style)).fontSize(style.size).text(run.text, cursor, baseline, options);
      cursor += run.width;
    }
    this.doc.fillColor('black');
  }

  /** Draws text at the cursor, breaking pages between lines as needed. */
  text(text: string, style: TextStyle, x = this.left, width = this.width): Line[] {
    const lines = this.lines(text, style, width);
    this.drawLines(lines, style, x, width);
    return lines;
  }

  drawLines(lines: Line[], style: TextStyle, x = this.left, width = this.width): void {
    const height = this.lineHeight(style);
    for (const line of lines) {
      this.ensure(height);
      this.drawLine(line, style, x, width, this.y);
      this.y += height;
    }
  }

  /** Height of the first `count` lines of text (all of them by default). */
  textHeight(text: string, style: TextStyle, width = this.width, count = Infinity): number {
    return Math.min(count, this.lines(text, style, width).length) * this.lineHeight(style);
  }

  /** A structure element under `parent`, with `draw`'s marks as its content. */
  tag(parent: StructElement, type: string, draw?: () => void, options: StructOptions = {}): StructElement {
    const element = this.doc.struct(type, options);
    parent.add(element);
    if (draw) element.add(draw);
    return element;
  }

  /** Drawing that is page furniture, not content: screen readers skip it. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Records a heading here: a named destination for the contents link and an outline entry nested by level. */
  placeHeading(text: string, level: 1 | 2 | 3): void {
    const destination = destinationOf(this.headings.length);
    this.doc.addNamedDestination(destination, 'XYZ', ...([null, this.y, null] as unknown as number[]));
    const parent = this.outlineByLevel.slice(0, level - 1).reverse().find(Boolean) ?? this.doc.outline;
    this.outlineByLevel[level - 1] = parent.addItem(text);
    this.outlineByLevel.length = level;
    this.headings.push({ text, level, page: this.page, destination });
  }
}
