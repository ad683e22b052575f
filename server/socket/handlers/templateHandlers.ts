import type { Template } from '../../../shared/types';
import { randomId } from '../../events/eventService';
import { CommandError, type CommandHandlers } from '../commandRouter';
import { eventOf, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'template:save'>;

/** Saved templates are listed to everyone creating an event here: a cap keeps one facilitator from flooding /new. */
export const maxSavedTemplates = 200;

export function templateHandlers(deps: HandlerDeps): Handlers {
  return {
    async 'template:save'({ claims }, { name, description }) {
      if ((await deps.store.listTemplates()).length >= maxSavedTemplates) {
        throw new CommandError('too_many_templates', `This server already keeps ${maxSavedTemplates} saved templates.`);
      }
      const event = await eventOf(deps, claims.eventId);
      // The prefix keeps saved ids apart from the built-in templates' slugs and from 'custom'.
      const template: Template = {
        id: `saved-${randomId()}`,
        name,
        description,
        questions: event.questions,
        rooms: event.rooms.map(({ id, topic }) => ({ id, topic })),
      };
      await deps.store.saveTemplate(template, new Date().toISOString());
      return template;
    },
  };
}
