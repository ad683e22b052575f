import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sourceLine } from '../../../shared/summary/docBlocks';
import { toHtml } from '../../../server/export/toHtml';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
import { multilingualDocument, multilingualHeadings, scripts } from '../../helpers/multilingualDocument';
import { summaryBlocks, documentOf } from '../../helpers/summaryBlocks';

describe('toHtml', () => {
  const fixture = loadFixture();
  const input = fixtureDraftInput(fixture);
  const attack = '<script>alert(1)</script> "quoted" <img src=x onerror=alert(2)>';
  const html = toHtml(documentOf(summaryBlocks(withCardText(input, cardIdByText(input, 'Ensure true flexible'), attack))));
  const doc = new JSDOM(html).window.document;

  it('renders a card holding markup as inert, escaped text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    // The reader still sees exactly what the participant typed (in messages, actions, sources and appendix).
    const shown = (selector: string) => [...doc.querySelectorAll(selector)].filter((el) => el.textContent?.includes(attack)).length;
    expect(shown('td')).toBeGreaterThanOrEqual(1);
    expect(shown('ul.sources li')).toBeGreaterThanOrEqual(2);
    expect(shown('li:not(.sources li)')).toBeGreaterThanOrEqual(2);
  });

  it('is a complete printable page with the summary structure', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.title).toBe(fixture.event.title);
    expect(doc.querySelector('style')?.textContent).toContain('@media print');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
    const h2 = [...doc.querySelectorAll('h2')].map((h) => h.textContent);
    for (const section of fixture.expectedInSummary.sections) expect(h2).toContain(section);
    const h3 = [...doc.querySelectorAll('h3')].map((h) => h.textContent);
    for (const room of fixture.expectedInSummary.groupHeadings) expect(h3).toContain(room);
    const agendaRows = [...doc.querySelectorAll('table')][0]?.querySelectorAll('tbody tr');
    expect(agendaRows).toHaveLength(fixture.event.agenda.length);
    expect(doc.querySelectorAll('ol li')).toHaveLength(fixture.template.questions.length);
  });
});

describe('toHtml for publication', () => {
  const document = multilingualDocument();
  const html = toHtml(document);
  const doc = new JSDOM(html).window.document;
  const texts = (selector: string) => [...doc.querySelectorAll(selector)].map((el) => el.textContent);

  it('declares the language and title, and links every section and group from a Contents list', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('pl-PL');
    expect(doc.title).toBe(document.title);
    const nav = doc.querySelector('nav[aria-label="Contents"]');
    const { section, room, arabicRoom, hebrewRoom } = multilingualHeadings;
    const links = [...(nav?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.textContent)).toEqual([section, room, arabicRoom, hebrewRoom, 'Next steps']);
    // Each link lands on its heading, and groups nest under their section.
    expect(links.map((a) => doc.getElementById(decodeURIComponent(a.getAttribute('href')!.slice(1)))?.textContent)).toEqual(links.map((a) => a.textContent));
    expect(nav?.querySelector('li > ul a')?.textContent).toBe(room);
    const ids = [...doc.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the logo as a PNG data URI at most 80 px (60 pt) high, with its alternative text', () => {
    const img = doc.querySelector('img.logo');
    expect(img?.getAttribute('alt')).toBe(document.logo?.alt);
    expect(img?.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['160', '80']);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain('img-src data:');
    expect(toHtml({ ...document, logo: { ...document.logo!, mime: 'image/svg+xml' as 'image/png' } })).not.toMatch(/<img/);
  });

  it('sets Arabic and Hebrew text right to left and leaves the rest in the page direction', () => {
    expect(doc.documentElement.getAttribute('dir')).toBe('ltr');
    const rtl = texts('[dir="rtl"]');
    for (const text of [scripts.arabic, scripts.hebrew, multilingualHeadings.arabicRoom, multilingualHeadings.hebrewRoom]) expect(rtl).toContain(text);
    expect(rtl).not.toContain(scripts.polish);
    const arabicPage = new JSDOM(toHtml({ ...document, title: scripts.arabic })).window.document;
    expect(arabicPage.documentElement.getAttribute('dir')).toBe('rtl');
    expect(arabicPage.querySelector('h2[dir="ltr"]')?.textContent).toBe(multilingualHeadings.section);
    // Inside an Arabic item, its Latin note says it is left to right.
    const arabicItem = new JSDOM(toHtml({ ...document, blocks: [{ kind: 'bullets', items: [{ text: scripts.arabic, note: 'From 1 card' }] }] })).window.document;
    expect(arabicItem.querySelector('li[dir="rtl"] > span.note[dir="ltr"]')?.textContent).toBe('From 1 card');
  });

  it('lists source cards under their item and in a Sources column, and ends with the provenance', () => {
    const [welsh, emoji] = document.blocks.flatMap((b) => (b.kind === 'bullets' ? (b.items[0]?.sources ?? []) : []));
    const item = [...doc.querySelectorAll('li')].find((li) => li.firstChild?.textContent === scripts.polish);
    expect([...(item?.querySelectorAll('ul.sources > li') ?? [])].map((li) => li.textContent)).toEqual([sourceLine(welsh!), sourceLine(emoji!)]);
    expect(texts('th')).toEqual(['What', 'Who', 'When', 'Sources']);
    expect(texts('td ul.sources li')).toEqual([sourceLine(emoji!)]);
    expect(doc.querySelector('body > footer')?.textContent?.trim()).toBe(document.provenance);
  });
});
