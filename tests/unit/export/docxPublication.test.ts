import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceLine } from '../../../shared/summary/docBlocks';
import { toDocx } from '../../../server/export/toDocx';
import { multilingualDocument, multilingualHeadings, scripts } from '../../helpers/multilingualDocument';

// The publication features of the Word export, read from the package's XML parts.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const document = multilingualDocument();
let zip: JSZip;

async function part(name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no ${name} in the package`);
  return file.async('string');
}

async function xml(name: string): Promise<Document> {
  const doc = new JSDOM(await part(name), { contentType: 'application/xml' }).window.document;
  if (doc.getElementsByTagName('parsererror').length) throw new Error(`invalid XML in ${name}`);
  return doc;
}

const all = (node: Document | Element, tag: string) => [...node.getElementsByTagNameNS(W, tag)];
const attr = (el: Element | undefined, name: string) => el?.getAttributeNS(W, name) ?? undefined;
const textOf = (el: Element) => all(el, 't').map((t) => t.textContent).join('');
const instructions = (doc: Document) => all(doc, 'instrText').map((el) => el.textContent?.trim());

/** The paragraph whose text is exactly `text`, outside the contents field (which repeats the headings). */
function paragraph(doc: Document, text: string): Element {
  const found = all(doc, 'p').find((p) => textOf(p) === text && !p.closest('sdt'));
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}

const style = (p: Element) => attr(all(p, 'pStyle')[0], 'val');

beforeAll(async () => {
  zip = await JSZip.loadAsync(await toDocx(document));
});

describe('Word export for publication', () => {
  it('has a hyperlinked contents field over Heading 1–3 under a "Contents" heading that is not itself a heading, refreshed on open', async () => {
    const body = await xml('word/document.xml');
    expect(instructions(body)).toContain('TOC \\h \\o "1-3"');
    const contents = paragraph(body, 'Contents');
    expect(style(contents)).not.toMatch(/^Heading/);
    // The field comes filled in: one hyperlinked entry per heading, so readers that do not update fields still see them.
    const sdt = all(body, 'sdt')[0]!;
    const { section, room, question, arabicRoom, hebrewRoom } = multilingualHeadings;
    expect(all(sdt, 'hyperlink').map(textOf)).toEqual([section, room, question, arabicRoom, hebrewRoom, 'Next steps']);
    expect(all(await xml('word/settings.xml'), 'updateFields')).toHaveLength(1);
  });

  it('numbers the pages "Page X of Y" in the footer and carries the provenance on every page, the title page included', async () => {
    const body = await xml('word/document.xml');
    expect(all(body, 'titlePg')).toHaveLength(1);
    const rels = await part('word/_rels/document.xml.rels');
    const footerOf = async (type: string) => {
      const id = all(body, 'footerReference').find((f) => attr(f, 'type') === type)?.getAttribute('r:id');
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      return xml(`word/${target}`);
    };
    const pages = await footerOf('default');
    expect(all(pages, 'p').map(textOf)).toEqual([document.provenance, 'Page  of ']);
    expect(instructions(pages)).toEqual(['PAGE', 'NUMPAGES']);
    const titlePage = await footerOf('first');
    expect(all(titlePage, 'p').map(textOf)).toEqual([document.provenance]);
  });

  it('sets Noto Sans, with Noto Sans Arabic for complex scripts, and the document language', async () => {
    const styles = await xml('word/styles.xml');
    const defaults = all(styles, 'docDefaults')[0]!;
    const fonts = all(defaults, 'rFonts')[0];
    expect(['ascii', 'hAnsi', 'eastAsia', 'cs'].map((a) => attr(fonts, a))).toEqual(['Noto Sans', 'Noto Sans', 'Noto Sans', 'Noto Sans Arabic']);
    expect(attr(all(defaults, 'lang')[0], 'val')).toBe('pl-PL');
    const headingFonts = all(styles, 'style').filter((s) => /^(Title|Heading[123])$/.test(attr(s, 'styleId') ?? '')).map((s) => attr(all(s, 'rFonts')[0], 'ascii'));
    expect(headingFonts).toEqual(['Noto Sans', 'Noto Sans', 'Noto Sans', 'Noto Sans']);
  });

  it('marks Arabic and Hebrew paragraphs right to left, with right-to-left runs, and Hebrew in a font that has it', async () => {
    const body = await xml('word/document.xml');
    for (const text of [scripts.arabic, scripts.hebrew]) {
      const p = paragraph(body, text);
      expect(all(p, 'bidi')).toHaveLength(1);
      expect(all(p, 'r').every((r) => all(r, 'rtl').length === 1)).toBe(true);
    }
    expect(attr(all(paragraph(body, scripts.hebrew), 'rFonts')[0], 'cs')).toBe('Noto Sans Hebrew');
    const polish = paragraph(body, multilingualHeadings.section);
    expect([all(polish, 'bidi').length, all(polish, 'rtl').length]).toEqual([0, 0]);
  });

  it('keeps headings with the next paragraph and repeats table header rows', async () => {
    const body = await xml('word/document.xml');
    for (const heading of Object.values(multilingualHeadings)) expect(all(paragraph(body, heading), 'keepNext')).toHaveLength(1);
    expect(all(body, 'tblHeader')).toHaveLength(1);
  });

  it('puts the logo on the title block, at most 60 pt high with its aspect kept, with alternative text', async () => {
    const body = await xml('word/document.xml');
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toEqual(['word/media/image1.png']);
    const docPr = body.getElementsByTagName('wp:docPr')[0];
    expect(['name', 'descr', 'title'].map((a) => docPr?.getAttribute(a))).toEqual(Array(3).fill(document.logo?.alt));
    // 60 pt is 762 000 EMU; the 240 × 120 logo keeps its 2:1 shape.
    const extent = body.getElementsByTagName('wp:extent')[0];
    expect([Number(extent?.getAttribute('cx')), Number(extent?.getAttribute('cy'))]).toEqual([1_524_000, 762_000]);
    const paragraphs = all(body, 'p');
    const logoAt = paragraphs.findIndex((p) => p.getElementsByTagName('wp:docPr').length > 0);
    expect(style(paragraphs[logoAt + 1]!)).toBe('Title');
  });

  it('lists each item\'s source cards under it as small second-level bullets, and a table\'s in a Sources column', async () => {
    const body = await xml('word/document.xml');
    const [first, second] = document.blocks.flatMap((b) => (b.kind === 'bullets' ? (b.items[0]?.sources ?? []) : []));
    for (const source of [first!, second!]) {
      const p = paragraph(body, sourceLine(source));
      expect(attr(all(p, 'ilvl')[0], 'val')).toBe('1');
      expect(attr(all(p, 'sz')[0], 'val')).toBe('18');
    }
    const table = all(body, 'tbl')[0]!;
    const rows = all(table, 'tr').map((tr) => all(tr, 'tc').map(textOf));
    expect(rows).toEqual([
      ['What', 'Who', 'When', 'Sources'],
      [scripts.emoji, scripts.hebrew, 'May', sourceLine(second!)],
    ]);
  });

  it('names the document in its core properties: title, creator and the provenance as description', async () => {
    const core = await part('docProps/core.xml');
    const props = new JSDOM(core, { contentType: 'application/xml' }).window.document;
    const value = (tag: string) => props.getElementsByTagName(tag)[0]?.textContent;
    expect([value('dc:title'), value('dc:creator'), value('dc:description')]).toEqual([document.title, 'Roundtable', document.provenance]);
  });
});
