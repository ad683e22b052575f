import type { Action, EventSummary, RoomGroup } from './summaryModel';
import { reconcileDrafted } from './reconcile';

// Next steps are drafted from the key messages of the template's last question
// ("How will we make it happen?"): templates are data, so "last" is the only rule.

export function draftActions(groups: readonly RoomGroup[]): Action[] {
  return groups.flatMap((group) =>
    (group.byQuestion[group.byQuestion.length - 1]?.messages ?? []).map((message) => ({
      id: `action-${message.id}`,
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
  const actions = reconcileDrafted(summary.nextSteps.actions, draftActions(summary.groups), summary.dismissed.actionIds, (a) => ({
    ...a,
    sourceCardIds: a.sourceCardIds.filter(isVisible),
  }));
  return { ...summary, nextSteps: { ...summary.nextSteps, actions } };
}
