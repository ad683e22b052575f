import type { DraftInput } from '../../shared/summary/summaryModel';

// One row per card of every room, for the CSV and JSON exports. Hidden cards are included, flagged
// hidden=true, with the text saved when they were hidden (loadDraftInput): organisers export everything.

export interface CardExportRow {
  event: string;
  room: string;
  question: string;
  cardId: string;
  author: string;
  text: string;
  /** The card's second field ('' when its question has none). */
  detail: string;
  votes: number;
  hidden: boolean;
  createdAt: string;
}

export function cardExportRows(input: DraftInput): CardExportRow[] {
  const topicOf = new Map(input.event.rooms.map((r) => [r.id, r.topic]));
  const questionOrder = input.event.questions.map((q) => q.id);
  const promptOf = new Map(input.event.questions.map((q) => [q.id, q.prompt]));
  return input.boards.flatMap((board) =>
    [...board.cards]
      .sort(
        (a, b) =>
          questionOrder.indexOf(a.questionId) - questionOrder.indexOf(b.questionId) ||
          a.createdAt - b.createdAt ||
          a.id.localeCompare(b.id),
      )
      .map((card) => ({
        event: input.event.title,
        room: topicOf.get(board.roomId) ?? board.roomId,
        question: promptOf.get(card.questionId) ?? card.questionId,
        cardId: card.id,
        author: card.authorName,
        text: card.text,
        detail: card.detail ?? '',
        votes: board.votes[card.id] ?? 0,
        hidden: card.hidden,
        createdAt: new Date(card.createdAt).toISOString(),
      })),
  );
}
