import type { DocRef } from '../../shared/docNames';
import type { TokenClaims } from '../../shared/types';
import { participantsCanWrite } from '../../shared/control';
import type { ControlService } from '../control/controlService';
import type { EventStore } from '../store/store';

export interface DocAccess {
  /** Whether this connection may send updates right now (checked on every update, so locks apply at once). */
  canWrite(): boolean;
}

export interface DocAccessDeps {
  events: EventStore;
  control: ControlService;
}

/**
 * Decides what a token may do with a document. Scope comes from the token and the server's own
 * records (a participant's room), never from anything the client says. Returns null for no access.
 */
export async function resolveDocAccess(claims: TokenClaims, ref: DocRef, deps: DocAccessDeps): Promise<DocAccess | null> {
  if (claims.eventId !== ref.eventId) return null;
  const event = await deps.events.getEvent(ref.eventId);
  if (!event) return null;
  if (ref.kind === 'summary') {
    if (claims.role === 'participant') return null;
    return { canWrite: () => claims.role === 'facilitator' };
  }
  const { roomId } = ref;
  if (!event.info.rooms.some((room) => room.id === roomId)) return null;
  if (claims.role === 'facilitator') return { canWrite: () => true };
  if (claims.role === 'organiser') return { canWrite: () => false };
  const participant = await deps.events.getParticipant(claims.participantId);
  if (!participant || participant.eventId !== ref.eventId || participant.roomId !== roomId) return null;
  // Loaded now so the per-update check below is a synchronous cache read.
  await deps.control.get(ref.eventId);
  return {
    canWrite: () => {
      const state = deps.control.cached(ref.eventId);
      return state !== undefined && participantsCanWrite(state, roomId);
    },
  };
}
