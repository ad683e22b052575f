import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { toPdf } from '../../../server/export/toPdf';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
import { pdfPageTexts } from '../../helpers/pdfText';
import { figureAlts, headingPlaces, pdftotextPages, renderPage, structureTypes } from '../../helpers/pdfTools';
import { keyMessageTexts, summaryBlocks, documentOf } from '../../helpers/summaryBlocks';
import { has } from '../../helpers/externalNeeds';

const poppler = has('three PDF checks through Poppler', 'poppler');

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('toPdf', () => {
  const fixture = loadFixture();

  it('prints the headings and every key message over several pages', async () => {
    const blocks = summaryBlocks();
    const buffer = await toPdf(documentOf(blocks));
    expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPageTexts(buffer);
    expect(pages.length).toBeGreaterThan(2);
    const text = pages.join(' ');
    expect(text).toContain(fixture.event.title);
    expect(text).toContain('18 June 2021');
    for (const section of fixture.expectedInSummary.sections) expect(text).toContain(section);
    for (const room of fixture.expectedInSummary.groupHeadings) expect(text).toContain(room);
    const messages = keyMessageTexts(blocks);
    expect(messages.length).toBeGreaterThan(30);
    for (const message of messages) expect(text).toContain(squash(message));
    expect(text).toContain(fixture.event.agenda[3]?.who ?? '?');
  });

  it.runIf(poppler)('draws text the old standard fonts could not, and drops control characters', async () => {
    const input = fixtureDraftInput(fixture);
    const cardId = cardIdByText(input, 'The dedication and hard work');
    const hostile = withCardText(input, cardId, 'Thank you \u{1F642} to the carers\u0001 \u2192 caf\u00e9 \u2013 done');
    const text = (await pdftotextPages(await toPdf(documentOf(summaryBlocks(hostile))))).join(' ');
    // No font has the arrow: it prints as the visible replacement character.
    expect(squash(text)).toContain('Thank you \u{1F642} to the carers \ufffd café – done');
  });

  it.runIf(poppler)('keeps headings with what follows and puts each on the page its contents entry says', async () => {
    const blocks = summaryBlocks();
    const pages = await pdftotextPages(await toPdf(documentOf(blocks)));
    const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [b] : []));
    const found = headingPlaces(pages, headings.map((h) => h.text), (line, heading) => line.trim() === heading, 2);
    const contents = (pages[1] ?? '').split('\n').map((l) => l.trim());
    const isFurniture = (line: string) => !line.trim() || /^Page \d+ of \d+$/.test(line.trim()) || line.startsWith('Made with Roundtable');
    headings.forEach((heading, i) => {
      const place = found[i];
      expect(place, heading.text).toBeDefined();
      if (!place) return;
      // Something of the next block follows the heading on its page.
      const after = (pages[place.page - 1] ?? '').split('\n').slice(place.line + 1);
      expect(after.some((line) => !isFurniture(line)), `stranded at the foot: ${heading.text}`).toBe(true);
      if (heading.level > 2) return;
      // pdftotext prints an entry's number right after its title.
      const at = contents.indexOf(heading.text);
      expect(contents.slice(at + 1).find((l) => /^\d+$/.test(l)), heading.text).toBe(String(place.page));
    });
  });

  it.runIf(poppler)('draws the logo on the title block as a Figure with its alternative text', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#2b6cb0"/><circle cx="60" cy="60" r="40" fill="#f6ad55"/></svg>';
    const png = new Resvg(svg).render().asPng();
    const document = { ...documentOf(summaryBlocks()), logo: { bytes: png, mime: 'image/png' as const, width: 240, height: 120, alt: 'Cyngor Caerdydd' } };
    const pdf = await toPdf(document);
    expect(await structureTypes(pdf)).toContain('Figure');
    expect(await figureAlts(pdf)).toContain('Cyngor Caerdydd');
    const page = await renderPage(pdf, 1, 50);
    expect(page.inkedPixels).toBeGreaterThan(1000);
  });
});
