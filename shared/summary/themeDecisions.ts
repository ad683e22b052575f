import type { EventSummary, Theme } from './summaryModel';
import { removeTheme } from './summaryEdits';

// What a facilitator decides about cross-cutting themes. Drafted themes arrive `suggested` and are not
// printed; accepting, rewording or describing one makes it part of the summary. Pure, like synthesis.ts.
// No NLP here: the client imports this file, and the tagger (phrases.ts) stays on the server.

/** Printed in the document and exports: everything but undecided suggestions (old themes have no status). */
export function isPrintedTheme(theme: Pick<Theme, 'status'>): boolean {
  return theme.status !== 'suggested';
}

export function printedThemes(summary: Pick<EventSummary, 'themes'>): Theme[] {
  return summary.themes.filter(isPrintedTheme);
}

function requireTheme(summary: EventSummary, themeId: string): Theme {
  const theme = summary.themes.find((t) => t.id === themeId);
  if (!theme) throw new Error(`No theme with id ${themeId}`);
  return theme;
}

function replaceTheme(summary: EventSummary, themeId: string, patch: Partial<Theme>): EventSummary {
  requireTheme(summary, themeId);
  return { ...summary, themes: summary.themes.map((t) => (t.id === themeId ? { ...t, ...patch } : t)) };
}

/** Accepts a suggestion as it is; re-drafting keeps it (reconcile.ts). */
export function acceptTheme(summary: EventSummary, themeId: string): EventSummary {
  return replaceTheme(summary, themeId, { status: 'accepted' });
}

/** A facilitator's label or description; describing a suggestion accepts it. Empty labels are ignored. */
export function describeTheme(summary: EventSummary, themeId: string, patch: { label?: string; description?: string }): EventSummary {
  const label = patch.label?.trim();
  const description = patch.description?.trim();
  return replaceTheme(summary, themeId, {
    ...(label ? { label } : {}),
    ...(description !== undefined ? { description } : {}),
    edited: true,
    status: 'accepted',
  });
}

/** Removes a theme; a drafted one stays dismissed on re-draft (summaryEdits.removeTheme). */
export function dismissTheme(summary: EventSummary, themeId: string): EventSummary {
  requireTheme(summary, themeId);
  return removeTheme(summary, themeId);
}

/** A theme written by hand, with no cards behind it; printed at once. */
export function addTheme(summary: EventSummary, label: string, description = ''): EventSummary {
  const text = label.trim();
  if (!text) return summary;
  let n = summary.themes.length + 1;
  while (summary.themes.some((t) => t.id === `theme-by-hand-${n}`)) n++;
  const theme: Theme = {
    id: `theme-by-hand-${n}`,
    label: text,
    description: description.trim(),
    sourceCardIds: [],
    roomIds: [],
    votes: 0,
    edited: true,
    origin: 'facilitator',
    status: 'accepted',
  };
  return { ...summary, themes: [...summary.themes, theme] };
}
