import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { addCard, cardDetailOf, cardTextOf, deleteCard, type NewCard } from '../../../shared/boardDoc';
import type { Card } from '../../../shared/types';
import { showUndoToast, useUndoToasts } from '../ui/undoToasts';

const none: ReadonlySet<string> = new Set();

/**
 * Deleting a card at once, with Undo instead of "are you sure?".
 *
 * A card the deleter wrote (and that is not hidden) is deleted from the shared board at once; Undo writes it
 * again with its question, text, second field and time, so it comes back in its place. It comes back under a
 * new id: the server's rules (server/yjs/schema/boardUpdateRules.ts) refuse the old one ("a card's id is its
 * key": a map value written after a deleted one carries no key of its own, only its left neighbour), so votes
 * on the deleted card do not follow it. The server takes new cards only in the writer's own name, and a
 * hidden card's text lives on the server: a facilitator could not re-create those. So a facilitator's delete of someone else's (or a hidden) card leaves this board at once
 * and is written to the shared board when the Undo offer closes without Undo (or this board closes).
 */
export function useCardDeletes(doc: Y.Doc, myId: string) {
  const [deferred, setDeferred] = useState(none);
  /** Undo offer (toast id) → card to delete when it closes, and whether Undo was chosen. */
  const offers = useRef(new Map<number, { cardId: string; undone: boolean }>());

  useEffect(() => {
    const settle = (toastId: number) => {
      const offer = offers.current.get(toastId);
      if (!offer) return;
      offers.current.delete(toastId);
      if (!offer.undone) deleteCard(doc, offer.cardId);
      setDeferred((ids) => new Set([...ids].filter((id) => id !== offer.cardId)));
    };
    const unsubscribe = useUndoToasts.subscribe((state) => {
      for (const toastId of offers.current.keys()) {
        // Undo dismisses the toast and then calls it in the same turn: decide once that has run.
        if (!state.toasts.some((t) => t.id === toastId)) queueMicrotask(() => settle(toastId));
      }
    });
    const pending = offers.current;
    return () => {
      unsubscribe();
      for (const offer of pending.values()) if (!offer.undone) deleteCard(doc, offer.cardId);
      pending.clear();
    };
  }, [doc]);

  const remove = (card: Card) => {
    if (card.authorId === myId && !card.hidden) {
      const again = snapshot(doc, card);
      deleteCard(doc, card.id);
      showUndoToast('Card deleted', () => addCard(doc, { ...again, id: crypto.randomUUID() }));
      return;
    }
    setDeferred((ids) => new Set(ids).add(card.id));
    const offer = { cardId: card.id, undone: false };
    const toastId = showUndoToast('Card deleted', () => {
      offer.undone = true;
    });
    offers.current.set(toastId, offer);
  };

  return { deferred, remove };
}

/** Everything needed to write the card again as it was (but its id). */
function snapshot(doc: Y.Doc, card: Card): Omit<NewCard, 'id'> {
  const detail = cardDetailOf(doc, card.id);
  return {
    questionId: card.questionId,
    authorId: card.authorId,
    authorName: card.authorName,
    createdAt: card.createdAt,
    text: cardTextOf(doc, card.id)?.toString() ?? card.text,
    ...(detail ? { detail: detail.toString() } : {}),
  };
}
