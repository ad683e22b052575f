import { useEffect } from 'react';
import type { Socket } from 'socket.io-client';
import { create } from 'zustand';
import type { RoomView } from '../../../shared/control';
import { isHelpActive, type HelpRequest } from '../../../shared/helpRequests';
import type { EventInfo } from '../../../shared/types';
import { observeServerTime } from './serverClock';
import { openControlSocket, runCommand } from './socket';

/** What `control:get` answers a participant. */
interface Snapshot {
  roomId: string;
  view: RoomView;
  myVotes: Record<string, number>;
  votesLeft: number;
  totals: Record<string, number> | null;
  myHelp: HelpRequest | null;
  awaitingPlacement: boolean;
}

interface ParticipantControlState extends Omit<Snapshot, 'roomId' | 'view'> {
  /** The room the server placed the person in, as of the last snapshot. */
  roomId: string | null;
  socket: Socket | null;
  connected: boolean;
  view: RoomView | null;
  /** Opens the event's command channel and follows it; returns the disconnect. */
  connect(eventId: string, hooks: { onMoved(): void; onEvent(info: EventInfo): void }): () => void;
  vote(cardId: string, delta: 1 | -1): Promise<void>;
  requestHelp(): Promise<void>;
  cancelHelp(): Promise<void>;
}

const initial = { socket: null, connected: false, roomId: null, view: null, myVotes: {}, votesLeft: 0, totals: null, myHelp: null, awaitingPlacement: false };

/**
 * A participant's live session state and what they can do with it. Pushed events are hints: after every
 * (re)connect and every move the whole snapshot is fetched again, because socket.io does not promise delivery.
 * Actions throw CommandFailed; the control that called them shows the message beside itself.
 */
export const useParticipantControl = create<ParticipantControlState>((set, get) => {
  const socketOrThrow = () => {
    const socket = get().socket;
    if (!socket) throw new Error('Not connected yet.');
    return socket;
  };
  return {
    ...initial,
    connect(eventId, { onMoved, onEvent }) {
      const socket = openControlSocket(eventId);
      const refresh = () => {
        runCommand<'control:get', Snapshot>(socket, 'control:get')
          .then((snap) => {
            observeServerTime(snap.view.serverNow);
            set({ ...snap, connected: true });
          })
          .catch(() => undefined);
      };
      socket.on('connect', refresh);
      socket.on('disconnect', () => set({ connected: false }));
      let lastVoting = '';
      socket.on('control', (view: RoomView) => {
        observeServerTime(view.serverNow);
        set({ view });
        // Voting changes (open/close/limit) change what I have left, and every change of the event's state may be
        // a facilitator's step on my help request (kept out of the room's push, which others read): only then fetch mine.
        const voting = JSON.stringify(view.voting);
        const myHelp = get().myHelp;
        if (voting !== lastVoting || (myHelp && isHelpActive(myHelp))) refresh();
        lastVoting = voting;
      });
      socket.on('votes', ({ totals }: { totals: Record<string, number> }) => set({ totals }));
      socket.on('moved', () => {
        void onMoved();
        refresh();
      });
      socket.on('event', onEvent);
      set({ socket });
      return () => {
        socket.disconnect();
        set(initial);
      };
    },
    async vote(cardId, delta) {
      set(await runCommand<'vote:cast', { myVotes: Record<string, number>; votesLeft: number }>(socketOrThrow(), 'vote:cast', { cardId, delta }));
    },
    async requestHelp() {
      set({ myHelp: await runCommand<'help:request', HelpRequest>(socketOrThrow(), 'help:request') });
    },
    async cancelHelp() {
      await runCommand(socketOrThrow(), 'help:cancel');
      set({ myHelp: null });
    },
  };
});

/** Connects the participant's control channel while the page is open. */
export function useParticipantControlConnection(eventId: string, onMoved: () => void, onEvent: (info: EventInfo) => void): void {
  useEffect(
    () => useParticipantControl.getState().connect(eventId, { onMoved, onEvent }),
    // onMoved/onEvent are stable store actions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [eventId],
  );
}
