import type { CloseReasonName } from '../../shared/closeCodes';
import type { DocRef } from '../../shared/docNames';
import type { TokenClaims } from '../../shared/types';
import { participantsCanWrite } from '../../shared/control';
import { isAwaitingPlacement } from '../../shared/placement';
import type { ControlService } from '../control/controlService';
import type { EventStore } from '../store/store';
import { noteNamesMode } from '../events/namesModes';

export interface DocAccess {
  /** Whether this connection may send updates right now (checked on every update, so locks apply at once). */
  canWrite(): boolean;
}

export interface DocAccessDeps {
  events: EventStore;
  control: ControlService;
}

/** Access, or why not: the refusal names the close reason, so the client knows whether to stop or follow. */
export type AccessDecision = { ok: true; access: DocAccess } | { ok: false; refusal: CloseReasonName };

const refuse = (refusal: CloseReasonName): AccessDecision => ({ ok: false, refusal });
const grant = (access: DocAccess): AccessDecision => ({ ok: true, access });

/**
 * Decides what a token may do with a document. Scope comes from the token and the server's own
 * records (a participant's room), never from anything the client says.
 */
export async function resolveDocAccess(claims: TokenClaims, ref: DocRef, deps: DocAccessDeps): Promise<AccessDecision> {
  if (claims.eventId !== ref.eventId) return refuse('noAccess');
  const event = await deps.events.getEvent(ref.eventId);
  if (!event) return refuse('eventDeleted');
  // The connection's board and presence rules follow the names setting, read synchronously (namesModes.ts).
  noteNamesMode(event.info);
  if (ref.kind === 'summary') {
    if (claims.role === 'participant') return refuse('noAccess');
    return grant({ canWrite: () => claims.role === 'facilitator' });
  }
  const { roomId } = ref;
  if (!event.info.rooms.some((room) => room.id === roomId)) return refuse('roomRemoved');
  if (claims.role === 'facilitator') return grant({ canWrite: () => true });
  if (claims.role === 'organiser') return grant({ canWrite: () => false });
  const participant = await deps.events.getParticipant(claims.participantId);
  if (!participant || participant.eventId !== ref.eventId) return refuse('unauthorized');
  // Moved while away: the client follows to the room it belongs in now.
  if (participant.roomId !== roomId) return refuse('moved');
  // Loaded now so the per-update check below is a synchronous cache read.
  await deps.control.get(ref.eventId);
  const { assignmentMode } = event.info;
  return grant({
    canWrite: () => {
      const state = deps.control.cached(ref.eventId);
      // Someone waiting for the facilitator to place them has a room on record but may not write in it yet.
      return state !== undefined && participantsCanWrite(state, roomId) && !isAwaitingPlacement(assignmentMode, state.placement, participant);
    },
  });
}
