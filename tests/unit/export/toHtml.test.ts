import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../../server/export/toHtml';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
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
    // The reader still sees exactly what the participant typed (in messages, actions and appendix).
    const shown = [...doc.querySelectorAll('li, td')].filter((el) => el.textContent?.startsWith(attack));
    expect(shown.length).toBeGreaterThanOrEqual(3);
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
