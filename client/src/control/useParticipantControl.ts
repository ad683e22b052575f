import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { HelpRequest, RoomView } from '../../../shared/control';
import type { EventInfo } from '../../../shared/types';
import { observeServerTime } from './serverClock';
import { openControlSocket, runCommand } from './socket';

export interface ParticipantControl {
  socket: Socket | null;
  connected: boolean;
  view: RoomView | null;
  roomId: string | null;
  myVotes: Record<string, number>;
  votesLeft: number;
  totals: Record<string, number> | null;
  myHelp: HelpRequest | null;
}

interface Snapshot {
  roomId: string;
  view: RoomView;
  myVotes: Record<string, number>;
  votesLeft: number;
  totals: Record<string, number> | null;
  myHelp: HelpRequest | null;
}

const empty: ParticipantControl = { socket: null, connected: false, view: null, roomId: null, myVotes: {}, votesLeft: 0, totals: null, myHelp: null };

/**
 * A participant's live session state. Pushed events are hints: after every (re)connect and every
 * move the whole snapshot is fetched again, because socket.io does not promise delivery.
 */
export function useParticipantControl(eventId: string, onMoved: () => void, onEvent: (info: EventInfo) => void) {
  const [state, setState] = useState<ParticipantControl>(empty);

  useEffect(() => {
    const socket = openControlSocket(eventId);
    const refresh = () => {
      runCommand<'control:get', Snapshot>(socket, 'control:get')
        .then((snap) => {
          observeServerTime(snap.view.serverNow);
          setState((s) => ({ ...s, ...snap, socket, connected: true }));
        })
        .catch(() => undefined);
    };
    socket.on('connect', refresh);
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    let lastVoting = '';
    socket.on('control', (view: RoomView) => {
      observeServerTime(view.serverNow);
      setState((s) => ({ ...s, view }));
      // Voting changes (open/close/limit) change what I have left: only then fetch my numbers again.
      const voting = JSON.stringify(view.voting);
      if (voting !== lastVoting) refresh();
      lastVoting = voting;
    });
    socket.on('votes', ({ totals }: { totals: Record<string, number> }) => setState((s) => ({ ...s, totals })));
    socket.on('moved', () => {
      onMoved();
      refresh();
    });
    socket.on('event', onEvent);
    setState((s) => ({ ...s, socket }));
    return () => {
      socket.disconnect();
      setState(empty);
    };
    // onMoved/onEvent are stable store actions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventId]);

  return [state, setState] as const;
}
