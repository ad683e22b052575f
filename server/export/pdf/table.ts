import { sourceLine, type DocBlock } from '../../../shared/summary/docBlocks';
import type { Line } from './bidiLines';
import { clean, styles } from './styles';
import type { PdfWriter, StructElement, TextStyle } from './writer';

// Tables: Table/TR/TH/TD tags, header cells scoped to their column, the header row repeated (as an
// artifact) on every page the table continues on, and a last "Sources" column for rows' source cards.

type TableBlock = Extract<DocBlock, { kind: 'table' }>;

const pad = 4;
const cellStyle: TextStyle = styles.cell;
const headerStyle: TextStyle = styles.headerCell;
const sourceStyle: TextStyle = styles.small;
const headerFill = '#edf2f7';
const ruleColour = '#999999';

/** A cell's lines, each with its style (a sources cell mixes none, but keeps one line per source apart). */
type CellLines = { line: Line; style: TextStyle }[];

interface Grid {
  header: string[];
  rows: string[][];
  /** Source lines per row, for the extra last column; absent when no row has sources. */
  sources?: string[][];
}

function gridOf(block: TableBlock): Grid {
  const sources = block.rows.map((_, i) => (block.rowSources?.[i] ?? []).map(sourceLine));
  const hasSources = sources.some((s) => s.length > 0);
  return {
    header: hasSources ? [...block.header, 'Sources'] : block.header,
    rows: block.rows,
    ...(hasSources ? { sources } : {}),
  };
}

function columnWidths(w: PdfWriter, grid: Grid): number[] {
  const columnTexts = (c: number): string[] =>
    c === grid.header.length - 1 && grid.sources ? grid.sources.map((s) => s.join(' ')) : grid.rows.map((r) => r[c] ?? '');
  // Wider columns for longer text…
  const weights = grid.header.map((h, c) => {
    const lengths = [h, ...columnTexts(c)].map((t) => t.length);
    return Math.max(8, Math.min(60, lengths.reduce((a, b) => a + b, 0) / lengths.length));
  });
  // …but never narrower than the longest word, when the page allows, so words are not split.
  const measure = w.measure(styles.headerCell);
  const longestWord = (texts: string[]) => Math.max(0, ...texts.flatMap((t) => clean(t).split(/\s+/)).map((word) => measure('sans', word)));
  const minima = grid.header.map((h, c) => Math.min(longestWord([h, ...columnTexts(c)]) + 2 * pad + 1, w.width / grid.header.length));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((weight) => (w.width * weight) / total);
  const deficit = widths.reduce((sum, width, c) => sum + Math.max(0, (minima[c] ?? 0) - width), 0);
  const surplus = widths.reduce((sum, width, c) => sum + Math.max(0, width - (minima[c] ?? 0)), 0);
  return widths.map((width, c) => {
    const min = minima[c] ?? 0;
    return width < min ? min : width - (surplus > 0 ? ((width - min) / surplus) * deficit : 0);
  });
}

function cellLines(w: PdfWriter, texts: string[], style: TextStyle, width: number): CellLines {
  return texts.flatMap((text) => w.lines(clean(text), style, width - 2 * pad).map((line) => ({ line, style })));
}

function rowCells(w: PdfWriter, grid: Grid, widths: number[], row: number | 'header'): CellLines[] {
  return widths.map((width, c) => {
    if (row === 'header') return cellLines(w, [grid.header[c] ?? ''], headerStyle, width);
    if (grid.sources && c === widths.length - 1) return cellLines(w, grid.sources[row] ?? [], sourceStyle, width);
    return cellLines(w, [grid.rows[row]?.[c] ?? ''], cellStyle, width);
  });
}

function linesHeight(w: PdfWriter, lines: CellLines): number {
  return lines.reduce((sum, { style }) => sum + w.lineHeight(style), 0);
}

function rowHeight(w: PdfWriter, cells: CellLines[]): number {
  return Math.max(w.lineHeight(cellStyle), ...cells.map((lines) => linesHeight(w, lines))) + 2 * pad;
}

/** Header row plus the first row: what must fit under a heading before the table. */
export function tableLeadHeight(w: PdfWriter, block: TableBlock): number {
  const grid = gridOf(block);
  const widths = columnWidths(w, grid);
  const first = grid.rows.length > 0 ? Math.min(rowHeight(w, rowCells(w, grid, widths, 0)), 80) : 0;
  return rowHeight(w, rowCells(w, grid, widths, 'header')) + first;
}

function drawCellBoxes(w: PdfWriter, widths: number[], height: number, header: boolean): void {
  w.artifact(() => {
    let x = w.left;
    for (const width of widths) {
      if (header) w.doc.rect(x, w.y, width, height).fill(headerFill);
      w.doc.lineWidth(0.5).rect(x, w.y, width, height).stroke(ruleColour);
      x += width;
    }
  });
}

function drawCellLines(w: PdfWriter, lines: CellLines, x: number, width: number): void {
  let y = w.y + pad;
  for (const { line, style } of lines) {
    w.drawLine(line, style, x + pad, width - 2 * pad, y);
    y += w.lineHeight(style);
  }
}

/** The header row again at the top of a continuation page, as an artifact: it is already in the tree once. */
function repeatHeader(w: PdfWriter, widths: number[], header: CellLines[]): void {
  const height = rowHeight(w, header);
  drawCellBoxes(w, widths, height, true);
  w.artifact(() => {
    let x = w.left;
    header.forEach((lines, c) => {
      drawCellLines(w, lines, x, widths[c] ?? 0);
      x += widths[c] ?? 0;
    });
  });
  w.y += height;
}

/** How many of a cell's lines fit in `space` points (at least one, so a row always advances). */
function linesThatFit(w: PdfWriter, lines: CellLines, space: number): number {
  let used = 0;
  let count = 0;
  for (const { style } of lines) {
    if (count > 0 && used + w.lineHeight(style) > space) break;
    used += w.lineHeight(style);
    count++;
  }
  return count;
}

/**
 * Draws one row into its TR: kept on one page when it fits on one; a row taller than the space left
 * on a fresh page continues on the next page, cell by cell, under a repeated header.
 */
function drawRow(w: PdfWriter, table: StructElement, widths: number[], cells: CellLines[], header: CellLines[] | 'is header'): void {
  const isHeader = header === 'is header';
  const fullHeight = rowHeight(w, cells);
  const freshPageSpace = w.bottom - w.top - (isHeader ? 0 : rowHeight(w, header));
  const breakPage = () => {
    w.newPage();
    if (!isHeader) repeatHeader(w, widths, header);
  };
  if (w.y + fullHeight > w.bottom && fullHeight <= freshPageSpace) breakPage();
  const row = w.tag(table, 'TR');
  const tags = cells.map(() => w.tag(row, isHeader ? 'TH' : 'TD', undefined, isHeader ? { scope: 'Column' } : {}));
  let remaining = cells;
  while (remaining.some((lines) => lines.length > 0)) {
    if (w.bottom - w.y < w.lineHeight(cellStyle) + 2 * pad) breakPage();
    const space = w.bottom - w.y - 2 * pad;
    const counts = remaining.map((lines) => linesThatFit(w, lines, space));
    const chunk = remaining.map((lines, c) => lines.slice(0, counts[c]));
    const height = Math.max(w.lineHeight(cellStyle), ...chunk.map((lines) => linesHeight(w, lines))) + 2 * pad;
    drawCellBoxes(w, widths, height, isHeader);
    let x = w.left;
    chunk.forEach((lines, c) => {
      const width = widths[c] ?? 0;
      if (lines.length > 0) tags[c]?.add(() => drawCellLines(w, lines, x, width));
      x += width;
    });
    w.y += height;
    remaining = remaining.map((lines, c) => lines.slice(counts[c]));
    if (remaining.some((lines) => lines.length > 0)) breakPage();
  }
}

export function drawTable(w: PdfWriter, block: TableBlock): void {
  const grid = gridOf(block);
  const widths = columnWidths(w, grid);
  const header = rowCells(w, grid, widths, 'header');
  w.ensure(tableLeadHeight(w, block));
  const table = w.tag(w.root, 'Table');
  drawRow(w, table, widths, header, 'is header');
  grid.rows.forEach((_, r) => drawRow(w, table, widths, rowCells(w, grid, widths, r), header));
  w.y += 12;
}
