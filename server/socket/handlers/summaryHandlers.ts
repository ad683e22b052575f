import { draftIntoDocument } from '../../summary/draftInput';
import type { CommandHandlers } from '../commandRouter';
import { eventOf, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'summary:draft'>;

export function summaryHandlers(deps: HandlerDeps): Handlers {
  return {
    async 'summary:draft'({ claims }) {
      // One draft at a time per event, so two facilitators pressing the button do not interleave.
      return deps.serial(`summary:${claims.eventId}`, async () => {
        const summary = await draftIntoDocument(await eventOf(deps, claims.eventId), deps.store, deps.liveDocs);
        const messages = summary.groups.flatMap((g) => g.byQuestion.flatMap((q) => q.messages)).length;
        return { messages, suggestions: summary.suggestions.filter((s) => s.status === 'open').length, themes: summary.themes.length };
      });
    },
  };
}
