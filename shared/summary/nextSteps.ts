import type { Action, EventSummary, RoomGroup } from './summaryModel';
import { reconcileDrafted } from './reconcile';

// Next steps are drafted from the key messages of the template's last question
// ("How will we make it happen?"): templates are data, so "last" is the only rule.

/** The id of the action drafted automatically from a last-question message. */
export function draftedActionId(messageId: string): string {
  return `action-${messageId}`;
}

/** The id of the action a facilitator made from a message with "Make a next step". */
export function promotedActionId(messageId: string): string {
  return `action-from-${messageId}`;
}

/** Actions drafted from the last question's messages, except those `skip` says are covered already. */
export function draftActions(groups: readonly RoomGroup[], skip: (messageId: string) => boolean = () => false): Action[] {
  return groups.flatMap((group) =>
    (group.byQuestion[group.byQuestion.length - 1]?.messages ?? []).filter((message) => !skip(message.id)).map((message) => ({
      id: draftedActionId(message.id),
      what: message.text,
      who: '',
      when: '',
      sourceCardIds: message.sourceCardIds,
      edited: false,
      origin: 'drafted' as const,
    })),
  );
}

/** Brings drafted actions in line with the key messages, keeping what facilitators edited or added. */
export function syncActions(summary: EventSummary, isVisible: (cardId: string) => boolean): EventSummary {
  // A message a facilitator already made a next step is not drafted a second time.
  const ids = new Set(summary.nextSteps.actions.map((a) => a.id));
  const drafted = draftActions(summary.groups, (messageId) => ids.has(promotedActionId(messageId)));
  const actions = reconcileDrafted(summary.nextSteps.actions, drafted, summary.dismissed.actionIds, (a) => ({
    ...a,
    sourceCardIds: a.sourceCardIds.filter(isVisible),
  }));
  return { ...summary, nextSteps: { ...summary.nextSteps, actions } };
}
