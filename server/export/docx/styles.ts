import { AlignmentType, LevelFormat, type INumberingOptions, type IStylesOptions } from 'docx';

// Fonts, styles and list numbering of the Word export. Noto Sans covers Latin (Welsh, Polish), Greek
// and Cyrillic; Word and LibreOffice take the complex-script font (rFonts cs) for Arabic and Hebrew.

export const bodyFont = 'Noto Sans';
export const arabicFont = 'Noto Sans Arabic';
export const hebrewFont = 'Noto Sans Hebrew';
export const contentsHeadingStyle = 'ContentsHeading';
export const bulletRef = 'summary-bullets';
export const numberRef = 'summary-numbers';
/** Small grey text for notes and sources: #555555 on white is 7.5:1. */
export const smallGrey = { size: 18, color: '555555' } as const;

const fonts = {
  ascii: bodyFont,
  hAnsi: bodyFont,
  cs: arabicFont,
  // No CJK face is bundled, so East Asian text falls back to the reader's own; naming ours keeps Latin consistent.
  eastAsia: bodyFont,
  hint: 'default',
} as const;

export function documentStyles(lang: string): IStylesOptions {
  return {
    default: {
      // Right-to-left runs are proofed as Arabic unless a run says Hebrew; the rest as the document's language.
      document: { run: { font: fonts, size: 22, language: { value: lang, bidirectional: 'ar-SA' } } },
      title: { run: { font: fonts, size: 48, bold: true } },
      heading1: { run: { font: fonts, size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 360, after: 120 } } },
      heading2: { run: { font: fonts, size: 28, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 80 } } },
      heading3: { run: { font: fonts, size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 60 } } },
    },
    paragraphStyles: [
      {
        // Looks like a heading but is body text, so the table of contents does not list itself.
        id: contentsHeadingStyle,
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: fonts, size: 32, bold: true, color: '1F3864' },
        paragraph: { keepNext: true, spacing: { before: 240, after: 120 } },
      },
    ],
  };
}

const indent = (level: number) => ({ paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } });

export const numbering: INumberingOptions = {
  config: [
    {
      reference: bulletRef,
      levels: [
        { level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: indent(0) },
        { level: 1, format: LevelFormat.BULLET, text: '\u2013', alignment: AlignmentType.LEFT, style: indent(1) },
      ],
    },
    {
      reference: numberRef,
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: indent(0) },
        { level: 1, format: LevelFormat.BULLET, text: '\u2013', alignment: AlignmentType.LEFT, style: indent(1) },
      ],
    },
  ],
};
