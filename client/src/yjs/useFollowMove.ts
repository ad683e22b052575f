import { useEffect, useRef, useState } from 'react';
import type { EventInfo } from '../../../shared/types';
import type { DocStatus } from './docStatus';

/**
 * After the server says "you belong elsewhere now": fetch the session again, so the page opens the
 * room the person is in now. If the session still names this room (the move has not reached the
 * records this server reads yet), the board is opened again after a pause rather than at once.
 */
export function useFollowMove(status: DocStatus, refetch: () => Promise<string | null>, roomId: string | null, reconnect: () => void): void {
  const moved = status.status === 'moved';
  useEffect(() => {
    if (!moved) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void refetch().then((roomNow) => {
      if (!cancelled && roomNow === roomId) timer = setTimeout(reconnect, 3000);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [moved, refetch, roomId, reconnect]);
}

/** "The facilitator moved you to …" once the person's room changes under an open page (by any signal). */
export function useMoveNotice(event: EventInfo | null, roomId: string | null): string | null {
  const previous = useRef(roomId);
  const [movedTo, setMovedTo] = useState<string | null>(null);
  useEffect(() => {
    if (!roomId) return;
    if (previous.current && previous.current !== roomId) setMovedTo(roomId);
    previous.current = roomId;
  }, [roomId]);
  if (!movedTo || movedTo !== roomId) return null;
  const topic = event?.rooms.find((r) => r.id === movedTo)?.topic;
  return topic ? `The facilitator moved you to ${topic}.` : 'The facilitator moved you to another room.';
}
