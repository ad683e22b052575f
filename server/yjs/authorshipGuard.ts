import * as Y from 'yjs';
import { cardsOf } from '../../shared/boardDoc';
import type { DecodedUpdate } from './protocol';
import { UpdateRejected } from './updateGuard';

/** Card fields only the server (authorship) or a facilitator (moderation) may set. */
const guardedKeys = new Set(['id', 'authorId', 'authorName', 'createdAt', 'hidden']);

/**
 * A participant may add cards as themselves, edit and move any card in their room, and delete only
 * their own cards; they may not hide cards or rewrite who wrote one. Checked on the decoded update,
 * before it is applied, so a refused update never touches the board.
 */
export function inspectParticipantUpdate({ structs, ds }: DecodedUpdate, doc: Y.Doc, me: { participantId: string; name: string }): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    const key = struct.parentSub;
    const value = struct.content.getContent()[0];
    if (key === 'authorId' && value !== me.participantId) throw new UpdateRejected('forbidden', 'cards can only be written as yourself');
    if (key === 'authorName' && value !== me.name) throw new UpdateRejected('forbidden', 'cards can only be written as yourself');
    if (key === 'hidden' && value !== false) throw new UpdateRejected('forbidden', 'only facilitators hide cards');
  }
  const cards = cardsOf(doc);
  const deleted = deletedItems(doc, ds);
  // A whole card deleted (only one's own) takes its fields with it; that is not "changing" them.
  const removedCards = new Set<unknown>();
  for (const item of deleted) {
    if (item.parent !== cards || !(item.content instanceof Y.ContentType)) continue;
    const card = item.content.type as Y.Map<unknown>;
    if (card.get('authorId') !== me.participantId) throw new UpdateRejected('forbidden', 'only the author or a facilitator can delete a card');
    removedCards.add(card);
  }
  for (const item of deleted) {
    const parent = item.parent;
    // Replacing a guarded field of a card deletes its previous value.
    if (parent instanceof Y.Map && parent._item?.parent === cards && !removedCards.has(parent) && item.parentSub && guardedKeys.has(item.parentSub)) {
      throw new UpdateRejected('forbidden', `participants cannot change a card's ${item.parentSub}`);
    }
  }
}

/** The items of the document that the update's delete set would delete. */
function deletedItems(doc: Y.Doc, ds: DecodedUpdate['ds']): Y.Item[] {
  const items: Y.Item[] = [];
  for (const [client, ranges] of ds.clients) {
    const known = doc.store.clients.get(client);
    if (!known || known.length === 0) continue;
    const last = known[known.length - 1]!;
    for (const { clock, len } of ranges) {
      if (clock >= last.id.clock + last.length) continue;
      for (let i = Y.findIndexSS(known, clock); i < known.length && known[i]!.id.clock < clock + len; i++) {
        const item = known[i];
        if (item instanceof Y.Item && !item.deleted) items.push(item);
      }
    }
  }
  return items;
}
