import type { ControlState, Placement } from './control';
import type { AssignmentMode } from './types';

// Facilitator placement: someone who joins while the facilitator places people waits on a "waiting for a room"
// screen until a facilitator puts them in one. The server still records a room for them (the least full, as
// before), so every other part of the app keeps one room per participant; the waiting is this rule's alone.

interface Joiner {
  id: string;
  /** ISO time of joining, from the server's clock. */
  joinedAt: string;
}

export function isAwaitingPlacement(mode: AssignmentMode, placement: Placement, participant: Joiner): boolean {
  if (mode !== 'facilitator') return false;
  return Date.parse(participant.joinedAt) >= placement.since && !placement.placed.includes(participant.id);
}

/** A facilitator put this person in a room (moved, or split evenly): they stop waiting. */
export function withPlaced(state: ControlState, participantIds: readonly string[]): ControlState {
  const fresh = participantIds.filter((id) => !state.placement.placed.includes(id));
  if (fresh.length === 0) return state;
  return { ...state, placement: { ...state.placement, placed: [...state.placement.placed, ...fresh] } };
}

/** Switching to facilitator placement mid-event: those already in rooms stay there; only later joiners wait. */
export function withPlacementMode(state: ControlState, from: AssignmentMode, to: AssignmentMode, now: number): ControlState {
  if (to !== 'facilitator' || from === 'facilitator') return state;
  return { ...state, placement: { since: now, placed: [] } };
}

/** What the join page says will happen, per mode (issue 15: it said "your facilitator will place you" in every mode). */
export const joinPlacementWording: Record<Exclude<AssignmentMode, 'self-select'>, string> = {
  auto: "You'll be placed in a room automatically when you join.",
  facilitator: 'Your facilitator will place you in a room. After joining you wait on a short screen until they do; your board then opens by itself.',
};
