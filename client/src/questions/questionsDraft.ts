import type { QuestionsSetInput } from '../../../shared/schemas';
import type { RoomOverview } from '../../../shared/overview';
import type { Question } from '../../../shared/types';
import { draftsFrom, toInput, type QuestionDraft } from '../newEvent/questionDrafts';

// The control panel's question rows: /new's drafts plus each existing question's id, which goes back to
// the server so a renamed or moved question keeps its cards.

export function draftsOfEvent(questions: readonly Question[]): QuestionDraft[] {
  return draftsFrom(questions).map((draft, index) => ({ ...draft, id: questions[index]?.id }));
}

export function questionsPayload(drafts: readonly QuestionDraft[]): QuestionsSetInput {
  return { questions: drafts.map((draft) => ({ ...(draft.id ? { id: draft.id } : {}), ...toInput(draft) })) };
}

/** Compares what would be saved, so typing a change and typing it back counts as no change. */
export function sameQuestions(a: readonly QuestionDraft[], b: readonly QuestionDraft[]): boolean {
  return JSON.stringify(questionsPayload(a)) === JSON.stringify(questionsPayload(b));
}

/** Cards per question across every room, from the live overview (the server counts again when saving). */
export function cardsPerQuestion(rooms: readonly RoomOverview[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const room of rooms) {
    for (const [questionId, count] of Object.entries(room.cardsByQuestion)) counts.set(questionId, (counts.get(questionId) ?? 0) + count);
  }
  return counts;
}
