import type { Card } from '../../shared/types';
import type { HiddenCardRow } from '../store/store';

/**
 * Cards as staff read them: a hidden card's text was removed from the board document when it was hidden,
 * so it carries its saved text again (followed by anything a client wrote into it while hidden).
 */
export function withSavedTexts(cards: readonly Card[], saved: readonly HiddenCardRow[], roomId: string): Card[] {
  const textOf = new Map(saved.filter((row) => row.roomId === roomId).map((row) => [row.cardId, row.text]));
  return cards.map((card) => {
    const text = card.hidden ? textOf.get(card.id) : undefined;
    return text === undefined ? card : { ...card, text: text + card.text };
  });
}
