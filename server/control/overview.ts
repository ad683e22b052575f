import { addAuthorCards, eventTotals, noteVoteChanges, personActivity, votingProgress, type AuthorCards, type EventOverview } from '../../shared/activity';
import { readCards } from '../../shared/boardDoc';
import { isRoomLocked, type ControlState, type Phase } from '../../shared/control';
import { boardDocName } from '../../shared/docNames';
import { isHelpActive } from '../../shared/helpRequests';
import type { Card, EventInfo, Participant } from '../../shared/types';
import { totalsByCard, type VoteRow } from '../../shared/votes';
import type { LiveDocs } from '../yjs/liveDocs';
import type { BoardStats, RoomOverview } from '../../shared/overview';

function statsOf(event: EventInfo, cards: readonly Card[], lastCommit: number | undefined): BoardStats {
  const cardsByQuestion: Record<string, number> = Object.fromEntries(event.questions.map((q) => [q.id, 0]));
  let hiddenCount = 0;
  let newest = 0;
  for (const card of cards) {
    if (card.hidden) hiddenCount++;
    else if (card.questionId in cardsByQuestion) cardsByQuestion[card.questionId]!++;
    newest = Math.max(newest, card.createdAt);
  }
  const lastActivity = Math.max(newest, lastCommit ?? 0) || null;
  return { cardsByQuestion, cardCount: cards.length - hiddenCount, hiddenCount, lastActivity };
}

/** Counts of one board, and who wrote its cards, read from its live document. */
async function readBoard(liveDocs: LiveDocs, event: EventInfo, roomId: string, lastCommit: number | undefined) {
  return liveDocs.withDoc(boardDocName(event.id, roomId), (live) => {
    const cards = readCards(live.doc);
    return { stats: statsOf(event, cards, lastCommit), cards: cards.map(({ authorId, createdAt }) => ({ authorId, createdAt })) };
  });
}

/** Counts of one board, read from its live document. */
export async function boardStats(liveDocs: LiveDocs, event: EventInfo, roomId: string, lastCommit: number | undefined): Promise<BoardStats> {
  return (await readBoard(liveDocs, event, roomId, lastCommit)).stats;
}

export function roomOverview(
  event: EventInfo,
  roomId: string,
  stats: BoardStats,
  state: ControlState,
  participants: readonly Participant[],
  online: ReadonlySet<string>,
  votes: readonly VoteRow[],
): RoomOverview {
  return {
    roomId,
    topic: event.rooms.find((r) => r.id === roomId)?.topic ?? roomId,
    participants: participants.filter((p) => p.roomId === roomId).map((p) => ({ id: p.id, name: p.name, online: online.has(p.id) })),
    ...stats,
    locked: isRoomLocked(state, roomId),
    openHelp: state.help.filter((h) => h.roomId === roomId && isHelpActive(h)).length,
    voteTotals: totalsByCard(votes.filter((v) => v.roomId === roomId)),
  };
}

/**
 * What this server has noticed over time that the stored data does not say: when each voter's total last
 * changed, and when the stage began for states stored before they carried `phaseSince`. In memory, per
 * server: after a restart they start again.
 */
export function createActivityNotes() {
  const stages = new Map<string, { phase: Phase; since: number }>();
  const votes = new Map<string, Map<string, { total: number; at: number | null }>>();
  return {
    stageSince(eventId: string, state: Pick<ControlState, 'phase' | 'phaseSince'>, now: number): number {
      if (state.phaseSince > 0) return state.phaseSince;
      const { phase } = state;
      const seen = stages.get(eventId);
      if (seen?.phase === phase) return seen.since;
      stages.set(eventId, { phase, since: now });
      return now;
    },
    votedAt(eventId: string, rows: readonly VoteRow[], now: number): Map<string, number> {
      const next = noteVoteChanges(votes.get(eventId), rows, now);
      votes.set(eventId, next);
      return new Map([...next].flatMap(([voterId, { at }]) => (at === null ? [] : [[voterId, at] as const])));
    },
    forget(eventId: string): void {
      stages.delete(eventId);
      votes.delete(eventId);
    },
  };
}

export type ActivityNotes = ReturnType<typeof createActivityNotes>;

export interface OverviewInput {
  event: EventInfo;
  state: ControlState;
  participants: readonly Participant[];
  votes: readonly VoteRow[];
  /** Participants with a live control connection on any server. */
  online: ReadonlySet<string>;
  lastCommitOf(roomId: string): number | undefined;
  now: number;
}

/** Everything the control panel shows of the event: rooms, each person's activity, voting progress, totals. */
export async function eventOverview(liveDocs: LiveDocs, notes: ActivityNotes, input: OverviewInput): Promise<EventOverview> {
  const { event, state, participants, votes, online, now } = input;
  const boards = await Promise.all(event.rooms.map((room) => readBoard(liveDocs, event, room.id, input.lastCommitOf(room.id))));
  const rooms = event.rooms.map((room, i) => roomOverview(event, room.id, boards[i]!.stats, state, participants, online, votes));
  const authors = boards.reduce((into, board) => addAuthorCards(into, board.cards), new Map<string, AuthorCards>());
  const people = personActivity({
    info: event,
    placement: state.placement,
    participants,
    authors,
    votes,
    votesPerPerson: state.voting.votesPerPerson,
    help: state.help,
    online,
    votedAt: notes.votedAt(event.id, votes, now),
  });
  return {
    rooms,
    people,
    voting: votingProgress(event.rooms.map((r) => r.id), people, state.voting.votesPerPerson),
    totals: eventTotals(rooms, people, state.help),
    stageSince: notes.stageSince(event.id, state, now),
    serverNow: now,
  };
}
