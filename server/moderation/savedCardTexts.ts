import type { Card } from '../../shared/types';
import type { HiddenCardRow } from '../store/store';

/**
 * Cards as staff read them: a hidden card's text was removed from the board document when it was hidden,
 * so it carries its saved text again (followed by anything a client wrote into it while hidden).
 */
export function withSavedTexts(cards: readonly Card[], saved: readonly HiddenCardRow[], roomId: string): Card[] {
  const rowOf = new Map(saved.filter((row) => row.roomId === roomId).map((row) => [row.cardId, row]));
  return cards.map((card) => {
    const row = card.hidden ? rowOf.get(card.id) : undefined;
    if (!row) return card;
    const detail = card.detail === undefined && !row.detail ? {} : { detail: (row.detail ?? '') + (card.detail ?? '') };
    return { ...card, text: row.text + card.text, ...detail };
  });
}
