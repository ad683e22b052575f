import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { cardsOf, readCards } from '../../../shared/boardDoc';
import type { Card, Role } from '../../../shared/types';
import { changesCardList, keepUnchangedCards } from './cardList';

/**
 * The board's cards as plain data, re-read when a card is added, removed, moved, hidden or shown, but
 * not when someone types: each card's textarea follows its own Y.Text, so a keystroke re-renders nothing
 * else. Hence a card's `text` is as it was when the list was last read; the live text is its Y.Text.
 * Unchanged cards keep their object, so memoised card views skip them.
 */
export function useCards(doc: Y.Doc): Card[] {
  const cache = useRef<{ doc: Y.Doc; cards: Card[] } | null>(null);
  if (cache.current?.doc !== doc) cache.current = { doc, cards: readCards(doc) };
  const subscribe = useCallback(
    (onChange: () => void) => {
      const refresh = () => {
        const previous = cache.current!.cards;
        const next = keepUnchangedCards(previous, readCards(doc));
        if (next === previous) return;
        cache.current = { doc, cards: next };
        onChange();
      };
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        if (changesCardList(events)) refresh();
      };
      const cards = cardsOf(doc);
      cards.observeDeep(handler);
      // Cards may have arrived (IndexedDB, sync) between the first render and this subscription.
      refresh();
      return () => cards.unobserveDeep(handler);
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => cache.current!.cards);
}

export type ConnectionState = 'connecting' | 'online' | 'offline';

/**
 * Online means connected and synced (the heartbeat in heartbeat.ts drops a silent socket within seconds),
 * and never while the browser itself says it is offline. No provider yet: connecting.
 */
export function useConnectionState(provider: WebsocketProvider | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>(provider?.wsconnected && provider.synced ? 'online' : 'connecting');
  useEffect(() => {
    if (!provider) {
      setState('connecting');
      return;
    }
    let everConnected = provider.wsconnected;
    const update = () => {
      if (provider.wsconnected) everConnected = true;
      if (!navigator.onLine) setState('offline');
      else setState(provider.wsconnected && provider.synced ? 'online' : everConnected ? 'offline' : 'connecting');
    };
    // A first connection that takes long means we are offline too.
    const slow = setTimeout(() => {
      everConnected = true;
      update();
    }, 4000);
    provider.on('status', update);
    provider.on('sync', update);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
    return () => {
      clearTimeout(slow);
      provider.off('status', update);
      provider.off('sync', update);
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [provider]);
  return state;
}

export interface PresenceEntry {
  clientId: number;
  name: string;
  role: Role;
  typingIn: string | null;
  isMe: boolean;
}

const roleNames: Record<Role, string> = { participant: '', facilitator: 'Facilitator', organiser: 'Organiser' };

/**
 * Who is on this board, as stamped by the server (names cannot be spoofed), de-duplicated by person. Where
 * the event's names are hidden or anonymous the server stamps no name: staff read as their role, participants
 * as '' (presence lists then show counts).
 */
export function usePresence(provider: WebsocketProvider): PresenceEntry[] {
  const [entries, setEntries] = useState<PresenceEntry[]>([]);
  useEffect(() => {
    const awareness = provider.awareness;
    const update = () => {
      const people = new Map<string, PresenceEntry>();
      awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { id?: string; name?: string; role?: Role } | undefined;
        if (!user?.id) return;
        const role = user.role ?? 'participant';
        const name = user.name ?? roleNames[role];
        const isMe = clientId === awareness.clientID;
        const typingIn = typeof state.typingIn === 'string' ? state.typingIn : null;
        const existing = people.get(user.id);
        if (!existing || typingIn) people.set(user.id, { clientId, name, role, typingIn, isMe: isMe || !!existing?.isMe });
      });
      setEntries([...people.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name)));
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [provider]);
  return entries;
}
