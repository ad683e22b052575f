import type { MergeSuggestion, RoomCard, RoomGroup } from './summaryModel';
import { findNearDuplicates } from './nearDuplicates';

// Near-duplicates are offered, never applied: each card stays its own key message until a
// facilitator accepts the suggestion. Their decisions survive re-drafting.

export function suggestionId(cardIds: readonly string[]): string {
  return `dup-${[...cardIds].sort().join('+')}`;
}

/** Cards already sharing one key message need no suggestion. */
function alreadyMerged(cardIds: readonly string[], groups: readonly RoomGroup[]): boolean {
  return groups.some((g) =>
    g.byQuestion.some((q) => q.messages.some((m) => cardIds.every((id) => m.sourceCardIds.includes(id)))),
  );
}

export function draftSuggestions(
  cards: readonly RoomCard[],
  groups: readonly RoomGroup[],
  previous: readonly MergeSuggestion[] = [],
): MergeSuggestion[] {
  const decided = previous.filter((s) => s.status !== 'open');
  const decidedIds = new Set(decided.map((s) => s.id));
  const rejected = decided.filter((s) => s.status === 'rejected');
  const fresh = findNearDuplicates(cards)
    .map(
      (group): MergeSuggestion => ({
        id: suggestionId(group.cardIds),
        roomId: group.roomIds[0] ?? '',
        questionId: group.questionId,
        cardIds: group.cardIds,
        similarity: group.similarity,
        reason: `Similar wording (${Math.round(group.similarity * 100)}%): both mention ${group.sharedWords.join(', ')}`,
        status: 'open',
      }),
    )
    .filter(
      (s) =>
        !decidedIds.has(s.id) &&
        !alreadyMerged(s.cardIds, groups) &&
        !rejected.some((r) => s.cardIds.every((id) => r.cardIds.includes(id))),
    );
  return [...decided, ...fresh];
}
