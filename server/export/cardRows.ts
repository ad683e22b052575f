import type { DraftInput } from '../../shared/summary/summaryModel';
import type { Pseudonyms } from './pseudonyms';

// One row per card of every room, for the CSV and JSON exports. Hidden cards are included, flagged
// hidden=true, with the text saved when they were hidden (loadDraftInput): organisers export everything.
// Ids are pseudonyms; the author's name is there only when the export includes names.

export interface CardExportRow {
  event: string;
  roomId: string;
  room: string;
  questionId: string;
  question: string;
  /** Pseudonymous card id. */
  cardId: string;
  /** The card's number in the printed appendix; undefined when it is not printed. */
  ref?: number;
  /** Pseudonymous author id. */
  authorRef: string;
  /** Only when names are included. */
  author?: string;
  text: string;
  /** The card's second field ('' when its question has none). */
  detail: string;
  votes: number;
  hidden: boolean;
  createdAt: string;
}

export interface CardRowOptions {
  pseudonyms: Pseudonyms;
  includeNames: boolean;
  /** Appendix numbers by (real) card id, from the printed summary. */
  refs: ReadonlyMap<string, string>;
}

export function cardExportRows(input: DraftInput, { pseudonyms, includeNames, refs }: CardRowOptions): CardExportRow[] {
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
      .map((card) => {
        const ref = refs.get(card.id);
        return {
          event: input.event.title,
          roomId: board.roomId,
          room: topicOf.get(board.roomId) ?? board.roomId,
          questionId: card.questionId,
          question: promptOf.get(card.questionId) ?? card.questionId,
          cardId: pseudonyms.card(card.id),
          ...(ref ? { ref: Number(ref) } : {}),
          authorRef: pseudonyms.person(card.authorId),
          ...(includeNames ? { author: card.authorName } : {}),
          text: card.text,
          detail: card.detail ?? '',
          votes: board.votes[card.id] ?? 0,
          hidden: card.hidden,
          createdAt: new Date(card.createdAt).toISOString(),
        };
      }),
  );
}
