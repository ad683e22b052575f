import { readCards } from '../../shared/boardDoc';
import { isRoomLocked, type ControlState } from '../../shared/control';
import { boardDocName } from '../../shared/docNames';
import type { EventInfo, Participant } from '../../shared/types';
import { totalsByCard, type VoteRow } from '../../shared/votes';
import type { LiveDocs } from '../yjs/liveDocs';
import type { BoardStats, RoomOverview } from '../../shared/overview';

/** Counts of one board, read from its live document. */
export async function boardStats(liveDocs: LiveDocs, event: EventInfo, roomId: string, lastCommit: number | undefined): Promise<BoardStats> {
  return liveDocs.withDoc(boardDocName(event.id, roomId), (live) => {
    const cards = readCards(live.doc);
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
  });
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
    openHelp: state.help.filter((h) => h.roomId === roomId && h.status === 'open').length,
    voteTotals: totalsByCard(votes.filter((v) => v.roomId === roomId)),
  };
}
