import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { roomView, type ControlState } from '../../shared/control';
import { parseDocName } from '../../shared/docNames';
import { helpShownTo } from '../../shared/helpRequests';
import { isAwaitingPlacement } from '../../shared/placement';
import type { EventInfo, TokenClaims } from '../../shared/types';
import { myVotes, totalsByCard, votesUsed } from '../../shared/votes';
import type { ControlService } from '../control/controlService';
import { createActivityNotes, eventOverview } from '../control/overview';
import type { EventOverview } from '../../shared/activity';
import type { Store } from '../store/store';
import type { LiveDocs } from '../yjs/liveDocs';
import { eventChannel, participantChannel, roomChannel, staffChannel } from './socketServer';

export interface RealtimeDeps {
  io: Server;
  store: Store;
  control: ControlService;
  liveDocs: LiveDocs;
  log: Logger;
}

const overviewThrottleMs = 500;

/** Pushes state to the right audiences. Pushes are hints: clients re-fetch everything on reconnect. */
export function createRealtime(deps: RealtimeDeps) {
  const { io, store, control, liveDocs, log } = deps;
  // By document name: its event (parsed once) and when it was last committed, updated in place on every commit.
  const lastCommit = new Map<string, { eventId: string; at: number }>();
  const pendingOverview = new Map<string, NodeJS.Timeout>();

  async function requireEvent(eventId: string): Promise<EventInfo> {
    const event = await store.getEvent(eventId);
    if (!event) throw new Error(`event ${eventId} not found`);
    return event.info;
  }

  const activityNotes = createActivityNotes();

  async function buildOverview(eventId: string): Promise<EventOverview> {
    const [event, state, participants, votes] = await Promise.all([
      requireEvent(eventId),
      control.get(eventId),
      store.listParticipants(eventId),
      store.listVotes(eventId),
    ]);
    // Asked of every server's sockets (through the adapter), so people on other servers count too.
    const sockets = await io.in(eventChannel(eventId)).fetchSockets();
    const here = new Set(sockets.flatMap((socket) => (socket.data.claims?.role === 'participant' ? [socket.data.claims.participantId as string] : [])));
    const lastCommitOf = (roomId: string) => lastCommit.get(`board.${eventId}.${roomId}`)?.at;
    return eventOverview(liveDocs, activityNotes, { event, state, participants, votes, online: here, lastCommitOf, now: Date.now() });
  }

  // Overviews are built only where a facilitator or organiser is connected, and sent to this
  // server's staff sockets only: every server that sees a change does the same for its own.
  function scheduleOverview(eventId: string): void {
    if (pendingOverview.has(eventId) || !io.sockets.adapter.rooms.get(staffChannel(eventId))?.size) return;
    const timer = setTimeout(() => {
      pendingOverview.delete(eventId);
      buildOverview(eventId)
        .then((overview) => io.local.to(staffChannel(eventId)).emit('overview', overview))
        .catch((err) => log.warn({ err, eventId }, 'could not build overview'));
    }, overviewThrottleMs);
    timer.unref();
    pendingOverview.set(eventId, timer);
  }

  async function publishControl(eventId: string, state: ControlState): Promise<void> {
    const event = await requireEvent(eventId);
    const now = Date.now();
    for (const room of event.rooms) io.to(roomChannel(eventId, room.id)).emit('control', roomView(state, room.id, now));
    io.to(staffChannel(eventId)).emit('control:full', { state, serverNow: now });
    scheduleOverview(eventId);
  }

  control.onChange((eventId, state) => {
    publishControl(eventId, state).catch((err) => log.warn({ err, eventId }, 'could not publish control state'));
  });

  /** Everything a participant's screen needs, in one snapshot. */
  async function participantSnapshot(claims: TokenClaims) {
    const participant = await store.getParticipant(claims.participantId);
    if (!participant) throw new Error('participant not found');
    const [state, votes] = await Promise.all([control.get(claims.eventId), store.listVotes(claims.eventId)]);
    const roomVotes = votes.filter((v) => v.roomId === participant.roomId);
    return {
      roomId: participant.roomId,
      view: roomView(state, participant.roomId, Date.now()),
      myVotes: myVotes(roomVotes, claims.participantId),
      votesLeft: Math.max(0, state.voting.votesPerPerson - votesUsed(votes, claims.participantId, participant.roomId)),
      totals: state.voting.revealed ? totalsByCard(roomVotes) : null,
      myHelp: helpShownTo(state.help, claims.participantId),
      awaitingPlacement: isAwaitingPlacement((await requireEvent(claims.eventId)).assignmentMode, state.placement, participant),
    };
  }

  async function staffSnapshot(eventId: string) {
    const [state, event] = await Promise.all([control.get(eventId), requireEvent(eventId)]);
    return { state, event, serverNow: Date.now() };
  }

  return {
    buildOverview,
    scheduleOverview,
    participantSnapshot,
    staffSnapshot,
    async publishVotes(eventId: string, roomId: string): Promise<void> {
      const state = await control.get(eventId);
      const roomVotes = (await store.listVotes(eventId)).filter((v) => v.roomId === roomId);
      if (state.voting.revealed) io.to(roomChannel(eventId, roomId)).emit('votes', { roomId, totals: totalsByCard(roomVotes) });
      scheduleOverview(eventId);
    },
    publishEvent(info: EventInfo): void {
      io.to(eventChannel(info.id)).emit('event', info);
      scheduleOverview(info.id);
    },
    /** Moves a participant's live sockets to their new room's channel and tells their client. */
    async moveSockets(eventId: string, participantId: string, roomId: string): Promise<void> {
      const sockets = await io.in(participantChannel(participantId)).fetchSockets();
      const event = await requireEvent(eventId);
      for (const socket of sockets) {
        for (const room of event.rooms) socket.leave(roomChannel(eventId, room.id));
        socket.join(roomChannel(eventId, roomId));
        socket.emit('moved', { roomId });
      }
    },
    docCommitted(docName: string): void {
      let commit = lastCommit.get(docName);
      if (commit) commit.at = Date.now();
      else {
        const ref = parseDocName(docName);
        if (!ref) return;
        lastCommit.set(docName, (commit = { eventId: ref.eventId, at: Date.now() }));
      }
      scheduleOverview(commit.eventId);
    },
    /** Someone came or went: the overview's "online" figures change. */
    presence(eventId: string): void {
      scheduleOverview(eventId);
    },
    close(): void {
      for (const timer of pendingOverview.values()) clearTimeout(timer);
      pendingOverview.clear();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
