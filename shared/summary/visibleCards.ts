import type { DraftInput, RoomCard } from './summaryModel';

/**
 * Every card a summary may show: not hidden, in a room and under a question the event has.
 * Oldest first (ties by id) so drafting is deterministic.
 */
export function visibleRoomCards(input: DraftInput): RoomCard[] {
  const roomIds = new Set(input.event.rooms.map((r) => r.id));
  const questionIds = new Set(input.event.questions.map((q) => q.id));
  return input.boards
    .filter((board) => roomIds.has(board.roomId))
    .flatMap((board) =>
      board.cards
        .filter((card) => !card.hidden && questionIds.has(card.questionId))
        .map((card) => ({
          id: card.id,
          roomId: board.roomId,
          questionId: card.questionId,
          text: card.text,
          author: card.authorName,
          votes: board.votes[card.id] ?? 0,
          createdAt: card.createdAt,
          ...secondField(card),
        })),
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function sumVotes(cardIds: readonly string[], cards: ReadonlyMap<string, { votes: number }>): number {
  return cardIds.reduce((sum, id) => sum + (cards.get(id)?.votes ?? 0), 0);
}

/** The card's second field: boards may not carry one yet, so it is read defensively. */
function secondField(card: object): { detail?: string } {
  const detail = (card as { detail?: unknown }).detail;
  return typeof detail === 'string' && detail.trim() ? { detail } : {};
}
