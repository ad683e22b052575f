import * as Y from 'yjs';
import { limits } from '../../shared/limits';

/**
 * Cuts card texts back to the card limit. Many small inserts can add up past it, which no single update
 * shows, so the server trims after applying: an ordinary edit of its own that every peer receives.
 */
export function trimLongTexts(doc: Y.Doc, texts: readonly Y.Text[], origin: unknown): number {
  const isLong = (text: Y.Text) => text.doc === doc && text.length > limits.cardChars;
  // Nearly every edit leaves its text within the limit: no transaction then, and nothing allocated (hot path).
  if (!texts.some(isLong)) return 0;
  let trimmed = 0;
  doc.transact(() => {
    for (const text of texts) {
      if (!isLong(text)) continue;
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
