// Dot-voting: each vote is stored per voter and card, so concurrent voters never overwrite each other.

export interface VoteRow {
  roomId: string;
  cardId: string;
  voterId: string;
  count: number;
}

export function votesUsed(rows: readonly VoteRow[], voterId: string, roomId: string): number {
  return rows.filter((r) => r.voterId === voterId && r.roomId === roomId).reduce((sum, r) => sum + r.count, 0);
}

export function totalsByCard(rows: readonly VoteRow[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) totals[row.cardId] = (totals[row.cardId] ?? 0) + row.count;
  return totals;
}

export function myVotes(rows: readonly VoteRow[], voterId: string): Record<string, number> {
  const mine: Record<string, number> = {};
  for (const row of rows) if (row.voterId === voterId && row.count > 0) mine[row.cardId] = row.count;
  return mine;
}

export type VoteDecision = { ok: true; count: number } | { ok: false; code: 'voting_closed' | 'no_votes_left' | 'nothing_to_remove'; message: string };

/** Whether a voter may add (+1) or take back (-1) a vote on a card, and the card's new count for them. */
export function decideVote(options: { open: boolean; limit: number; usedInRoom: number; currentOnCard: number; delta: 1 | -1 }): VoteDecision {
  const { open, limit, usedInRoom, currentOnCard, delta } = options;
  if (!open) return { ok: false, code: 'voting_closed', message: 'Voting is not open right now.' };
  if (delta === 1 && usedInRoom >= limit) return { ok: false, code: 'no_votes_left', message: `You’ve used ${limit === 1 ? 'your vote' : `your ${limit} votes`} in this room — take one back to vote for this card.` };
  if (delta === -1 && currentOnCard <= 0) return { ok: false, code: 'nothing_to_remove', message: 'You have no vote on this card to take back.' };
  return { ok: true, count: currentOnCard + delta };
}
