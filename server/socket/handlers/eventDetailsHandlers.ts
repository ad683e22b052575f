import { summaryDocName } from '../../../shared/docNames';
import { readSummary, writeSummary } from '../../../shared/summary/summaryDoc';
import { frontMatterOf } from '../../../shared/summary/summaryModel';
import type { EventInfo } from '../../../shared/types';
import { withEventDetails } from '../../events/eventService';
import type { CommandHandlers } from '../commandRouter';
import { changeEvent, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'event:details'>;

/** The origin of the server's own summary edits when the event's details change. */
export const detailsOrigin = 'server-details';

export function eventDetailsHandlers(deps: HandlerDeps): Handlers {
  return {
    async 'event:details'({ claims }, change) {
      const info = await changeEvent(deps, claims.eventId, (event) => withEventDetails(event, change));
      await refreshSummaryFrontMatter(deps, info);
      // The command router audits facilitators' commands; organisers run no other change, so theirs is recorded here.
      if (claims.role === 'organiser') {
        await deps.store.appendAudit({
          eventId: claims.eventId,
          at: new Date().toISOString(),
          actorId: claims.participantId,
          actorRole: claims.role,
          action: 'event:details',
          detail: JSON.stringify(change).slice(0, 500),
        });
      }
      return info;
    },
  };
}

/**
 * The summary document keeps a copy of the front matter (drafting writes it from the event). Refreshing
 * that copy here, rather than overlaying the event wherever the summary is read, keeps one rule for every
 * reader: the live preview (staff see the Yjs change at once), every export and the offline copies all show
 * what the document holds. Drafting runs under the same key, so a draft begun with the old details cannot
 * write them back after this refresh. No summary yet: exports draft from the event itself.
 */
async function refreshSummaryFrontMatter(deps: HandlerDeps, info: EventInfo): Promise<void> {
  await deps.serial(`summary:${info.id}`, () =>
    deps.liveDocs.withDoc(summaryDocName(info.id), (live) => {
      const summary = readSummary(live.doc);
      if (summary) writeSummary(live.doc, { ...summary, ...frontMatterOf(info) }, detailsOrigin);
    }),
  );
}
