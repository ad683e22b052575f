import type { KeyMessage } from './summaryModel';
import { sumVotes } from './visibleCards';

// Building and ranking key messages. A message's source cards are its provenance; an unedited
// message always reads as its most-voted source card, so it never shows a hidden card's words.

export interface SourceCard {
  id: string;
  text: string;
  votes: number;
  createdAt: number;
}

export function messageId(cardId: string): string {
  return `msg-${cardId}`;
}

export function messageFromCard(card: SourceCard): KeyMessage {
  return { id: messageId(card.id), text: card.text, sourceCardIds: [card.id], votes: card.votes, edited: false, order: 0 };
}

/** The source card whose wording stands for the message: most votes, then earliest. */
export function leadCard<C extends SourceCard>(cardIds: readonly string[], cards: ReadonlyMap<string, C>): C | undefined {
  return cardIds
    .map((id) => cards.get(id))
    .filter((c): c is C => c !== undefined)
    .sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt || a.id.localeCompare(b.id))[0];
}

/** Keeps a message's sources to cards that still exist and refreshes its votes (and wording, if unedited). */
export function refreshMessage(message: KeyMessage, cards: ReadonlyMap<string, SourceCard>): KeyMessage {
  const sourceCardIds = message.sourceCardIds.filter((id) => cards.has(id));
  const lead = message.edited ? undefined : leadCard(sourceCardIds, cards);
  return { ...message, sourceCardIds, votes: sumVotes(sourceCardIds, cards), text: lead?.text ?? message.text };
}

function earliest(message: KeyMessage, cards: ReadonlyMap<string, SourceCard>): number {
  return Math.min(...message.sourceCardIds.map((id) => cards.get(id)?.createdAt ?? Infinity));
}

/** Most votes first; ties: the message whose first card came earlier. */
export function rankMessages(messages: readonly KeyMessage[], cards: ReadonlyMap<string, SourceCard>): KeyMessage[] {
  return [...messages].sort((a, b) => b.votes - a.votes || earliest(a, cards) - earliest(b, cards) || a.id.localeCompare(b.id));
}

export function numbered(messages: readonly KeyMessage[]): KeyMessage[] {
  return messages.map((m, order) => (m.order === order ? m : { ...m, order }));
}
