import { useCallback, useEffect } from 'react';
import type { CloseReasonName } from '../../../shared/closeCodes';
import { boardDocName } from '../../../shared/docNames';
import type { EventInfo } from '../../../shared/types';
import { useParticipantControl, useParticipantControlConnection } from '../control/participantControl';
import { useSession, type Me } from '../state/sessionStore';
import type { DocConnection } from '../yjs/connectDoc';
import type { DocStatus } from '../yjs/docStatus';
import { useDocConnection } from '../yjs/useDocConnection';
import { useFollowMove, useMoveNotice } from '../yjs/useFollowMove';

/** Where a participant's board page stands: one state to render, in place of a ladder of checks. */
export type BoardPageStatus =
  | { status: 'ended'; reason: CloseReasonName }
  | { status: 'error'; message: string }
  | { status: 'waiting'; event: EventInfo }
  | { status: 'loading' }
  | { status: 'ready'; event: EventInfo; me: Me; roomId: string; connection: DocConnection; docStatus: DocStatus; reload(): Promise<void> };

/**
 * Session, control channel and board connection of a participant's page. The board is not opened while the
 * person waits to be placed (facilitator placement), so nothing is typed into a room they are not in yet.
 */
export function useBoardPage(eventId: string): { page: BoardPageStatus; movedNotice: string | null } {
  const { event, me, error, load } = useSession();
  useEffect(() => {
    void load(eventId);
  }, [eventId, load]);
  useParticipantControlConnection(
    eventId,
    () => void load(eventId),
    (info) => useSession.setState({ event: info }),
  );
  const awaitingPlacement = useParticipantControl((s) => s.awaitingPlacement);
  const controlRoomId = useParticipantControl((s) => s.roomId);
  const controlConnected = useParticipantControl((s) => s.connected);
  // The session and the control snapshot each learn of a move on their own; the room counts once both agree,
  // so no board of the old room opens and the notice names the room the person is really in. Without the
  // control channel (blocked, down) the session alone decides, and the board's own close follows moves.
  const sessionRoomId = me?.roomId ?? null;
  const roomId = !controlConnected || sessionRoomId === controlRoomId ? sessionRoomId : null;
  const boardName = event && roomId && !awaitingPlacement ? boardDocName(event.id, roomId) : null;
  const { connection, status, reconnect, reload } = useDocConnection(boardName);
  const refetch = useCallback(async () => {
    await load(eventId);
    return useSession.getState().me?.roomId ?? null;
  }, [eventId, load]);
  useFollowMove(status, refetch, sessionRoomId, reconnect);
  const movedNotice = useMoveNotice(event, roomId, awaitingPlacement);
  const ended = status.status === 'ended' ? status.reason : null;
  useEffect(() => {
    // The event is erased on the server: unfinished card drafts on this device go too.
    if (ended === 'eventDeleted') forgetDrafts(eventId);
  }, [ended, eventId]);

  const page: BoardPageStatus = ended
    ? { status: 'ended', reason: ended }
    : error
      ? { status: 'error', message: error.message }
      : event && me && awaitingPlacement
        ? { status: 'waiting', event }
        : event && me && roomId && connection
          ? { status: 'ready', event, me, roomId, connection, docStatus: status, reload }
          : { status: 'loading' };
  return { page, movedNotice };
}

function forgetDrafts(eventId: string): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(`draft:${eventId}:`)) localStorage.removeItem(key);
}
