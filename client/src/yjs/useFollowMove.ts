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

/**
 * "The facilitator moved you to …" once the person's room changes under an open page (by any signal), or
 * "… placed you in …" when they leave the waiting screen. Kept until the next move, so it can be read at leisure.
 */
export function useMoveNotice(event: EventInfo | null, roomId: string | null, awaitingPlacement: boolean): string | null {
  const previous = useRef({ roomId, awaitingPlacement });
  const [notice, setNotice] = useState<{ kind: 'moved' | 'placed'; roomId: string } | null>(null);
  useEffect(() => {
    // No room while a move settles: compare with the room before it, not with the gap.
    if (!roomId) return;
    const before = previous.current;
    previous.current = { roomId, awaitingPlacement };
    if (awaitingPlacement) return;
    if (before.awaitingPlacement) setNotice({ kind: 'placed', roomId });
    else if (before.roomId && before.roomId !== roomId) setNotice({ kind: 'moved', roomId });
  }, [roomId, awaitingPlacement]);
  if (!notice || notice.roomId !== roomId) return null;
  const topic = event?.rooms.find((r) => r.id === notice.roomId)?.topic;
  if (notice.kind === 'placed') return topic ? `The facilitator placed you in ${topic}.` : 'The facilitator placed you in a room.';
  return topic ? `The facilitator moved you to ${topic}.` : 'The facilitator moved you to another room.';
}
