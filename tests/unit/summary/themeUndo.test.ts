import { describe, expect, it } from 'vitest';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { addTheme, dismissTheme } from '../../../shared/summary/themeDecisions';
import { restoreTheme } from '../../../shared/summary/themeUndo';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';

describe('undoing "Remove theme"', () => {
  const summary = addTheme(addTheme(draftSummary(fixtureDraftInput()), 'Digital inclusion'), 'Peer support');

  it('puts the theme back where it was and forgets the dismissal', () => {
    const index = summary.themes.findIndex((t) => t.label === 'Digital inclusion');
    const theme = summary.themes[index]!;
    const removed = dismissTheme(summary, theme.id);
    expect(removed.dismissed.themeIds).toContain(theme.id);
    const restored = restoreTheme(removed, theme, index);
    expect(restored.themes).toEqual(summary.themes);
    expect(restored.dismissed).toEqual(summary.dismissed);
  });

  it('does nothing when the theme is already back, and clamps a position that no longer exists', () => {
    const theme = summary.themes.at(-1)!;
    expect(restoreTheme(summary, theme, 0)).toBe(summary);
    const shorter = { ...dismissTheme(summary, theme.id), themes: [] };
    expect(restoreTheme(shorter, theme, 99).themes).toEqual([theme]);
  });
});
