import { beforeAll, describe, expect, it } from 'vitest';
import { toPdf } from '../../../server/export/toPdf';
import { multilingualDocument, pdffonts, pdfinfo, pdfLinks, pdfOutline, pdftotextPages, renderPage, scripts, structureTypes } from '../../helpers/pdfTools';
import { has } from '../../helpers/externalNeeds';

// The PDF as a reader's tools see it (poppler), for a workshop written in many scripts.
// pdftotext gives right-to-left text back in logical order, wrapped in U+202B…U+202C embedding marks.

// With an emoji or other neutral at the end of a right-to-left line, poppler moves it to the front
// ("🎉🙂 مرحبا بالعالم"), so headings are compared per word.
const unembed = (text: string) => text.replace(/[\u202a-\u202e]/g, '');
const words = (text: string) => text.trim().split(/\s+/).sort().join(' ');

describe.runIf(has('the PDF checks through Poppler', 'poppler'))('PDF export in every script', () => {
  const document = multilingualDocument();
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await toPdf(document);
    pages = (await pdftotextPages(pdf)).map(unembed);
  });

  it('gives back every script: title, room topics, headings, bullets, tables and names', () => {
    const text = pages.join('\n');
    for (const sample of Object.values(scripts)) expect(text).toContain(sample);
    expect(pages[0]).toContain(document.title.replace(/[\u202a-\u202e]/g, ''));
    for (const name of ['Łucja Żółć', 'Gwenllïan Ŵyn', 'محمد علي', 'שרה כהן', 'Δημήτρης', 'Наталья']) expect(text).toContain(name);
    for (const topic of ['Łódź 🎉🙂', 'Caerdydd: Ŵyr ŷd']) expect(text).toContain(topic);
    expect(text).not.toContain('?ód?');
  });

  it('embeds every font it uses, and no Helvetica', async () => {
    const fonts = await pdffonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(
      ['NotoEmoji-Regular', 'NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-Regular', 'NotoSansArabic-Bold', 'NotoSansArabic-Regular', 'NotoSansHebrew-Bold', 'NotoSansHebrew-Regular'],
    );
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true });
    expect(fonts.some((f) => /helvetica/i.test(f.name))).toBe(false);
  });

  it('is tagged, with headings, lists, tables with header cells, and a figure-free text tree', async () => {
    expect(await pdfinfo(pdf)).toMatch(/^Tagged:\s+yes$/m);
    const types = new Set(await structureTypes(pdf));
    for (const type of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'TOC', 'TOCI', 'Link']) expect(types).toContain(type);
  });

  it('has a bookmark per heading, nested by level', async () => {
    const outline = await pdfOutline(pdf);
    const headings = document.blocks.flatMap((b) => (b.kind === 'heading' ? [b] : []));
    expect(outline.map((o) => o.title)).toEqual(['Contents', ...headings.map((h) => h.text)]);
    const arabic = outline.findIndex((o) => o.title === `${scripts.arabic} ${scripts.emoji}`);
    expect(outline.slice(arabic, arabic + 3).map((o) => o.depth)).toEqual([0, 1, 2]);
  });

  it('lists every H1 and H2 on the contents page with the page pdftotext finds it on', async () => {
    // In layout mode each contents line is the heading, then its page number at the right.
    const contents = ((await pdftotextPages(pdf, { layout: true }))[1] ?? '').split('\n').map(unembed);
    expect(contents[0]?.trim()).toBe('Contents');
    const listed = contents.filter((line) => !/Page \d+ of \d+/.test(line)).flatMap((line) => {
      const match = /^(.*?)\s+(\d+)\s*$/.exec(line.trim());
      return match ? [{ words: words(match[1] ?? ''), page: Number(match[2]) }] : [];
    });
    const entries = document.blocks.flatMap((b) => (b.kind === 'heading' && b.level <= 2 ? [b.text] : []));
    expect(listed.map((l) => l.words)).toEqual(entries.map(words));
    // Card texts repeat the room topics, so pdftotext alone cannot tell a heading from a card here:
    // check each entry's link goes to the page it prints, and that the heading is on that page.
    const links = (await pdfLinks(pdf)).filter((link) => link.page === 2);
    expect(links.map((link) => link.target)).toEqual(listed.map((l) => l.page));
    entries.forEach((heading, i) => {
      const page = pages[(listed[i]?.page ?? 0) - 1] ?? '';
      expect(page.split('\n').map(words), heading).toContain(words(heading));
    });
  });

  it('numbers every page but the first in the footer', () => {
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    pages.slice(1).forEach((page, i) => expect(page).toContain(`Page ${i + 2} of ${pages.length}`));
  });

  it('prints a character no font has as a visible replacement, never "?"', async () => {
    const text = (await pdftotextPages(await toPdf({ ...document, title: 'Title', blocks: [{ kind: 'paragraph', text: 'Ni hao 中文 ok' }] }))).join('\n');
    expect(text).toContain('Ni hao \ufffd\ufffd ok');
    expect(text).not.toContain('?');
  });

  it('renders page 1 to a non-blank PNG of A4 size', async () => {
    const page = await renderPage(pdf, 1, 50);
    expect(page.png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(Math.abs(page.width - (595.28 / 72) * 50)).toBeLessThan(1.5);
    expect(Math.abs(page.height - (841.89 / 72) * 50)).toBeLessThan(1.5);
    expect(page.inkedPixels).toBeGreaterThan(200);
  });
});
