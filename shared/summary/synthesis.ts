import type { EventSummary, KeyMessage, MergeSuggestion, SuggestionStatus } from './summaryModel';
import { leadCard, messageFromCard } from './keyMessages';
import { syncActions } from './nextSteps';
import { allMessages, mapQuestions, requireMessage, summaryCards } from './summaryLookup';

// What facilitators do to a draft: merge, split, accept or reject suggestions, edit and reorder.
// Every operation is pure: it returns a new summary and leaves the given one untouched.
// Themes, actions and free text are edited with summaryEdits.ts (re-exported here).
export * from './summaryEdits';

function afterMessagesChanged(summary: EventSummary): EventSummary {
  const cards = summaryCards(summary);
  return syncActions(summary, (id) => cards.has(id));
}

/**
 * Merges key messages into one that keeps every source card (provenance) and sums their votes.
 * It takes the place of the first message given; without `text` it reads as the most-voted one.
 */
export function mergeMessages(summary: EventSummary, messageIds: readonly string[], text?: string): EventSummary {
  const ids = [...new Set(messageIds)];
  if (ids.length < 2) return summary;
  const parts = ids.map((id) => requireMessage(summary, id).message);
  const first = parts[0] as KeyMessage;
  const wording = [...parts].sort((a, b) => b.votes - a.votes)[0] ?? first;
  const sourceCardIds = [...new Set(parts.flatMap((m) => m.sourceCardIds))];
  const merged: KeyMessage = {
    id: `merged-${[...sourceCardIds].sort().join('+')}`,
    text: text ?? wording.text,
    sourceCardIds,
    votes: parts.reduce((sum, m) => sum + m.votes, 0),
    edited: text !== undefined || wording.edited,
    order: first.order,
  };
  const absorbed = new Set(ids.slice(1));
  const withMerge = mapQuestions(summary, (q) =>
    q.messages.some((m) => ids.includes(m.id))
      ? { ...q, messages: q.messages.filter((m) => !absorbed.has(m.id)).map((m) => (m.id === first.id ? merged : m)) }
      : q,
  );
  const covered = (s: MergeSuggestion): boolean => s.cardIds.every((id) => sourceCardIds.includes(id));
  return afterMessagesChanged({
    ...withMerge,
    suggestions: withMerge.suggestions.map((s) => (s.status === 'open' && covered(s) ? { ...s, status: 'accepted' } : s)),
  });
}

/** Splits a merged message back into one message per source card, and records the merge as undone. */
export function splitMessage(summary: EventSummary, messageId: string): EventSummary {
  const { message } = requireMessage(summary, messageId);
  const cards = summaryCards(summary);
  const parts = message.sourceCardIds.flatMap((id) => {
    const card = cards.get(id);
    return card ? [messageFromCard(card)] : [];
  });
  if (parts.length < 2) return summary;
  const split = mapQuestions(summary, (q) =>
    q.messages.some((m) => m.id === messageId)
      ? { ...q, messages: q.messages.flatMap((m) => (m.id === messageId ? parts : [m])) }
      : q,
  );
  const touched = (s: MergeSuggestion): boolean => s.cardIds.some((id) => message.sourceCardIds.includes(id));
  return afterMessagesChanged({
    ...split,
    suggestions: split.suggestions.map((s) => (s.status === 'accepted' && touched(s) ? { ...s, status: 'rejected' } : s)),
  });
}

function setSuggestionStatus(summary: EventSummary, suggestionId: string, status: SuggestionStatus): EventSummary {
  if (!summary.suggestions.some((s) => s.id === suggestionId)) throw new Error(`No merge suggestion with id ${suggestionId}`);
  return { ...summary, suggestions: summary.suggestions.map((s) => (s.id === suggestionId ? { ...s, status } : s)) };
}

/** Merges the messages holding the suggested cards (in their current order) and marks it accepted. */
export function acceptSuggestion(summary: EventSummary, suggestionId: string): EventSummary {
  const suggestion = summary.suggestions.find((s) => s.id === suggestionId);
  if (!suggestion) throw new Error(`No merge suggestion with id ${suggestionId}`);
  const holders = allMessages(summary)
    .filter((m) => m.sourceCardIds.some((id) => suggestion.cardIds.includes(id)))
    .map((m) => m.id);
  return setSuggestionStatus(mergeMessages(summary, holders), suggestionId, 'accepted');
}

export function rejectSuggestion(summary: EventSummary, suggestionId: string): EventSummary {
  return setSuggestionStatus(summary, suggestionId, 'rejected');
}

/** A facilitator's wording; re-drafting keeps it. An empty text restores the lead card's wording. */
export function editMessage(summary: EventSummary, messageId: string, text: string): EventSummary {
  requireMessage(summary, messageId);
  const cards = summaryCards(summary);
  const rewrite = (m: KeyMessage): KeyMessage => {
    if (text.trim()) return { ...m, text, edited: true };
    return { ...m, text: leadCard(m.sourceCardIds, cards)?.text ?? m.text, edited: false };
  };
  return afterMessagesChanged(
    mapQuestions(summary, (q) =>
      q.messages.some((m) => m.id === messageId) ? { ...q, messages: q.messages.map((m) => (m.id === messageId ? rewrite(m) : m)) } : q,
    ),
  );
}

/** Moves a message up, down or to an index within its question; the facilitator's order then sticks. */
export function reorderMessage(summary: EventSummary, messageId: string, to: 'up' | 'down' | number): EventSummary {
  requireMessage(summary, messageId);
  return mapQuestions(summary, (q) => {
    const from = q.messages.findIndex((m) => m.id === messageId);
    if (from < 0) return q;
    const target = to === 'up' ? from - 1 : to === 'down' ? from + 1 : to;
    const index = Math.max(0, Math.min(q.messages.length - 1, target));
    const messages = q.messages.filter((m) => m.id !== messageId);
    messages.splice(index, 0, q.messages[from] as KeyMessage);
    return { ...q, messages, manualOrder: true };
  });
}
