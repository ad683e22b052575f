import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type * as Y from 'yjs';
import type { HiddenCardText } from '../../../shared/commands';
import { runCommand } from '../control/socket';
import { useCards } from '../yjs/hooks';

const none: ReadonlyMap<string, string> = new Map();

/**
 * The texts of a room's hidden cards, for staff: hiding removes a card's text from the board document,
 * and the server keeps it for facilitators and organisers. Asked again whenever the set of hidden cards
 * changes (the document says which they are) and after every reconnect of the command socket.
 */
export function useHiddenCardTexts(socket: Socket | null, roomId: string, doc: Y.Doc): ReadonlyMap<string, string> {
  const cards = useCards(doc);
  const hiddenKey = cards
    .filter((card) => card.hidden)
    .map((card) => card.id)
    .sort()
    .join(' ');
  const [texts, setTexts] = useState(none);
  const [connects, setConnects] = useState(0);

  useEffect(() => {
    if (!socket) return;
    const reconnected = () => setConnects((n) => n + 1);
    socket.on('connect', reconnected);
    return () => {
      socket.off('connect', reconnected);
    };
  }, [socket]);

  useEffect(() => {
    if (!socket || hiddenKey === '') return;
    let current = true;
    runCommand<'hiddenCards:get', HiddenCardText[]>(socket, 'hiddenCards:get', { roomId })
      .then((list) => {
        if (current) setTexts(new Map(list.map((card) => [card.cardId, card.text])));
      })
      // Kept as they were: the next change or reconnect asks again.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [socket, roomId, hiddenKey, connects]);

  return texts;
}
