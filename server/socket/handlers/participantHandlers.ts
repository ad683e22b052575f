import { randomUUID } from 'node:crypto';
import { cardsOf, readCard } from '../../../shared/boardDoc';
import { maxHelpHistory } from '../../../shared/control';
import { isHelpActive, type HelpRequest } from '../../../shared/helpRequests';
import { boardDocName } from '../../../shared/docNames';
import { decideVote, myVotes, votesUsed } from '../../../shared/votes';
import { CommandError, type CommandHandlers } from '../commandRouter';
import type { HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'control:get' | 'overview:get' | 'vote:cast' | 'help:request' | 'help:cancel'>;

export function participantHandlers(deps: HandlerDeps): Handlers {
  const { store, control, realtime, liveDocs } = deps;

  const roomOf = async (participantId: string) => {
    const participant = await store.getParticipant(participantId);
    if (!participant) throw new CommandError('not_joined', 'Please join the event again.');
    return participant;
  };

  return {
    async 'control:get'({ claims }) {
      if (claims.role === 'participant') return { role: claims.role, ...(await realtime.participantSnapshot(claims)) };
      return { role: claims.role, ...(await realtime.staffSnapshot(claims.eventId)) };
    },

    async 'overview:get'({ claims }) {
      return realtime.buildOverview(claims.eventId);
    },

    async 'vote:cast'({ claims }, { cardId, delta }) {
      const participant = await roomOf(claims.participantId);
      // One voter's votes are decided one at a time, so two quick clicks cannot overspend.
      return deps.serial(`votes:${claims.participantId}`, async () => {
        const state = await control.get(claims.eventId);
        const exists = await liveDocs.withDoc(boardDocName(claims.eventId, participant.roomId), (live) => {
          const card = readCard(cardsOf(live.doc).get(cardId));
          return card !== null && !card.hidden;
        });
        if (!exists) throw new CommandError('unknown_card', 'That card is not on your board any more.');
        const votes = await store.listVotes(claims.eventId);
        const current = votes.find((v) => v.cardId === cardId && v.voterId === claims.participantId)?.count ?? 0;
        const decision = decideVote({
          open: state.voting.open,
          limit: state.voting.votesPerPerson,
          usedInRoom: votesUsed(votes, claims.participantId, participant.roomId),
          currentOnCard: current,
          delta,
        });
        if (!decision.ok) throw new CommandError(decision.code, decision.message);
        await store.setVote(claims.eventId, { roomId: participant.roomId, cardId, voterId: claims.participantId, count: decision.count });
        const after = await store.listVotes(claims.eventId);
        await realtime.publishVotes(claims.eventId, participant.roomId);
        return {
          myVotes: myVotes(after.filter((v) => v.roomId === participant.roomId), claims.participantId),
          votesLeft: Math.max(0, state.voting.votesPerPerson - votesUsed(after, claims.participantId, participant.roomId)),
        };
      });
    },

    // Asking again while a request is still active returns that request: one at a time per person.
    async 'help:request'({ claims }) {
      const participant = await roomOf(claims.participantId);
      const mine = (h: HelpRequest) => h.participantId === claims.participantId && isHelpActive(h);
      const state = await control.update(claims.eventId, (s) => {
        if (s.help.some(mine)) return s;
        const request: HelpRequest = { id: randomUUID(), participantId: claims.participantId, name: claims.name, roomId: participant.roomId, at: Date.now(), status: 'sent' };
        return { ...s, help: [...s.help, request].slice(-maxHelpHistory) };
      });
      return state.help.find(mine);
    },

    // Possible until the request is handled; cancelled requests leave the facilitators' list.
    async 'help:cancel'({ claims }) {
      const mine = (h: HelpRequest) => h.participantId === claims.participantId && isHelpActive(h);
      await control.update(claims.eventId, (s) => {
        if (!s.help.some(mine)) return s;
        return { ...s, help: s.help.map((h) => (mine(h) ? { ...h, status: 'cancelled' as const } : h)) };
      });
      return null;
    },
  };
}
