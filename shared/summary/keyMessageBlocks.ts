import type { Question } from '../types';
import { listOrNote, provenanceNote } from './blockHelpers';
import type { DocBlock } from './docBlocks';
import { keyMessageLayout } from './sections';
import { summaryCards } from './summaryLookup';
import type { EventSummary, KeyMessage } from './summaryModel';

// The key messages in the summary's layout. By room is SCIE's shape (room → question → messages);
// by question puts every room's answers to one question side by side, in one table per question.

export function keyMessageBlocks(s: EventSummary): DocBlock[] {
  return keyMessageLayout(s) === 'by-question' ? byQuestion(s) : byRoom(s);
}

function byRoom(s: EventSummary): DocBlock[] {
  return s.groups.flatMap((group): DocBlock[] => [
    { kind: 'heading', level: 2, text: group.topic },
    ...group.byQuestion.flatMap((q): DocBlock[] => [
      { kind: 'heading', level: 3, text: q.prompt },
      listOrNote(q.messages.map((m) => ({ text: m.text, note: provenanceNote(m) })), 'No key messages for this question.'),
    ]),
  ]);
}

/** The summary's questions; older summaries did not store them, so they come from the first room. */
export function summaryQuestions(s: Pick<EventSummary, 'questions' | 'groups'>): Question[] {
  return s.questions ?? (s.groups[0]?.byQuestion ?? []).map((q) => ({ id: q.questionId, prompt: q.prompt }));
}

export const noMessagesCell = 'No key messages.';

function byQuestion(s: EventSummary): DocBlock[] {
  const cards = summaryCards(s);
  const detailOf = (m: KeyMessage): string =>
    m.sourceCardIds
      .map((id) => cards.get(id)?.detail?.trim() ?? '')
      .filter(Boolean)
      .join('; ');
  return summaryQuestions(s).flatMap((question): DocBlock[] => {
    // The second column appears only for a question that has a second field.
    const second = question.secondField?.trim();
    const rows = s.groups.flatMap((group): string[][] => {
      const messages = group.byQuestion.find((q) => q.questionId === question.id)?.messages ?? [];
      const row = (text: string, detail: string): string[] => (second ? [group.topic, text, detail] : [group.topic, text]);
      return messages.length ? messages.map((m) => row(m.text, detailOf(m))) : [row(noMessagesCell, '')];
    });
    const prompt = s.groups.flatMap((g) => g.byQuestion).find((q) => q.questionId === question.id)?.prompt ?? question.prompt;
    return [
      { kind: 'heading', level: 2, text: prompt },
      { kind: 'table', header: second ? ['Group', 'Key message', second] : ['Group', 'Key message'], rows },
    ];
  });
}
