import { describe, expect, it } from 'vitest';
import { HeadingAnchors } from '../../../server/export/documentParts';
import { escapeMarkdown, toMarkdown } from '../../../server/export/toMarkdown';
import { sourceLine, type DocBlock } from '../../../shared/summary/docBlocks';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
import { multilingualDocument, scripts } from '../../helpers/multilingualDocument';
import { summaryBlocks, documentOf } from '../../helpers/summaryBlocks';

describe('toMarkdown', () => {
  const fixture = loadFixture();

  it('writes the sections as headings, messages as bullets and the agenda as a table', () => {
    const md = toMarkdown(documentOf(summaryBlocks()));
    const lines = md.split('\n');
    expect(lines[0]).toBe(`# ${escapeMarkdown(fixture.event.title)}`);
    for (const section of fixture.expectedInSummary.sections) expect(lines).toContain(`## ${section}`);
    for (const room of fixture.expectedInSummary.groupHeadings) expect(lines).toContain(`### ${room}`);
    expect(lines).toContain('| Item | Who |');
    expect(lines).toContain('- Relationships between practitioners and providers improved; conversations were more open, more flexible and less formal  ');
  });

  it('keeps card text from becoming markup', () => {
    const input = fixtureDraftInput(fixture);
    const hostile = '# Heading [link](javascript:alert(1)) <b>bold</b> | pipe\nsecond line';
    const md = toMarkdown(documentOf(summaryBlocks(withCardText(input, cardIdByText(input, 'Ensure true flexible'), hostile))));
    const escaped = '\\# Heading \\[link\\](javascript:alert(1)) \\<b\\>bold\\</b\\> \\| pipe second line';
    expect(md).toContain(`- ${escaped}`);
    expect(md).not.toContain('[link](');
    expect(md).not.toContain('<b>');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
  });
});

describe('toMarkdown for publication', () => {
  const document = multilingualDocument();
  const md = toMarkdown(document);
  const lines = md.split('\n');

  it('puts a Contents list of section and group links after the title block, with the anchors GitHub gives headings', () => {
    const at = lines.indexOf('## Contents');
    expect(lines.slice(0, at)).toEqual([`# ${escapeMarkdown(document.title)}`, '', '**1 marca 2024**', '']);
    expect(lines.slice(at + 2, at + 7)).toEqual([
      '- [Kluczowe wiadomości — Łódź](#kluczowe-wiadomości--łódź)',
      '  - [Ystafell Ŵyr ŷd](#ystafell-ŵyr-ŷd)',
      '  - [غرفة مرحبا](#غرفة-مرحبا)',
      '  - [חדר שלום](#חדר-שלום)',
      '- [Next steps](#next-steps)',
    ]);
  });

  it('numbers repeated headings as GitHub does, counting the title and Contents, and keeps heading text from becoming a link', () => {
    const blocks: DocBlock[] = [
      { kind: 'title', text: 'Workforce' },
      { kind: 'heading', level: 1, text: 'Contents' },
      { kind: 'heading', level: 2, text: 'Workforce' },
      { kind: 'heading', level: 1, text: '[x](javascript:alert(1))' },
      { kind: 'heading', level: 2, text: '🎉' },
    ];
    const contents = toMarkdown(documentOf(blocks)).split('## Contents\n\n')[1]!.split('\n\n')[0];
    expect(contents).toBe(['- [Contents](#contents-1)', '  - [Workforce](#workforce-1)', '- [\\[x\\](javascript:alert(1))](#xjavascriptalert1)', '  - [🎉](#section)'].join('\n'));
    const anchors = new HeadingAnchors();
    expect(['a', 'a', 'a-1', 'a'].map((t) => anchors.next(t))).toEqual(['a', 'a-1', 'a-1-1', 'a-2']);
  });

  it('lists source cards under their item and in a Sources column, ends with the provenance, and leaves the logo out', () => {
    const [welsh, emoji] = document.blocks.flatMap((b) => (b.kind === 'bullets' ? (b.items[0]?.sources ?? []) : []));
    const item = lines.indexOf(`- ${escapeMarkdown(scripts.polish)}  `);
    expect(lines.slice(item + 2, item + 4)).toEqual([`  - ${escapeMarkdown(sourceLine(welsh!))}`, `  - ${escapeMarkdown(sourceLine(emoji!))}`]);
    expect(lines).toContain('| What | Who | When | Sources |');
    expect(lines).toContain(`| ${escapeMarkdown(scripts.emoji)} | ${scripts.hebrew} | May | ${escapeMarkdown(sourceLine(emoji!))} |`);
    expect(lines.slice(-4)).toEqual(['---', '', `_${escapeMarkdown(document.provenance)}_`, '']);
    expect(md).not.toContain(document.logo!.alt);
    expect(md).not.toContain('data:');
  });
});
