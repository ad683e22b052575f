import { describe, expect, it } from 'vitest';
import { escapeMarkdown, toMarkdown } from '../../../server/export/toMarkdown';
import { cardIdByText, fixtureDraftInput, loadFixture, withCardText } from '../../helpers/fixtureBoards';
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
