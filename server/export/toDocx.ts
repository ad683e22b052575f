import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chartMax, textBar, type DocBlock, type SummaryDocument } from '../../shared/summary/docBlocks';
import { stripControlChars } from './plainText';

// Word document with real structure, so organisers can edit it: Title/Heading 1-3 styles, real
// bulleted and numbered lists, real tables. docx escapes XML; we strip characters XML forbids.

const bulletRef = 'summary-bullets';
const numberRef = 'summary-numbers';
const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string; break?: number } = {}): TextRun {
  return new TextRun({ text: stripControlChars(text), ...options });
}

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, { bold: header })] })],
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EDF2F7' } } : {}),
  });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}

function blockToDocx(block: DocBlock, listNumber: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(block.text)] })];
    case 'heading':
      return [new Paragraph({ heading: headingLevels[block.level], children: [run(block.text)] })];
    case 'paragraph':
      return [new Paragraph({ children: [run(block.text, { bold: block.strong })] })];
    case 'note':
      return [new Paragraph({ children: [run(block.text, { italics: true, color: '555555' })] })];
    case 'bullets':
      return block.items.flatMap((item) => [
        new Paragraph({
          // Each numbered list is its own instance, so it counts from 1.
          numbering: block.ordered ? { reference: numberRef, level: 0, instance: listNumber } : { reference: bulletRef, level: 0 },
          children: [run(item.text), ...(item.note ? [run(item.note, { break: 1, italics: true, size: 18, color: '555555' })] : [])],
        }),
        // Sub-points are real second-level bullets, so they stay a list when edited in Word.
        ...(item.points ?? []).map((point) => new Paragraph({ numbering: { reference: bulletRef, level: 1 }, children: [run(point)] })),
      ]);
    case 'table':
      return [table(block.header, block.rows), new Paragraph({})];
    case 'chart': {
      const max = chartMax(block.bars);
      return [
        new Paragraph({ children: [run(block.caption, { bold: true })] }),
        table(['Group', block.unit[0]!.toUpperCase() + block.unit.slice(1), ''], block.bars.map((bar) => [bar.label, String(bar.value), textBar(bar.value, max)])),
        new Paragraph({}),
      ];
    }
  }
}

export async function toDocx(document: SummaryDocument): Promise<Buffer> {
  const blocks = document.blocks;
  const title = blocks.find((b) => b.kind === 'title')?.text ?? 'Event summary';
  const children = blocks.flatMap((block, index) => blockToDocx(block, index));
  const doc = new Document({
    title: stripControlChars(title),
    creator: 'Roundtable',
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    numbering: {
      config: [
        {
          reference: bulletRef,
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } },
            { level: 1, format: LevelFormat.BULLET, text: '\u2013', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 1440, hanging: 360 } } } },
          ],
        },
        {
          reference: numberRef,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
