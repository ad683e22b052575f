import PDFDocument from 'pdfkit';
import { type DocBlock, type SummaryDocument } from '../../shared/summary/docBlocks';
import { drawBlock } from './pdf/blocks';
import { contentsEntries, drawContents, drawFooters, drawLogo, drawTitle, type ContentsEntry } from './pdf/frontMatter';
import { registerFonts } from './pdf/fonts';
import { clean } from './pdf/styles';
import { destinationOf, margin, PdfWriter, type PlacedHeading } from './pdf/writer';

// A publication-grade PDF: embedded Noto fonts for every script (right-to-left laid out right to
// left), tagged for screen readers (PDF/UA basics), a contents page, bookmarks and page numbers.
// Page numbers of headings are only known after layout, so the document is laid out twice: the
// first pass finds the pages, the second prints them in the contents (whose size does not change).

function newDocument(document: SummaryDocument): PDFKit.PDFDocument {
  const options = {
    size: 'A4',
    margin,
    bufferPages: true,
    tagged: true,
    subset: 'PDF/UA',
    pdfVersion: '1.7',
    lang: document.lang,
    displayTitle: true,
    // No default font: pdfkit would otherwise load Helvetica, which cannot draw most scripts.
    font: '',
    info: { Title: clean(document.title), Creator: 'Roundtable' },
  } as unknown as PDFKit.PDFDocumentOptions; // `subset: 'PDF/UA'` and `font: ''` are missing from @types/pdfkit
  const doc = new PDFDocument(options);
  registerFonts(doc);
  return doc;
}

interface Pass {
  writer: PdfWriter;
  headings: PlacedHeading[];
}

function headingsOf(blocks: readonly DocBlock[]): Omit<PlacedHeading, 'page'>[] {
  return blocks.flatMap((b) => (b.kind === 'heading' ? [{ text: clean(b.text), level: b.level }] : [])).map((h, i) => ({ ...h, destination: destinationOf(i) }));
}

function layOut(document: SummaryDocument, contents: readonly ContentsEntry[]): Pass {
  const doc = newDocument(document);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const w = new PdfWriter(doc, root);
  const blocks = document.blocks;
  const firstHeading = blocks.findIndex((b) => b.kind === 'heading');
  const bodyStart = firstHeading < 0 ? blocks.length : firstHeading;
  if (document.logo) drawLogo(w, document.logo);
  const titleBlock = blocks.find((b) => b.kind === 'title');
  drawTitle(w, titleBlock?.text ?? document.title);
  blocks.slice(0, bodyStart).forEach((b, i) => b.kind !== 'title' && drawBlock(w, blocks, i));
  w.y += 12;
  w.tag(root, 'Note', () => w.text(clean(document.provenance), { style: 'italic', size: 9, color: '#555555' }));
  if (contents.length > 0) {
    w.newPage();
    drawContents(w, contents);
  }
  if (bodyStart < blocks.length) w.newPage();
  for (let i = bodyStart; i < blocks.length; i++) drawBlock(w, blocks, i);
  root.end();
  return { writer: w, headings: w.headings };
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export async function toPdf(document: SummaryDocument): Promise<Buffer> {
  const headings = headingsOf(document.blocks);
  const first = layOut(document, contentsEntries(headings));
  const pass = headings.length > 0 ? layOut(document, contentsEntries(headings, first.headings)) : first;
  drawFooters(pass.writer, document.provenance);
  return finish(pass.writer.doc);
}
