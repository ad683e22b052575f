import { HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableRow, WidthType } from 'docx';
import { chartMax, sourceLine, textBar, type BulletItem, type DocBlock, type SourceRef } from '../../../shared/summary/docBlocks';
import { bulletRef, numberRef, smallGrey } from './styles';
import { directionOf, run, textParagraph } from './text';

// Each format-neutral block as real Word structure, so organisers can edit it: Title and Heading 1–3
// styles, real bulleted and numbered lists, real tables with repeating header rows.

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function cell(paragraphs: Paragraph[], header: boolean): TableCell {
  return new TableCell({
    children: paragraphs.length ? paragraphs : [new Paragraph({})],
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EDF2F7' } } : {}),
  });
}

function table(header: string[], rows: string[][], rowSources?: SourceRef[][]): Table {
  const sourcesColumn = rowSources !== undefined;
  const headerCells = [...header, ...(sourcesColumn ? ['Sources'] : [])].map((h) => cell([textParagraph(h, { bold: true })], true));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headerCells }),
      ...rows.map(
        (row, i) =>
          new TableRow({
            children: [
              ...row.map((text) => cell([textParagraph(text)], false)),
              ...(sourcesColumn ? [cell((rowSources[i] ?? []).map((source) => textParagraph(sourceLine(source), smallGrey)), false)] : []),
            ],
          }),
      ),
    ],
  });
}

/** An item, then its sub-points and its source cards as the list's second level. */
function listItem(item: BulletItem, reference: string, instance: number | undefined): Paragraph[] {
  const at = (level: 0 | 1) => ({ reference, level, ...(instance === undefined ? {} : { instance }) });
  return [
    new Paragraph({
      numbering: at(0),
      ...directionOf(item.text),
      children: [run(item.text), ...(item.note ? [run(item.note, { break: 1, italics: true, ...smallGrey })] : [])],
    }),
    ...(item.points ?? []).map((point) => textParagraph(point, {}, { numbering: at(1) })),
    ...(item.sources ?? []).map((source) => textParagraph(sourceLine(source), smallGrey, { numbering: at(1) })),
  ];
}

/** `listNumber` gives each numbered list its own instance, so it counts from 1; `startsPage` puts a heading on a new page. */
export function blockToDocx(block: DocBlock, listNumber: number, startsPage = false): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [textParagraph(block.text, {}, { heading: HeadingLevel.TITLE, keepNext: true })];
    case 'heading':
      return [textParagraph(block.text, {}, { heading: headingLevels[block.level], keepNext: true, pageBreakBefore: startsPage })];
    case 'paragraph':
      return [textParagraph(block.text, { bold: block.strong })];
    case 'note':
      return [textParagraph(block.text, { italics: true, color: smallGrey.color })];
    case 'bullets':
      return block.items.flatMap((item) => (block.ordered ? listItem(item, numberRef, listNumber) : listItem(item, bulletRef, undefined)));
    case 'table':
      return [table(block.header, block.rows, block.rowSources), new Paragraph({})];
    case 'chart': {
      const max = chartMax(block.bars);
      return [
        textParagraph(block.caption, { bold: true }, { keepNext: true }),
        table(['Group', block.unit[0]!.toUpperCase() + block.unit.slice(1), ''], block.bars.map((bar) => [bar.label, String(bar.value), textBar(bar.value, max)])),
        new Paragraph({}),
      ];
    }
  }
}
