import type { EventSummary, KeyMessage, QuestionMessages, RawCard, RoomGroup } from './summaryModel';

// Read and rewrite helpers shared by the synthesis operations. All return new objects.

export interface SummaryCard extends RawCard {
  roomId: string;
  questionId: string;
}

/** The visible cards a summary was drafted from (its appendix), by id. */
export function summaryCards(summary: EventSummary): Map<string, SummaryCard> {
  const cards = new Map<string, SummaryCard>();
  for (const room of summary.appendix.rawCards) {
    for (const q of room.byQuestion) {
      for (const card of q.cards) cards.set(card.id, { ...card, roomId: room.roomId, questionId: q.questionId });
    }
  }
  return cards;
}

export interface MessageLocation {
  roomId: string;
  questionId: string;
  message: KeyMessage;
}

export function locateMessage(summary: EventSummary, messageId: string): MessageLocation | undefined {
  for (const group of summary.groups) {
    for (const q of group.byQuestion) {
      const message = q.messages.find((m) => m.id === messageId);
      if (message) return { roomId: group.roomId, questionId: q.questionId, message };
    }
  }
  return undefined;
}

export function requireMessage(summary: EventSummary, messageId: string): MessageLocation {
  const found = locateMessage(summary, messageId);
  if (!found) throw new Error(`No key message with id ${messageId}`);
  return found;
}

/** Rewrites every question's message list; `order` fields are renumbered afterwards. */
export function mapQuestions(
  summary: EventSummary,
  rewrite: (q: QuestionMessages, group: RoomGroup) => QuestionMessages,
): EventSummary {
  return {
    ...summary,
    groups: summary.groups.map((group) => ({
      ...group,
      byQuestion: group.byQuestion.map((q) => {
        const next = rewrite(q, group);
        return next === q ? q : { ...next, messages: next.messages.map((m, order) => (m.order === order ? m : { ...m, order })) };
      }),
    })),
  };
}

export function allMessages(summary: EventSummary): KeyMessage[] {
  return summary.groups.flatMap((g) => g.byQuestion.flatMap((q) => q.messages));
}
