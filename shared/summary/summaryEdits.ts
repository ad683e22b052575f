import type { Action, EventSummary, Theme } from './summaryModel';
import { draftedActionId, promotedActionId } from './nextSteps';
import { requireMessage, summaryCards } from './summaryLookup';

// Facilitators' edits to themes, next steps and the summary's free text. Pure, like synthesis.ts.

/** Makes a key message a cross-cutting theme, keeping its source cards. Promoting twice is a no-op. */
export function promoteToTheme(summary: EventSummary, messageId: string): EventSummary {
  const { message, roomId } = requireMessage(summary, messageId);
  const id = `theme-from-${messageId}`;
  if (summary.themes.some((t) => t.id === id)) return summary;
  const cards = summaryCards(summary);
  const roomIds = [...new Set([roomId, ...message.sourceCardIds.map((c) => cards.get(c)?.roomId ?? roomId)])];
  const theme: Theme = {
    id,
    label: message.text,
    description: '',
    sourceCardIds: message.sourceCardIds,
    roomIds,
    votes: message.votes,
    edited: true,
    origin: 'facilitator',
  };
  return { ...summary, themes: [...summary.themes, theme] };
}

/**
 * Makes a key message (of any question) a next-step action, keeping its source cards. Promoting twice
 * is a no-op, and so is promoting a last-question message whose action was already drafted.
 */
export function promoteToNextStep(summary: EventSummary, messageId: string): EventSummary {
  const { message } = requireMessage(summary, messageId);
  const id = promotedActionId(messageId);
  const existing = new Set([id, draftedActionId(messageId)]);
  if (summary.nextSteps.actions.some((a) => existing.has(a.id))) return summary;
  const action: Action = { id, what: message.text, who: '', when: '', sourceCardIds: message.sourceCardIds, edited: true, origin: 'facilitator' };
  return { ...summary, nextSteps: { ...summary.nextSteps, actions: [...summary.nextSteps.actions, action] } };
}

export function editTheme(summary: EventSummary, themeId: string, patch: Partial<Pick<Theme, 'label' | 'description'>>): EventSummary {
  return { ...summary, themes: patchById(summary.themes, themeId, patch) };
}

export function editAction(summary: EventSummary, actionId: string, patch: Partial<Pick<Action, 'what' | 'who' | 'when'>>): EventSummary {
  return { ...summary, nextSteps: { ...summary.nextSteps, actions: patchById(summary.nextSteps.actions, actionId, patch) } };
}

/** Removes a theme; a drafted one is remembered as dismissed so re-drafting does not bring it back. */
export function removeTheme(summary: EventSummary, themeId: string): EventSummary {
  return {
    ...summary,
    themes: summary.themes.filter((t) => t.id !== themeId),
    dismissed: { ...summary.dismissed, themeIds: [...summary.dismissed.themeIds, themeId] },
  };
}

export function removeAction(summary: EventSummary, actionId: string): EventSummary {
  return {
    ...summary,
    nextSteps: { ...summary.nextSteps, actions: summary.nextSteps.actions.filter((a) => a.id !== actionId) },
    dismissed: { ...summary.dismissed, actionIds: [...summary.dismissed.actionIds, actionId] },
  };
}

export type SummaryTextField = 'sessionNotes' | 'closingText' | 'thinkingIntro' | 'method';

export function setSummaryText(summary: EventSummary, field: SummaryTextField, text: string): EventSummary {
  switch (field) {
    case 'sessionNotes':
      return { ...summary, sessionNotes: text };
    case 'closingText':
      return { ...summary, nextSteps: { ...summary.nextSteps, closingText: text } };
    case 'thinkingIntro':
      return { ...summary, thinkingAppreciatively: { ...summary.thinkingAppreciatively, intro: text } };
    case 'method':
      return { ...summary, appendix: { ...summary.appendix, method: text } };
  }
}

function patchById<T extends { id: string; edited: boolean }>(items: readonly T[], id: string, patch: Partial<NoInfer<T>>): T[] {
  if (!items.some((item) => item.id === id)) throw new Error(`Nothing to edit with id ${id}`);
  return items.map((item) => (item.id === id ? { ...item, ...patch, edited: true } : item));
}
