import * as Y from 'yjs';
import { cardsOf } from '../../shared/boardDoc';
import { limits } from '../../shared/limits';
import type { DecodedUpdate } from './protocol';

/** Why an update was refused before it reached the document. */
export class UpdateRejected extends Error {
  constructor(
    readonly kind: 'malformed' | 'tooLarge' | 'boardFull' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a decoded Yjs update against what a board may contain, before Y.applyUpdate: no sub-documents
 * or rich-text formatting (our schema uses neither), no single string longer than a card, and no more
 * new cards than the board has room for. The caller has already checked it decodes and its size.
 */
export function inspectBoardUpdate({ structs }: DecodedUpdate, doc: Y.Doc): void {
  const cards = cardsOf(doc);
  const newCardKeys = new Set<string>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentDoc || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed || content instanceof Y.ContentBinary) {
      throw new UpdateRejected('malformed', 'content type not allowed on a board');
    }
    if (content instanceof Y.ContentString && content.str.length > limits.cardChars) {
      throw new UpdateRejected('tooLarge', 'text longer than a card');
    }
    // A new key in the root 'cards' map carries its parent by name (overwrites of a key point at the old value instead).
    if ((struct.parent as unknown) === 'cards' && typeof struct.parentSub === 'string' && !cards.has(struct.parentSub)) {
      newCardKeys.add(struct.parentSub);
    }
  }
  if (newCardKeys.size > 0 && cards.size + newCardKeys.size > limits.cardsPerBoard) {
    throw new UpdateRejected('boardFull', `a board holds at most ${limits.cardsPerBoard} cards`);
  }
}

/**
 * Cuts card texts back to the card limit. Many small inserts can add up past it, which no single update
 * shows, so the server trims after applying: an ordinary edit of its own that every peer receives.
 */
export function trimLongTexts(doc: Y.Doc, texts: Iterable<Y.Text>, origin: unknown): number {
  let trimmed = 0;
  doc.transact(() => {
    for (const text of texts) {
      if (text.doc !== doc || text.length <= limits.cardChars) continue;
      text.delete(limits.cardChars, text.length - limits.cardChars);
      trimmed++;
    }
  }, origin);
  return trimmed;
}

/**
 * Removes whatever the last applyUpdate could not integrate (structs or deletions whose dependencies the
 * server lacks). Yjs would otherwise keep them, include them in every state it encodes, and so persist and
 * serve content no peer can integrate (nextcloud/text#7783, yrby#36). Returns whether anything was dropped.
 */
export function dropPending(doc: Y.Doc): boolean {
  const store = doc.store;
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}
