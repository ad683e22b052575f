import * as Y from 'yjs';
import type { Card } from '../../../shared/types';

/**
 * Whether a batch of changes under the card map can change the list of cards. Typing changes only a
 * card's Y.Text, which its own textarea shows, so the board ignores those batches (one per keystroke).
 */
export function changesCardList(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): boolean {
  return events.some((event) => !(event instanceof Y.YTextEvent));
}

/**
 * The freshly read cards, with the previous object kept for every card that did not change, and the
 * previous array itself when nothing changed: memoised card views then skip the cards left as they were.
 */
export function keepUnchangedCards(previous: Card[], next: Card[]): Card[] {
  const before = new Map(previous.map((card) => [card.id, card]));
  let unchanged = previous.length === next.length;
  const kept = next.map((card, index) => {
    const old = before.get(card.id);
    const result = old && sameCard(old, card) ? old : card;
    if (result !== previous[index]) unchanged = false;
    return result;
  });
  return unchanged ? previous : kept;
}

function sameCard(a: Card, b: Card): boolean {
  const keys = Object.keys(a) as (keyof Card)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
