import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toDocx } from '../../../server/export/toDocx';
import { escapeHtml, toHtml } from '../../../server/export/toHtml';
import { escapeMarkdown, toMarkdown } from '../../../server/export/toMarkdown';
import { toPdf } from '../../../server/export/toPdf';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import { addFreeSection, parseFreeText, removeSection } from '../../../shared/summary/sections';
import { pdfPageTexts } from '../../helpers/pdfText';
import { lessonsLearnedInput, lessonsQuestions, documentOf } from '../../helpers/summaryBlocks';

// Every export follows the workshop's own shape: a non-AI, four-question event laid out by question,
// with a free section, exports its questions and second fields and nothing of the AI template.

const squash = (text: string) => text.replace(/\s+/g, ' ');
const aiTrace = /appreciativ|thinking appreciatively|\bAI\b|strengths-based/i;

async function docxText(buffer: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(buffer)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
}

describe('exports of a four-question lessons-learned event', () => {
  const summary = addFreeSection(
    removeSection(draftSummary(lessonsLearnedInput({ summaryLayout: 'by-question' })), 'participation'),
    'Top 10 lessons',
    parseFreeText('- Keep the daily huddles'),
    5,
  );
  const blocks = renderSummaryDocument(summary);
  const expected = [
    ...lessonsQuestions.flatMap((q) => [q.prompt, q.secondField]),
    'Top 10 lessons',
    'Keep the daily huddles',
    'How the workshop worked',
    'Housing: lesson 4',
    'Hospital discharge: why 2',
  ];

  it('Markdown', () => {
    const md = toMarkdown(documentOf(blocks));
    for (const text of expected) expect(md).toContain(escapeMarkdown(text));
    expect(md).toContain(`## ${escapeMarkdown(lessonsQuestions[0]!.prompt)}`);
    expect(md).not.toMatch(aiTrace);
    expect(md).not.toContain('Participation');
  });

  it('HTML', () => {
    const html = toHtml(documentOf(blocks));
    for (const text of expected) expect(html).toContain(escapeHtml(text));
    expect(html).not.toMatch(aiTrace);
  });

  it('Word', async () => {
    const text = await docxText(await toDocx(documentOf(blocks)));
    for (const t of expected) expect(text.replace(/&apos;/g, "'")).toContain(t);
    expect(text).not.toMatch(aiTrace);
  });

  it('PDF', async () => {
    const text = (await pdfPageTexts(await toPdf(documentOf(blocks)))).join(' ');
    for (const t of expected) expect(squash(text)).toContain(squash(t));
    expect(text).not.toMatch(aiTrace);
  });
});
