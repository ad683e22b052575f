import { Document, Packer } from 'docx';
import type { SummaryDocument } from '../../shared/summary/docBlocks';
import { splitTitleBlock } from './documentParts';
import { blockToDocx } from './docx/blocks';
import { contents, footers, logoParagraph } from './docx/furniture';
import { documentStyles, numbering } from './docx/styles';
import { stripControlChars } from './plainText';

// Word document with real structure, fonts that cover every script the boards hold, right-to-left
// paragraphs marked, a contents field Word fills on open, and page furniture. docx escapes XML; we
// strip characters XML forbids.

export async function toDocx(document: SummaryDocument): Promise<Buffer> {
  const { titleBlock, body } = splitTitleBlock(document.blocks);
  const children = [
    ...(document.logo ? [logoParagraph(document.logo)] : []),
    ...titleBlock.flatMap((block, i) => blockToDocx(block, i)),
    ...contents(),
    // The body (which starts with a heading) starts on its own page, after the title page with the contents.
    ...body.flatMap((block, i) => blockToDocx(block, titleBlock.length + i, i === 0)),
  ];
  const doc = new Document({
    title: stripControlChars(document.title),
    description: stripControlChars(document.provenance),
    creator: 'Roundtable',
    lastModifiedBy: 'Roundtable',
    features: { updateFields: true },
    styles: documentStyles(document.lang),
    numbering,
    sections: [{ ...footers(document.provenance), children }],
  });
  return Packer.toBuffer(doc);
}
