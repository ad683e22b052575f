import { describe, expect, it } from 'vitest';
import { pdfSafe, toPdf } from '../../../server/export/toPdf';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
import { pdfPageTexts } from '../../helpers/pdfText';
import { keyMessageTexts, summaryBlocks, documentOf } from '../../helpers/summaryBlocks';

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

  it('survives text the standard fonts cannot draw', async () => {
    const input = fixtureDraftInput(fixture);
    const cardId = cardIdByText(input, 'The dedication and hard work');
    const hostile = withCardText(input, cardId, 'Thank you \u{1F642} to the carers\u0001 \u2192 caf\u00e9 \u2013 done');
    const text = (await pdfPageTexts(await toPdf(documentOf(summaryBlocks(hostile))))).join(' ');
    expect(text).toContain('Thank you ? to the carers ? café – done');
    expect(pdfSafe('€ “quoted” …')).toBe('€ “quoted” …');
  });
});
