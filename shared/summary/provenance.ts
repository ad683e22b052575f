import type { SourceRef } from './docBlocks';
import type { AppendixRoom, EventSummary, RawCard } from './summaryModel';

// Where each printed sentence came from. Every card in the appendix gets a reference number, in a
// stable order (room order, question order, then the cards as listed), so a key message, theme or
// action can name its source cards and a reader can find them in the appendix.

export interface RenderOptions {
  /** Authors are printed only when the organiser asks for it: off by default, nothing leaks by accident. */
  includeNames?: boolean;
  /** Cards hidden by a facilitator since the summary was drafted: never printed, never a source. */
  hiddenCardIds?: ReadonlySet<string>;
}

export interface NumberedCard extends RawCard {
  /** "12": the card's number in the appendix. */
  ref: string;
  roomId: string;
  room: string;
  questionId: string;
  question: string;
}

/** The appendix without cards hidden since the draft (a moderated card is never printed). */
export function printedAppendix(summary: Pick<EventSummary, 'appendix'>, hidden: ReadonlySet<string> = new Set()): AppendixRoom[] {
  if (hidden.size === 0) return summary.appendix.rawCards;
  return summary.appendix.rawCards.map((room) => ({
    ...room,
    byQuestion: room.byQuestion.map((q) => ({ ...q, cards: q.cards.filter((c) => !hidden.has(c.id)) })),
  }));
}

/** Every printed card by id, numbered from 1 in appendix order. */
export function numberedCards(rooms: readonly AppendixRoom[]): Map<string, NumberedCard> {
  const numbered = new Map<string, NumberedCard>();
  for (const room of rooms) {
    for (const q of room.byQuestion) {
      for (const card of q.cards) {
        if (numbered.has(card.id)) continue;
        numbered.set(card.id, { ...card, ref: String(numbered.size + 1), roomId: room.roomId, room: room.topic, questionId: q.questionId, question: q.prompt });
      }
    }
  }
  return numbered;
}

/** The printable sources of a message, theme or action: cards that are not printed are left out. */
export function sourcesOf(cardIds: readonly string[], cards: ReadonlyMap<string, NumberedCard>, includeNames: boolean): SourceRef[] {
  return [...new Set(cardIds)].flatMap((id) => {
    const card = cards.get(id);
    if (!card) return [];
    const author = includeNames ? card.author.trim() : '';
    return [{ ref: card.ref, room: card.room, question: card.question, text: card.text, ...(author ? { author } : {}) }];
  });
}
