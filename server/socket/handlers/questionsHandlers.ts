import { readCards } from '../../../shared/boardDoc';
import { boardDocName } from '../../../shared/docNames';
import type { QuestionsSetInput } from '../../../shared/schemas';
import type { EventInfo } from '../../../shared/types';
import { questionsWithIds } from '../../events/eventService';
import { CommandError, type CommandHandlers } from '../commandRouter';
import { changeEvent, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'questions:set'>;

export function questionsHandlers(deps: HandlerDeps): Handlers {
  return {
    // The whole list replaces the event's: kept questions by id (renaming keeps their cards), new ones get ids.
    async 'questions:set'({ claims }, { questions }) {
      const info = await changeEvent(deps, claims.eventId, async (event) => {
        requireKnownIds(event, questions);
        const keptIds = new Set(questions.flatMap((q) => (q.id ? [q.id] : [])));
        const removed = event.questions.filter((q) => !keptIds.has(q.id));
        if (removed.length) await refuseRemovingAnswered(deps, event, removed);
        return { ...event, questions: questionsWithIds(questions) };
      });
      return info.questions;
    },
  };
}

function requireKnownIds(event: EventInfo, questions: QuestionsSetInput['questions']): void {
  const existing = new Set(event.questions.map((q) => q.id));
  const seen = new Set<string>();
  for (const { id } of questions) {
    if (id === undefined) continue;
    // An id the event never had would be a question with no cards pretending to be an old one.
    if (!existing.has(id)) throw new CommandError('unknown_question', 'That question is not in this event any more. Reload and try again.');
    if (seen.has(id)) throw new CommandError('duplicate_question', 'The same question is in the list twice.');
    seen.add(id);
  }
}

/**
 * Cards refer to their question by id: a removed question's cards would vanish from every board and the
 * summary, so a question with cards on any board stays. The count is read from the live boards. A card
 * written to the question in the instant between this count and the save would be orphaned; the facilitator
 * sees the question gone and its writer's board shows no column for it, a window we accept rather than
 * locking every board while the list changes.
 */
async function refuseRemovingAnswered(deps: HandlerDeps, event: EventInfo, removed: EventInfo['questions']): Promise<void> {
  const counts = new Map<string, number>();
  for (const room of event.rooms) {
    const cards = await deps.liveDocs.withDoc(boardDocName(event.id, room.id), (live) => readCards(live.doc));
    for (const card of cards) counts.set(card.questionId, (counts.get(card.questionId) ?? 0) + 1);
  }
  const answered = removed.find((q) => (counts.get(q.id) ?? 0) > 0);
  if (!answered) return;
  const count = counts.get(answered.id)!;
  throw new CommandError(
    'question_has_cards',
    `“${answered.prompt}” has ${count} card${count === 1 ? '' : 's'} on the boards, so it cannot be removed. Rename it instead, or move its cards to another question first.`,
  );
}
