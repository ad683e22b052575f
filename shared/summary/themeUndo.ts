import type { EventSummary, Theme } from './summaryModel';

/**
 * Undo of removing a theme: puts it back where it was and forgets that it was dismissed (so re-drafting may
 * refresh it again). If the theme is back already (someone re-added it), nothing changes.
 */
export function restoreTheme(summary: EventSummary, theme: Theme, index: number): EventSummary {
  if (summary.themes.some((t) => t.id === theme.id)) return summary;
  const at = Math.max(0, Math.min(index, summary.themes.length));
  return {
    ...summary,
    themes: [...summary.themes.slice(0, at), theme, ...summary.themes.slice(at)],
    dismissed: { ...summary.dismissed, themeIds: summary.dismissed.themeIds.filter((id) => id !== theme.id) },
  };
}
