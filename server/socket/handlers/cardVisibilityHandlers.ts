import { createCardVisibility } from '../../moderation/cardVisibility';
import { CommandError, type CommandHandlers } from '../commandRouter';
import { eventOf, requireRoom, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'card:hide' | 'card:show' | 'hiddenCards:get'>;

const unknownCard = () => new CommandError('unknown_card', 'That card is not on this board any more.');

/** Facilitators hide and show cards through the server (no client may write `hidden`); staff read hidden texts. */
export function cardVisibilityHandlers(deps: HandlerDeps): Handlers {
  const visibility = createCardVisibility(deps);
  // The board is always the caller's own event's: the document name is built from the token's event.
  const roomOfMyEvent = async (eventId: string, roomId: string) => requireRoom(await eventOf(deps, eventId), roomId);

  return {
    async 'card:hide'({ claims }, { roomId, cardId }) {
      await roomOfMyEvent(claims.eventId, roomId);
      const outcome = await visibility.hide(claims.eventId, roomId, cardId);
      if (outcome === 'missing') throw unknownCard();
      if (outcome === 'busy') throw new CommandError('card_busy', 'Someone is typing in that card. Please try again in a moment.');
      return { roomId, cardId, hidden: true };
    },

    async 'card:show'({ claims }, { roomId, cardId }) {
      await roomOfMyEvent(claims.eventId, roomId);
      if ((await visibility.show(claims.eventId, roomId, cardId)) === 'missing') throw unknownCard();
      return { roomId, cardId, hidden: false };
    },

    async 'hiddenCards:get'({ claims }, { roomId }) {
      await roomOfMyEvent(claims.eventId, roomId);
      return visibility.list(claims.eventId, roomId);
    },
  };
}
