import { cardsOf, hideCard, readCard, readCards, showCard } from '../../shared/boardDoc';
import type { HiddenCardText } from '../../shared/commands';
import { boardDocName } from '../../shared/docNames';
import type { HiddenCardRow, Store } from '../store/store';
import type { LiveDocs } from '../yjs/liveDocs';
import { withSavedTexts } from './savedCardTexts';

export interface CardVisibilityDeps {
  store: Store;
  liveDocs: LiveDocs;
  serial<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Hiding, showing and listing on one board run one at a time (room removal takes the same key). */
export function visibilityKey(eventId: string, roomId: string): string {
  return `visibility:${boardDocName(eventId, roomId)}`;
}

/** A card edited between our read and our delete this many times in a row is left for a retry. */
const maxAttempts = 5;

/**
 * "Hidden means hidden": a hidden card's text lives only in the staff-only store (hidden_cards), never in
 * the board document participants sync. The text is saved durably before the server's own transaction
 * deletes it from the document, and put back (and committed) before the saved copy is deleted, so a crash
 * at any point leaves the text in one place or both, never in neither.
 */
export function createCardVisibility(deps: CardVisibilityDeps) {
  const { store, liveDocs } = deps;

  const savedRow = async (eventId: string, roomId: string, cardId: string) =>
    (await store.listHiddenCards(eventId)).find((row) => row.roomId === roomId && row.cardId === cardId);

  async function hideNow(eventId: string, roomId: string, cardId: string, saved: HiddenCardRow | undefined): Promise<'hidden' | 'missing' | 'busy'> {
    const name = boardDocName(eventId, roomId);
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const before = await liveDocs.withDoc(name, (live) => readCard(cardsOf(live.doc).get(cardId)));
      if (!before) {
        await store.deleteHiddenCard(eventId, roomId, cardId);
        return 'missing';
      }
      const beforeDetail = before.detail ?? '';
      if (before.hidden && before.text === '' && beforeDetail === '') return 'hidden';
      // A card hidden before hiding removed its text (or written into while hidden) keeps all of it.
      const text = before.hidden ? (saved?.text ?? '') + before.text : before.text;
      const detail = before.hidden ? (saved?.detail ?? '') + beforeDetail : beforeDetail;
      const hiddenAt = before.hidden && saved ? saved.hiddenAt : new Date().toISOString();
      await store.saveHiddenCard({ eventId, roomId, cardId, text, detail, hiddenAt });
      // Compared and deleted in one synchronous step: nothing typed after the save can be deleted unsaved.
      const live = await liveDocs.withDoc(name, (live) => {
        const now = readCard(cardsOf(live.doc).get(cardId));
        if (!now || now.text !== before.text || (now.detail ?? '') !== beforeDetail || now.hidden !== before.hidden) return null;
        hideCard(live.doc, cardId);
        // The text is out of the document; the stored rows still hold it until a snapshot replaces them.
        liveDocs.snapshotAtUnload(live);
        return live;
      });
      if (live) {
        await liveDocs.whenCommitted(live);
        return 'hidden';
      }
    }
    return 'busy';
  }

  return {
    hide(eventId: string, roomId: string, cardId: string) {
      return deps.serial(visibilityKey(eventId, roomId), async () => hideNow(eventId, roomId, cardId, await savedRow(eventId, roomId, cardId)));
    },

    show(eventId: string, roomId: string, cardId: string): Promise<'shown' | 'missing'> {
      return deps.serial(visibilityKey(eventId, roomId), async () => {
        const name = boardDocName(eventId, roomId);
        const saved = await savedRow(eventId, roomId, cardId);
        const live = await liveDocs.withDoc(name, (live) => {
          const card = readCard(cardsOf(live.doc).get(cardId));
          if (!card) return null;
          if (card.hidden) showCard(live.doc, cardId, saved?.text ?? '', saved?.detail ?? '');
          return live;
        });
        if (!live) {
          // Deleted while hidden: its saved text goes too.
          if (saved) await store.deleteHiddenCard(eventId, roomId, cardId);
          return 'missing';
        }
        await liveDocs.whenCommitted(live);
        // Only once the text is committed back into the document (a storage error drops the document).
        if (saved && (await liveDocs.ifLoaded(name)) === live) await store.deleteHiddenCard(eventId, roomId, cardId);
        return 'shown';
      });
    },

    /**
     * The room's hidden cards with their texts, for staff. On the way it deletes the saved texts of cards
     * deleted while hidden, and moves into the store any text still in a hidden card's document entry
     * (cards hidden before hiding removed the text).
     */
    list(eventId: string, roomId: string): Promise<HiddenCardText[]> {
      return deps.serial(visibilityKey(eventId, roomId), async () => {
        const name = boardDocName(eventId, roomId);
        const inRoom = async () => (await store.listHiddenCards(eventId)).filter((row) => row.roomId === roomId);
        const present = await liveDocs.withDoc(name, (live) => {
          const cards = cardsOf(live.doc);
          return { ids: new Set(cards.keys()), stray: readCards(live.doc).filter((c) => c.hidden && (c.text !== '' || (c.detail ?? '') !== '')).map((c) => c.id) };
        });
        const rows = await inRoom();
        for (const row of rows) if (!present.ids.has(row.cardId)) await store.deleteHiddenCard(eventId, roomId, row.cardId);
        for (const cardId of present.stray) await hideNow(eventId, roomId, cardId, rows.find((row) => row.cardId === cardId));
        const saved = await inRoom();
        const cards = await liveDocs.withDoc(name, (live) => readCards(live.doc).filter((c) => c.hidden));
        return withSavedTexts(cards, saved, roomId).map((card) => ({ cardId: card.id, roomId, text: card.text }));
      });
    },
  };
}

export type CardVisibility = ReturnType<typeof createCardVisibility>;
