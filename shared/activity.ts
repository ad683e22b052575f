import type { HelpRequest, Placement } from './control';
import { isAwaitingPlacement } from './placement';
import { isHelpActive } from './helpRequests';
import { namesModeOf } from './namesMode';
import type { RoomOverview } from './overview';
import type { EventInfo, Participant } from './types';
import type { VoteRow } from './votes';

// Who is doing what, for the control panel (issue 15): per-person counts, voting progress per room and
// event totals. Pure: the server computes them from the boards, votes and help requests and pushes them
// with the overview; the client only displays them.

/** One person's part in the event, as a facilitator sees it. */
export interface PersonActivity {
  id: string;
  /** Their name, or in anonymous events only the server-made "Participant N". */
  label: string;
  roomId: string;
  cards: number;
  votes: number;
  /** Votes a person may cast in their room. */
  voteAllowance: number;
  /** Server time of the latest thing they did (joined, wrote a card, voted, asked for help). */
  lastActive: number | null;
  online: boolean;
  /** Wrote a card or cast a vote. */
  contributed: boolean;
  /** Joined while the facilitator places people and not placed yet (shared/placement.ts). */
  waiting: boolean;
}

export interface RoomVoting {
  roomId: string;
  used: number;
  /** Votes per person × people in the room. */
  allowance: number;
}

export interface EventTotals {
  joined: number;
  online: number;
  cards: number;
  votes: number;
  openHelp: number;
}

/** What the server pushes to staff: rooms, people, voting, totals. */
export interface EventOverview {
  rooms: RoomOverview[];
  people: PersonActivity[];
  voting: RoomVoting[];
  totals: EventTotals;
  /** Server time the current stage began (as far as this server has seen), for "not contributed after N minutes". */
  stageSince: number | null;
  serverNow: number;
}

/** Cards one author has on the boards (visible or hidden: they wrote them), and when they wrote the newest. */
export interface AuthorCards {
  count: number;
  newest: number;
}

const pseudonym = /^Participant \d{1,9}$/;

/**
 * How a person is labelled on the control panel. Anonymous events store a server-made "Participant N" as the
 * name; anything else there (a stored name from before the setting) is never shown, only its position.
 */
export function personLabel(info: Pick<EventInfo, 'namesMode'>, person: Pick<Participant, 'name'>, position: number): string {
  if (namesModeOf(info) !== 'anonymous') return person.name;
  return pseudonym.test(person.name) ? person.name : `Participant ${position + 1}`;
}

/** Adds a board's cards to the per-author counts. */
export function addAuthorCards(into: Map<string, AuthorCards>, cards: readonly { authorId: string; createdAt: number }[]): Map<string, AuthorCards> {
  for (const card of cards) {
    const seen = into.get(card.authorId) ?? { count: 0, newest: 0 };
    into.set(card.authorId, { count: seen.count + 1, newest: Math.max(seen.newest, card.createdAt) });
  }
  return into;
}

export interface ActivityInput {
  info: Pick<EventInfo, 'namesMode' | 'assignmentMode'>;
  placement: Placement;
  participants: readonly Participant[];
  authors: ReadonlyMap<string, AuthorCards>;
  votes: readonly VoteRow[];
  votesPerPerson: number;
  help: readonly HelpRequest[];
  online: ReadonlySet<string>;
  /** When each voter's vote count last changed, where known. */
  votedAt: ReadonlyMap<string, number>;
}

const latest = (...times: (number | null | undefined)[]): number | null => {
  const known = times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t > 0);
  return known.length ? Math.max(...known) : null;
};

export function personActivity(input: ActivityInput): PersonActivity[] {
  const { info, placement, participants, authors, votes, votesPerPerson, help, online, votedAt } = input;
  return participants.map((person, position) => {
    const cards = authors.get(person.id);
    const cast = votes.filter((v) => v.voterId === person.id && v.roomId === person.roomId).reduce((sum, v) => sum + v.count, 0);
    const askedAt = help.filter((h) => h.participantId === person.id).map((h) => h.at);
    const count = cards?.count ?? 0;
    return {
      id: person.id,
      label: personLabel(info, person, position),
      roomId: person.roomId,
      cards: count,
      votes: cast,
      voteAllowance: votesPerPerson,
      lastActive: latest(Date.parse(person.joinedAt), cards?.newest, votedAt.get(person.id), ...askedAt),
      online: online.has(person.id),
      contributed: count > 0 || cast > 0,
      waiting: isAwaitingPlacement(info.assignmentMode, placement, person),
    };
  });
}

export function votingProgress(roomIds: readonly string[], people: readonly Pick<PersonActivity, 'roomId' | 'votes'>[], votesPerPerson: number): RoomVoting[] {
  return roomIds.map((roomId) => {
    const inRoom = people.filter((p) => p.roomId === roomId);
    return { roomId, used: inRoom.reduce((sum, p) => sum + p.votes, 0), allowance: votesPerPerson * inRoom.length };
  });
}

export function eventTotals(rooms: readonly Pick<RoomOverview, 'cardCount'>[], people: readonly Pick<PersonActivity, 'online' | 'votes'>[], help: readonly Pick<HelpRequest, 'status'>[]): EventTotals {
  return {
    joined: people.length,
    online: people.filter((p) => p.online).length,
    cards: rooms.reduce((sum, r) => sum + r.cardCount, 0),
    votes: people.reduce((sum, p) => sum + p.votes, 0),
    openHelp: help.filter(isHelpActive).length,
  };
}

/** "just now", "2 min ago", "1 h 5 min ago": how long since someone last did something. */
export function agoText(time: number | null, now: number): string {
  if (time === null) return 'not yet';
  const minutes = Math.floor(Math.max(0, now - time) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min ago` : `${hours} h ago`;
}

/**
 * Notes when each voter's total last changed, since votes carry no time. On the first look at an event
 * (`previous` undefined: the server may just have started) nothing is stamped; after that, a new voter or a
 * changed total is stamped with the time the overview is built.
 */
export function noteVoteChanges(
  previous: ReadonlyMap<string, { total: number; at: number | null }> | undefined,
  votes: readonly VoteRow[],
  now: number,
): Map<string, { total: number; at: number | null }> {
  const totals = new Map<string, number>();
  for (const v of votes) totals.set(v.voterId, (totals.get(v.voterId) ?? 0) + v.count);
  const next = new Map<string, { total: number; at: number | null }>();
  for (const [voterId, total] of totals) {
    const before = previous?.get(voterId);
    if (before?.total === total) next.set(voterId, before);
    else next.set(voterId, { total, at: previous ? now : null });
  }
  return next;
}
