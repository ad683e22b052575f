import { chartMax, sourceLine, type BulletItem, type DocBlock } from '../../../shared/summary/docBlocks';
import { bodySize, clean, styles } from './styles';
import { drawTable, tableLeadHeight } from './table';
import type { PdfWriter, StructElement, TextStyle } from './writer';

// The body blocks: headings (kept with what follows), paragraphs, notes, lists with their sources, charts.

const indent = 16;
const headingSpaceBefore = { 1: 14, 2: 9, 3: 6 } as const;

/** How much of a block must fit under a heading so the heading is not stranded: its first lines or rows. */
function leadHeight(w: PdfWriter, blocks: readonly DocBlock[], index: number): number {
  const block = blocks[index];
  if (!block) return 0;
  switch (block.kind) {
    case 'heading':
      return headingHeight(w, block) + leadHeight(w, blocks, index + 1);
    case 'paragraph':
      // A strong paragraph keeps with what follows it (see drawBlock), so that counts too.
      return block.strong
        ? w.textHeight(clean(block.text), styles.strong) + 5 + leadHeight(w, blocks, index + 1)
        : w.textHeight(clean(block.text), styles.body, w.width, 2);
    case 'note':
      return w.textHeight(clean(block.text), styles.note, w.width, 2);
    case 'bullets':
      return block.items[0] ? w.textHeight(clean(block.items[0].text), styles.body, w.width - indent, 2) : 0;
    case 'table':
      return tableLeadHeight(w, block);
    case 'chart':
      return w.lineHeight(styles.strong) + 2 * chartRowHeight;
    case 'title':
      return 0;
  }
}

function headingHeight(w: PdfWriter, block: Extract<DocBlock, { kind: 'heading' }>): number {
  return headingSpaceBefore[block.level] + w.textHeight(clean(block.text), styles.heading[block.level]) + 4;
}

function drawHeading(w: PdfWriter, blocks: readonly DocBlock[], index: number, block: Extract<DocBlock, { kind: 'heading' }>): void {
  w.ensure(headingHeight(w, block) + leadHeight(w, blocks, index + 1));
  w.space(headingSpaceBefore[block.level]);
  const text = clean(block.text);
  w.placeHeading(text, block.level);
  w.tag(w.root, `H${block.level}`, () => w.text(text, styles.heading[block.level]));
  w.y += 4;
}

/** A paragraph tagged P (or Note), kept together when it is two lines or fewer. */
export function drawParagraph(w: PdfWriter, parent: StructElement, text: string, style: TextStyle, type = 'P'): void {
  const lines = w.lines(clean(text), style);
  if (lines.length <= 2) w.ensure(lines.length * w.lineHeight(style));
  w.tag(parent, type, () => w.drawLines(lines, style));
}

/** One list item: label (bullet or number) and body, on the right for right-to-left text. */
function drawItem(w: PdfWriter, list: StructElement, label: string, text: string, style: TextStyle, x: number, width: number): StructElement {
  const lines = w.lines(clean(text), style, width - indent);
  w.ensure(Math.min(2, lines.length) * w.lineHeight(style));
  const item = w.tag(list, 'LI');
  const rtl = lines[0]?.rtl ?? false;
  const labelLine = w.lines(label, style, indent)[0];
  const y = w.y;
  w.tag(item, 'Lbl', () => labelLine && w.drawLine(labelLine, style, rtl ? x + width - indent : x, indent, y, rtl ? 'end' : 'start'));
  const body = w.tag(item, 'LBody', () => w.drawLines(lines, style, rtl ? x : x + indent, width - indent));
  return body;
}

function drawBullets(w: PdfWriter, block: Extract<DocBlock, { kind: 'bullets' }>): void {
  const list = w.tag(w.root, 'L');
  block.items.forEach((item, i) => {
    const body = drawItem(w, list, block.ordered ? `${i + 1}.` : '\u2022', item.text, styles.body, w.left, w.width);
    drawItemExtras(w, body, item);
    w.y += 3;
  });
  w.y += 4;
}

/** Under an item: its note, sub-points and source cards, each set in from the item's text. */
function drawItemExtras(w: PdfWriter, body: StructElement, item: BulletItem): void {
  const x = w.left + indent;
  const width = w.width - indent;
  if (item.note) body.add(() => w.text(clean(item.note ?? ''), styles.itemNote, x, width));
  if (item.points?.length) {
    const points = w.tag(body, 'L');
    for (const point of item.points) drawItem(w, points, '\u2013', point, styles.body, x, width);
  }
  if (item.sources?.length) {
    const sources = w.tag(body, 'L');
    for (const source of item.sources) drawItem(w, sources, '\u00b7', sourceLine(source), styles.small, x, width);
  }
}

const chartRowHeight = 18;
const chartLabelWidth = 170;

/** A horizontal bar chart, tagged as a Figure whose alternative text gives every value. */
function drawChart(w: PdfWriter, block: Extract<DocBlock, { kind: 'chart' }>): void {
  const caption = clean(block.caption);
  const unit = clean(block.unit);
  const alt = `${caption}: ${block.bars.map((b) => `${clean(b.label)}, ${b.value} ${unit}`).join('; ')}.`;
  const max = chartMax(block.bars);
  const barSpace = w.width - chartLabelWidth - 60;
  w.ensure(w.lineHeight(styles.strong) + Math.min(block.bars.length, 6) * chartRowHeight);
  w.tag(
    w.root,
    'Figure',
    () => {
      w.text(caption, styles.strong);
      w.y += 3;
      const labelStyle = { style: 'regular', size: bodySize - 1 } as const;
      for (const bar of block.bars) {
        w.ensure(chartRowHeight);
        const y = w.y;
        const label = w.lines(clean(bar.label), labelStyle, chartLabelWidth - 8)[0];
        if (label) w.drawLine(label, labelStyle, w.left, chartLabelWidth - 8, y);
        const barWidth = max > 0 ? (bar.value / max) * barSpace : 0;
        w.doc.rect(w.left + chartLabelWidth, y + 3, Math.max(barWidth, 1), 10).fill('#2b6cb0');
        const value = w.lines(`${bar.value} ${unit}`, labelStyle, 200)[0];
        if (value) w.drawLine(value, labelStyle, w.left + chartLabelWidth + barWidth + 6, 200, y);
        w.y = y + chartRowHeight;
      }
    },
    { alt },
  );
  w.y += 10;
}

/** Draws the block at `index` of the body. */
export function drawBlock(w: PdfWriter, blocks: readonly DocBlock[], index: number): void {
  const block = blocks[index];
  if (!block) return;
  switch (block.kind) {
    case 'title':
      drawParagraph(w, w.root, block.text, styles.heading[1], 'H1');
      return;
    case 'heading':
      drawHeading(w, blocks, index, block);
      return;
    case 'paragraph':
      // A strong one-liner labels what follows ("Topics"), so it keeps with it like a heading.
      if (block.strong) w.ensure(w.textHeight(clean(block.text), styles.strong) + leadHeight(w, blocks, index + 1));
      drawParagraph(w, w.root, block.text, block.strong ? styles.strong : styles.body);
      w.y += 5;
      return;
    case 'note':
      drawParagraph(w, w.root, block.text, styles.note, 'Note');
      w.y += 5;
      return;
    case 'bullets':
      drawBullets(w, block);
      return;
    case 'table':
      drawTable(w, block);
      return;
    case 'chart':
      drawChart(w, block);
      return;
  }
}
