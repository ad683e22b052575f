import type { Server } from 'socket.io';
import type { Store } from '../store/store';
import type { Realtime } from './realtime';
import { eventChannel, participantChannel, roomChannel, staffChannel, type RoundtableSocket } from './socketServer';

/** Puts each socket in its audiences' channels and tracks who is online. */
export function trackConnections(io: Server, store: Store, realtime: Realtime): void {
  io.on('connection', (raw) => {
    const socket = raw as RoundtableSocket;
    const { claims } = socket.data;
    socket.join(eventChannel(claims.eventId));
    if (claims.role !== 'participant') {
      socket.join(staffChannel(claims.eventId));
      return;
    }
    void store.getParticipant(claims.participantId).then((participant) => {
      if (!participant || participant.eventId !== claims.eventId) {
        socket.disconnect(true);
        return;
      }
      if (socket.disconnected) return;
      socket.join([roomChannel(claims.eventId, participant.roomId), participantChannel(participant.id)]);
      realtime.presence(claims.eventId);
      socket.on('disconnect', () => realtime.presence(claims.eventId));
    });
  });
}
