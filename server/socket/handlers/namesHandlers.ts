import { namesLockedMessage } from '../../../shared/namesMode';
import { noteNamesMode, withJoinsOrdered } from '../../events/namesModes';
import { CommandError, type CommandHandlers } from '../commandRouter';
import { changeEvent, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'names:set'>;

export function namesHandlers(deps: HandlerDeps): Handlers {
  return {
    // Ordered with joins (withJoinsOrdered), so nobody can join between the check and the change.
    async 'names:set'({ claims }, { mode }) {
      return withJoinsOrdered(claims.eventId, async () => {
        const info = await changeEvent(deps, claims.eventId, async (event) => {
          if ((event.namesMode ?? 'shown') === mode) return event;
          const joined = (await deps.store.listParticipants(claims.eventId)).length;
          if (joined > 0) throw new CommandError('names_locked', namesLockedMessage);
          return { ...event, namesMode: mode };
        });
        noteNamesMode(info);
        return info;
      });
    },
  };
}
