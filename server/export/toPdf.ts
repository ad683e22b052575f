import PDFDocument from 'pdfkit';
import { chartMax, type DocBlock, type SummaryDocument } from '../../shared/summary/docBlocks';
import { stripControlChars } from './plainText';

// A simple, readable PDF with pdfkit's standard Helvetica fonts (nothing to embed or ship).
// Those fonts only cover Windows-1252, so other characters print as "?" instead of garbage.

type Pdf = PDFKit.PDFDocument;

const cp1252Extras = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const margin = 56;
const headingSizes = { 1: 16, 2: 13, 3: 11.5 } as const;
const bodySize = 10.5;
const grey = '#555555';

export function pdfSafe(text: string): string {
  return [...stripControlChars(text).replace(/\t/g, ' ')]
    .map((c) => (c === '\n' || c === '\r' || (c >= ' ' && c <= '\u00ff' && !(c >= '\u007f' && c < '\u00a0')) || cp1252Extras.includes(c) ? c : '?'))
    .join('');
}

function bottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page when fewer than `height` points are left, so headings stay with what follows. */
function keepSpace(doc: Pdf, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function drawBullets(doc: Pdf, block: Extract<DocBlock, { kind: 'bullets' }>): void {
  const left = doc.page.margins.left;
  const indent = 16;
  block.items.forEach((item, i) => {
    const text = pdfSafe(item.text);
    doc.font('Helvetica').fontSize(bodySize);
    keepSpace(doc, doc.heightOfString(text, { width: contentWidth(doc) - indent }) + (item.note ? 14 : 0));
    const y = doc.y;
    doc.text(block.ordered ? `${i + 1}.` : '\u2022', left, y, { width: indent, lineBreak: false });
    doc.text(text, left + indent, y, { width: contentWidth(doc) - indent });
    if (item.note) doc.font('Helvetica-Oblique').fontSize(bodySize - 2).fillColor(grey).text(pdfSafe(item.note), left + indent).fillColor('black');
    for (const point of item.points ?? []) {
      doc.font('Helvetica').fontSize(bodySize);
      const y2 = doc.y;
      doc.text('\u2013', left + indent, y2, { width: indent, lineBreak: false });
      doc.text(pdfSafe(point), left + 2 * indent, y2, { width: contentWidth(doc) - 2 * indent });
    }
    doc.moveDown(0.3);
  });
  doc.x = left;
}

function columnWidths(doc: Pdf, block: Extract<DocBlock, { kind: 'table' }>): number[] {
  // Wider columns for longer text, but none narrower than a short word.
  const weights = block.header.map((h, c) => {
    const lengths = [h, ...block.rows.map((r) => r[c] ?? '')].map((t) => t.length);
    return Math.max(8, Math.min(60, lengths.reduce((a, b) => a + b, 0) / lengths.length));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (contentWidth(doc) * w) / total);
}

function drawRow(doc: Pdf, cells: string[], widths: number[], header: boolean): void {
  const pad = 4;
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(bodySize - 1);
  const texts = widths.map((_, c) => pdfSafe(cells[c] ?? ''));
  const height = Math.max(...texts.map((t, c) => doc.heightOfString(t || ' ', { width: (widths[c] ?? 0) - 2 * pad }))) + 2 * pad;
  let x = doc.page.margins.left;
  const y = doc.y;
  texts.forEach((t, c) => {
    const w = widths[c] ?? 0;
    if (header) doc.rect(x, y, w, height).fill('#edf2f7').fillColor('black');
    doc.lineWidth(0.5).rect(x, y, w, height).stroke('#999999');
    doc.text(t, x + pad, y + pad, { width: w - 2 * pad });
    x += w;
  });
  doc.x = doc.page.margins.left;
  doc.y = y + height;
}

function drawTable(doc: Pdf, block: Extract<DocBlock, { kind: 'table' }>): void {
  const widths = columnWidths(doc, block);
  keepSpace(doc, 60);
  drawRow(doc, block.header, widths, true);
  for (const row of block.rows) {
    doc.font('Helvetica').fontSize(bodySize - 1);
    const needed = Math.max(...row.map((t, c) => doc.heightOfString(pdfSafe(t) || ' ', { width: (widths[c] ?? 0) - 8 }))) + 8;
    if (doc.y + needed > bottom(doc)) {
      doc.addPage();
      drawRow(doc, block.header, widths, true);
    }
    drawRow(doc, row, widths, false);
  }
  doc.moveDown(0.8);
}

function drawChart(doc: Pdf, block: Extract<DocBlock, { kind: 'chart' }>): void {
  const left = doc.page.margins.left;
  const labelWidth = 170;
  const barSpace = doc.page.width - doc.page.margins.right - left - labelWidth - 60;
  const max = chartMax(block.bars);
  keepSpace(doc, 30 + block.bars.length * 18);
  doc.font('Helvetica-Bold').fontSize(bodySize).text(pdfSafe(block.caption), left).moveDown(0.3);
  for (const bar of block.bars) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(bodySize - 1).text(pdfSafe(bar.label), left, y, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    const width = max > 0 ? (bar.value / max) * barSpace : 0;
    doc.rect(left + labelWidth, y + 1, Math.max(width, 1), 10).fill('#2b6cb0').fillColor('black');
    doc.text(`${bar.value} ${pdfSafe(block.unit)}`, left + labelWidth + width + 6, y, { lineBreak: false });
    doc.y = y + 18;
  }
  doc.x = left;
  doc.moveDown(0.8);
}

function drawBlock(doc: Pdf, block: DocBlock): void {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case 'title':
      doc.font('Helvetica-Bold').fontSize(22).text(pdfSafe(block.text), left).moveDown(0.3);
      return;
    case 'heading':
      keepSpace(doc, 80);
      doc.moveDown(block.level === 1 ? 0.8 : 0.4);
      doc.font('Helvetica-Bold').fontSize(headingSizes[block.level]).text(pdfSafe(block.text), left).moveDown(0.3);
      return;
    case 'paragraph':
      doc.font(block.strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(bodySize).text(pdfSafe(block.text), left).moveDown(0.5);
      return;
    case 'note':
      doc.font('Helvetica-Oblique').fontSize(bodySize - 1).fillColor(grey).text(pdfSafe(block.text), left).fillColor('black').moveDown(0.5);
      return;
    case 'bullets':
      drawBullets(doc, block);
      doc.moveDown(0.3);
      return;
    case 'table':
      drawTable(doc, block);
      return;
    case 'chart':
      drawChart(doc, block);
      return;
  }
}

export function toPdf(document: SummaryDocument): Promise<Buffer> {
  const blocks = document.blocks;
  const title = blocks.find((b) => b.kind === 'title')?.text ?? 'Event summary';
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: pdfSafe(title), Creator: 'Roundtable' } });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      for (const block of blocks) drawBlock(doc, block);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
