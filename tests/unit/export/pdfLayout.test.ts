import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import { toPdf } from '../../../server/export/toPdf';
import { pdfinfo, pdftotextPages } from '../../helpers/pdfTools';
import { documentOf } from '../../helpers/summaryBlocks';
import { has } from '../../helpers/externalNeeds';

// Page-breaking of tables and long text, read back with pdftotext.

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe.runIf(has('the PDF layout checks through Poppler', 'poppler'))('PDF layout', () => {
  it('repeats a long table’s header on every page it continues on, tagged once', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => [`Action ${i + 1}`, `Owner ${i + 1}`]);
    const blocks: DocBlock[] = [{ kind: 'title', text: 'Actions' }, { kind: 'heading', level: 1, text: 'Next steps' }, { kind: 'table', header: ['What', 'Who'], rows }];
    const pdf = await toPdf(documentOf(blocks));
    const pages = (await pdftotextPages(pdf)).slice(2);
    const tablePages = pages.filter((p) => /Action \d+/.test(p));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const page of tablePages) expect(page.split('\n').map((l) => l.trim())).toEqual(expect.arrayContaining(['What', 'Who']));
    const text = squash(pages.join('\n'));
    for (const [what, who] of rows) expect(text).toContain(`${what} ${who}`);
    // The repeats are artifacts: the structure tree holds the header cells once.
    expect((await pdfinfo(pdf, { struct: true })).match(/^\s*TH\b/gm)).toHaveLength(2);
  });

  it('splits a row taller than a page across pages without losing a line', async () => {
    const long = Array.from({ length: 700 }, (_, i) => `line${i + 1}`).join(' ');
    const blocks: DocBlock[] = [{ kind: 'title', text: 'Tall' }, { kind: 'heading', level: 1, text: 'Table' }, { kind: 'table', header: ['Text', 'Note'], rows: [[long, 'short']] }];
    const pages = await pdftotextPages(await toPdf(documentOf(blocks)));
    expect(pages.length).toBeGreaterThan(3);
    const text = squash(pages.join(' '));
    for (let i = 1; i <= 700; i++) expect(text).toContain(`line${i} `);
    expect(pages.slice(3).every((page) => page.includes('Text'))).toBe(true);
  });

  it('breaks a word longer than the line instead of running off the page', async () => {
    const word = 'x'.repeat(400);
    const blocks: DocBlock[] = [{ kind: 'title', text: 'Long' }, { kind: 'paragraph', text: word }];
    const text = (await pdftotextPages(await toPdf(documentOf(blocks)))).join('');
    expect(text.replace(/[^x]/g, '')).toHaveLength(400);
  });
});
