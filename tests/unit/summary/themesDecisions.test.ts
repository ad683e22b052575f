import { describe, expect, it } from 'vitest';
import { renderSummaryDocument, sectionHeadings } from '../../../shared/summary/documentModel';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import { draftSummary } from '../../../shared/summary/draftSummary';
import type { EventSummary } from '../../../shared/summary/summaryModel';
import { acceptTheme, addTheme, describeTheme, dismissTheme, printedThemes } from '../../../shared/summary/themeDecisions';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';

const input = fixtureDraftInput();
const draft = draftSummary(input);
const id = (label: string): string => draft.themes.find((t) => t.label === label)?.id ?? '';

/** The text of the "Cross-cutting themes" section of the rendered document. */
function themesSection(summary: EventSummary): string {
  const blocks = renderSummaryDocument(summary);
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === sectionHeadings.themes);
  const section: DocBlock | undefined = blocks[start + 1];
  return JSON.stringify(section);
}

describe('deciding about suggested themes', () => {
  it('drafts themes as suggestions that nothing prints', () => {
    expect(draft.themes.length).toBeGreaterThan(0);
    expect(draft.themes.every((t) => t.status === 'suggested' && t.origin === 'drafted')).toBe(true);
    expect(printedThemes(draft)).toEqual([]);
  });

  it('leaves suggestions out of the document and exports of an undecided draft', () => {
    const section = themesSection(draft);
    for (const theme of draft.themes) expect(section).not.toContain(theme.label);
    expect(section).toContain('No cross-cutting themes identified.');
  });

  it('prints a theme once accepted or described, and keeps it on re-draft', () => {
    let shaped = acceptTheme(draft, id('Voluntary sector'));
    shaped = describeTheme(shaped, id('Digital technology'), { description: 'Keep what worked online' });
    expect(printedThemes(shaped).map((t) => t.label)).toEqual(['Voluntary sector', 'Digital technology']);
    expect(themesSection(shaped)).toContain('Digital technology: Keep what worked online');
    const redrafted = draftSummary(input, shaped);
    expect(printedThemes(redrafted).map((t) => [t.label, t.status])).toEqual([
      ['Voluntary sector', 'accepted'],
      ['Digital technology', 'accepted'],
    ]);
    expect(redrafted.themes.find((t) => t.label === 'Shorter packages of care')?.status).toBe('suggested');
  });

  it('keeps a dismissed suggestion dismissed on re-draft', () => {
    const dismissed = dismissTheme(draft, id('Shorter packages of care'));
    expect(dismissed.themes.map((t) => t.label)).not.toContain('Shorter packages of care');
    expect(draftSummary(input, dismissed).themes.map((t) => t.label)).not.toContain('Shorter packages of care');
    expect(() => dismissTheme(draft, 'nope')).toThrow();
  });

  it('adds a theme by hand, printed and kept on re-draft', () => {
    const added = addTheme(draft, '  Joint working with the NHS ', 'Across all four groups');
    const theme = added.themes.at(-1);
    expect(theme).toMatchObject({ label: 'Joint working with the NHS', description: 'Across all four groups', origin: 'facilitator', status: 'accepted' });
    expect(printedThemes(added)).toEqual([theme]);
    expect(draftSummary(input, added).themes).toContainEqual(theme);
    expect(addTheme(draft, '   ')).toBe(draft);
  });

  it('still prints themes stored before suggestions existed (no status)', () => {
    const old = { ...draft, themes: draft.themes.map(({ status: _status, ...t }) => t) };
    expect(printedThemes(old)).toHaveLength(draft.themes.length);
  });
});
