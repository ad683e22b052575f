import { readCards } from '../../shared/boardDoc';
import { boardDocName, summaryDocName } from '../../shared/docNames';
import { draftSummary } from '../../shared/summary/draftSummary';
import { readSummary, writeSummary } from '../../shared/summary/summaryDoc';
import type { DraftInput, EventSummary } from '../../shared/summary/summaryModel';
import { namesModeOf } from '../../shared/namesMode';
import type { Card, EventInfo, Participant } from '../../shared/types';
import { totalsByCard } from '../../shared/votes';
import { withSavedTexts } from '../moderation/savedCardTexts';
import type { Store } from '../store/store';
import type { LiveDocs } from '../yjs/liveDocs';

/**
 * Everything drafting needs, read from the live boards, the vote rows and the participant list. Hidden
 * cards carry their saved texts (staff read them: the raw card exports list every card, flagged hidden);
 * drafting itself leaves hidden cards out (shared/summary/visibleCards.ts).
 */
export async function loadDraftInput(event: EventInfo, store: Store, liveDocs: LiveDocs): Promise<DraftInput> {
  const [votes, participants, hidden] = await Promise.all([store.listVotes(event.id), store.listParticipants(event.id), store.listHiddenCards(event.id)]);
  const authorOf = cardAuthors(event, participants);
  const boards = await Promise.all(
    event.rooms.map(async (room) => ({
      roomId: room.id,
      cards: withSavedTexts(await liveDocs.withDoc(boardDocName(event.id, room.id), (live) => readCards(live.doc)), hidden, room.id).map((card) => ({
        ...card,
        authorName: authorOf(card),
      })),
      votes: totalsByCard(votes.filter((v) => v.roomId === room.id)),
      participantCount: participants.filter((p) => p.roomId === room.id).length,
    })),
  );
  return { event, boards };
}

/**
 * Who wrote a card, for the summary and exports (whether exports print it is the export's choice):
 * - shown: the name the card carries;
 * - hidden: cards carry no name, so the participant's display name is looked up by the card's authorId;
 *   staff cards keep their role name ("Facilitator");
 * - anonymous: nobody, always '' (no name was ever stored; pseudonyms are for the control panel only).
 */
export function cardAuthors(event: EventInfo, participants: readonly Participant[]): (card: Card) => string {
  const mode = namesModeOf(event);
  if (mode === 'anonymous') return () => '';
  if (mode === 'shown') return (card) => card.authorName;
  const names = new Map(participants.map((p) => [p.id, p.name]));
  return (card) => names.get(card.authorId) ?? (card.authorName || staffName(card.authorId));
}

/** Staff sessions' ids start with their role's letter (eventRoutes.ts): their cards say which role wrote them. */
function staffName(authorId: string): string {
  if (authorId.startsWith('f-')) return 'Facilitator';
  if (authorId.startsWith('o-')) return 'Organiser';
  return '';
}

/**
 * Drafts (or re-drafts) the summary into its shared document. Facilitators' edits already in the
 * document are the `previous` summary, so they survive; connected editors see the result live.
 */
export async function draftIntoDocument(event: EventInfo, store: Store, liveDocs: LiveDocs): Promise<EventSummary> {
  const input = await loadDraftInput(event, store, liveDocs);
  return liveDocs.withDoc(summaryDocName(event.id), (live) => {
    const next = draftSummary(input, readSummary(live.doc) ?? undefined);
    writeSummary(live.doc, next, 'server-draft');
    return next;
  });
}

/** The summary to export: the facilitators' document, or a fresh draft if nobody has drafted yet. */
export async function summaryForExport(event: EventInfo, store: Store, liveDocs: LiveDocs): Promise<{ summary: EventSummary; input: DraftInput }> {
  const input = await loadDraftInput(event, store, liveDocs);
  const saved = await liveDocs.withDoc(summaryDocName(event.id), (live) => readSummary(live.doc));
  return { summary: saved ?? draftSummary(input), input };
}
