import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { stripControlChars } from '../../../server/export/plainText';
import { toDocx } from '../../../server/export/toDocx';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
import { keyMessageTexts, summaryBlocks, documentOf } from '../../helpers/summaryBlocks';

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('no word/document.xml');
  return file.async('string');
}

function parseXml(xml: string): Document {
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  if (doc.getElementsByTagName('parsererror').length) throw new Error('invalid XML');
  return doc;
}

/** Paragraphs as [style, text], read from the parsed XML. */
function paragraphs(doc: Document): { style: string; text: string; numbered: boolean }[] {
  return [...doc.getElementsByTagName('w:p')].map((p) => ({
    style: p.getElementsByTagName('w:pStyle')[0]?.getAttribute('w:val') ?? '',
    text: [...p.getElementsByTagName('w:t')].map((t) => t.textContent).join(''),
    numbered: p.getElementsByTagName('w:numPr').length > 0,
  }));
}

describe('toDocx', () => {
  const fixture = loadFixture();
  const blocks = summaryBlocks();

  it('writes real heading styles, bullet lists and tables', async () => {
    const doc = parseXml(await documentXml(await toDocx(documentOf(blocks))));
    const paras = paragraphs(doc);
    const withStyle = (style: string) => paras.filter((p) => p.style === style).map((p) => p.text);
    expect(withStyle('Title')).toEqual([fixture.event.title]);
    for (const section of [...fixture.expectedInSummary.sections, 'Cross-cutting themes']) expect(withStyle('Heading1')).toContain(section);
    for (const room of fixture.expectedInSummary.groupHeadings) expect(withStyle('Heading2')).toContain(room);
    expect(withStyle('Heading3')).toContain('What worked well during the last year?');

    const bulleted = paras.filter((p) => p.numbered).map((p) => p.text);
    for (const message of keyMessageTexts(blocks)) expect(bulleted.some((t) => t.startsWith(message))).toBe(true);

    const tables = [...doc.getElementsByTagName('w:tbl')];
    const agenda = tables.find((t) => t.textContent?.includes(fixture.event.agenda[0]?.item ?? '?'));
    expect(agenda?.getElementsByTagName('w:tr')).toHaveLength(fixture.event.agenda.length + 1);
    expect(tables.some((t) => t.textContent?.startsWith('WhatWhoWhen'))).toBe(true);
  });

  it('still writes valid XML when a card holds control characters', async () => {
    const input = fixtureDraftInput(fixture);
    const cardId = cardIdByText(input, 'The dedication and hard work');
    const xml = await documentXml(await toDocx(documentOf(summaryBlocks(withCardText(input, cardId, 'Bell\u0001and\u000bvertical\u001ftab & <co>')))));
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const texts = paragraphs(parseXml(xml)).map((p) => p.text);
    expect(texts.some((t) => t.startsWith('Bellandverticaltab & <co>'))).toBe(true);
  });

  it('strips every character XML 1.0 forbids, and keeps tabs, newlines and emoji', () => {
    expect(stripControlChars('a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh')).toBe('abcdefgh');
    expect(stripControlChars('lone \ud800 and \udc00 surrogates')).toBe('lone  and  surrogates');
    expect(stripControlChars('tab\tline\nreturn\r smile \u{1F642}')).toBe('tab\tline\nreturn\r smile \u{1F642}');
  });
});
