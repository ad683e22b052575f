import { documentOf } from '../../helpers/summaryBlocks';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { toDocx } from '../../../server/export/toDocx';
import { toHtml } from '../../../server/export/toHtml';
import { toMarkdown } from '../../../server/export/toMarkdown';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';

describe('participation chart', () => {
  const blocks = renderSummaryDocument(draftSummary(fixtureDraftInput()));
  const chart = blocks.find((b): b is Extract<DocBlock, { kind: 'chart' }> => b.kind === 'chart')!;

  it('the summary charts cards per group, from the boards', () => {
    expect(chart.bars).toEqual([
      { label: 'Provider market', value: 10 },
      { label: 'Co-production and building community resilience', value: 9 },
      { label: 'Workforce', value: 11 },
      { label: 'Partnerships', value: 5 },
    ]);
  });

  it('is drawn in HTML with proportional bars, and as text bars in Markdown and Word', async () => {
    const html = toHtml(documentOf([chart]));
    expect(html).toContain('style="width:100%"');
    expect(html).toContain('style="width:45%"');
    const md = toMarkdown(documentOf([chart]));
    expect(md).toContain(`Workforce: \`${'\u2588'.repeat(20)}\` 11 cards`);
    const xml = await (await JSZip.loadAsync(await toDocx(documentOf([chart])))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Cards written by each group');
    expect(xml).toContain('<w:tbl>');
  });
});
