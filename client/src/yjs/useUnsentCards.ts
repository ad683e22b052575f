import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { noUnsentChanges, type UnsentChanges } from '../../../shared/unsentChanges';
import type { UnsentTracker } from './unsentTracker';

const nothing = () => () => undefined;

/** What the server has not acknowledged yet: card ids and a total, re-rendering only when they change. */
export function useUnsentChanges(tracker: UnsentTracker | null): UnsentChanges {
  return useSyncExternalStore(tracker ? tracker.subscribe : nothing, () => tracker?.current() ?? noUnsentChanges);
}

/** The tracker of each open document, so a card (which knows its Y.Text, hence its doc) can ask for its mark. */
const trackers = new WeakMap<Y.Doc, UnsentTracker>();

export function registerUnsent(doc: Y.Doc, tracker: UnsentTracker): () => void {
  trackers.set(doc, tracker);
  return () => trackers.delete(doc);
}

/** Whether this card has changes made here that the server has not acknowledged. */
export function useCardUnsent(doc: Y.Doc | null | undefined, cardId: string): boolean {
  const tracker = doc ? (trackers.get(doc) ?? null) : null;
  const subscribe = useCallback((listener: () => void) => (tracker ? tracker.subscribe(listener) : () => undefined), [tracker]);
  return useSyncExternalStore(subscribe, () => tracker?.current().cards.has(cardId) ?? false);
}

/** The card ids not sent yet and their total, for a board that has the document and its connection. */
export function useUnsentCards(doc: Y.Doc | null | undefined): UnsentChanges {
  const tracker = doc ? (trackers.get(doc) ?? null) : null;
  return useUnsentChanges(tracker);
}
