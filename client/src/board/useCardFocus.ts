import { useEffect, useRef } from 'react';

type Request = { cardId: string; to: 'menu' | 'scroll' };

const cardSelector = (cardId: string) => `li.card[data-card-id="${CSS.escape(cardId)}"]`;

/**
 * Keeps the person's place as cards come and go: a moved card keeps focus (on its menu button, in its new
 * column), a new card is scrolled into its writer's view, and a deleted card hands focus to its neighbour.
 */
export function useCardFocus() {
  const pending = useRef<Request | null>(null);

  // After every render: the card asked for may only now be in its place.
  useEffect(() => {
    const request = pending.current;
    if (!request) return;
    const card = document.querySelector<HTMLElement>(cardSelector(request.cardId));
    if (!card) return;
    pending.current = null;
    if (request.to === 'menu') card.querySelector<HTMLElement>('.card-menu-button')?.focus();
    else card.scrollIntoView({ block: 'nearest' });
  });

  return {
    request(cardId: string, to: Request['to']) {
      pending.current = { cardId, to };
    },
    /** Before a card goes: focus the next card (or the one before, or the column's add box), not the page. */
    moveOffCard(cardId: string) {
      const card = document.querySelector(cardSelector(cardId));
      if (!card?.contains(document.activeElement)) return;
      const neighbour = card.nextElementSibling ?? card.previousElementSibling;
      const target = neighbour?.querySelector<HTMLElement>('.card-menu-button, .card-text') ?? card.closest('section')?.querySelector<HTMLElement>('.add-card textarea');
      target?.focus();
    },
  };
}
