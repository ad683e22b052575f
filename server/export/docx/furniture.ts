import { AlignmentType, Footer, ImageRun, PageNumber, Paragraph, TableOfContents, TextRun, type ISectionOptions } from 'docx';
import type { DocumentLogo } from '../../../shared/summary/docBlocks';
import { contentsHeading, fitLogo } from '../documentParts';
import { stripControlChars } from '../plainText';
import { contentsHeadingStyle, smallGrey } from './styles';
import { textParagraph } from './text';

// What frames the blocks in Word: the logo on the title block, the contents field, and footers
// with the provenance line and page numbers.

/** 60 pt and the A4 text width (6.27 in), in the 96-per-inch pixels ImageRun sizes are given in. */
const logoBox = { maxHeight: 80, maxWidth: 601 };

export function logoParagraph(logo: DocumentLogo): Paragraph {
  const alt = stripControlChars(logo.alt);
  return new Paragraph({
    spacing: { after: 240 },
    children: [
      new ImageRun({
        type: logo.mime === 'image/png' ? 'png' : 'jpg',
        data: logo.bytes,
        transformation: fitLogo(logo, logoBox),
        altText: { title: alt, description: alt, name: alt },
      }),
    ],
  });
}

/**
 * A real TOC field over Heading 1–3, hyperlinked. docx writes it filled in from the headings
 * (without page numbers), and the document's updateFields setting has Word refresh it on open.
 */
export function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ style: contentsHeadingStyle, children: [new TextRun(contentsHeading)] }),
    new TableOfContents(contentsHeading, { hyperlink: true, headingStyleRange: '1-3' }),
  ];
}

function pageOfPages(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ ...smallGrey, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
  });
}

/** Every page carries the provenance; pages after the title page also "Page X of Y". */
export function footers(provenance: string): Pick<ISectionOptions, 'footers' | 'properties'> {
  const provenanceLine = () => textParagraph(provenance, smallGrey, { alignment: AlignmentType.CENTER });
  return {
    properties: { titlePage: true },
    footers: {
      first: new Footer({ children: [provenanceLine()] }),
      default: new Footer({ children: [provenanceLine(), pageOfPages()] }),
    },
  };
}
