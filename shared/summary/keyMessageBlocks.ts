import type { Question } from '../types';
import { listOrNote, provenanceNote } from './blockHelpers';
import type { DocBlock, SourceRef } from './docBlocks';
import { keyMessageLayout } from './sections';
import { summaryCards } from './summaryLookup';
import type { EventSummary, KeyMessage } from './summaryModel';

// The key messages in the summary's layout. By room is SCIE's shape (room → question → messages);
// by question puts every room's answers to one question side by side, in one table per question.
// Either way each message carries its source cards (as the item's sources, or the row's).

/** The printable source cards of a message (documentModel numbers them from the appendix). */
export type SourcesOf = (cardIds: readonly string[]) => SourceRef[];

export function keyMessageBlocks(s: EventSummary, sources: SourcesOf): DocBlock[] {
  return keyMessageLayout(s) === 'by-question' ? byQuestion(s, sources) : byRoom(s, sources);
}

function byRoom(s: EventSummary, sources: SourcesOf): DocBlock[] {
  return s.groups.flatMap((group): DocBlock[] => [
    { kind: 'heading', level: 2, text: group.topic },
    ...group.byQuestion.flatMap((q): DocBlock[] => [
      { kind: 'heading', level: 3, text: q.prompt },
      listOrNote(
        q.messages.map((m) => ({ text: m.text, note: provenanceNote(m), sources: sources(m.sourceCardIds) })),
        'No key messages for this question.',
      ),
    ]),
  ]);
}

/** The summary's questions; older summaries did not store them, so they come from the first room. */
export function summaryQuestions(s: Pick<EventSummary, 'questions' | 'groups'>): Question[] {
  return s.questions ?? (s.groups[0]?.byQuestion ?? []).map((q) => ({ id: q.questionId, prompt: q.prompt }));
}

export const noMessagesCell = 'No key messages.';

interface Row {
  cells: string[];
  from: SourceRef[];
}

function byQuestion(s: EventSummary, sources: SourcesOf): DocBlock[] {
  const cards = summaryCards(s);
  const detailOf = (m: KeyMessage): string =>
    m.sourceCardIds
      .map((id) => cards.get(id)?.detail?.trim() ?? '')
      .filter(Boolean)
      .join('; ');
  return summaryQuestions(s).flatMap((question): DocBlock[] => {
    // The second column appears only for a question that has a second field.
    const second = question.secondField?.trim();
    const rows = s.groups.flatMap((group): Row[] => {
      const messages = group.byQuestion.find((q) => q.questionId === question.id)?.messages ?? [];
      const row = (text: string, detail: string, from: SourceRef[]): Row => ({ cells: second ? [group.topic, text, detail] : [group.topic, text], from });
      return messages.length ? messages.map((m) => row(m.text, detailOf(m), sources(m.sourceCardIds))) : [row(noMessagesCell, '', [])];
    });
    const prompt = s.groups.flatMap((g) => g.byQuestion).find((q) => q.questionId === question.id)?.prompt ?? question.prompt;
    return [
      { kind: 'heading', level: 2, text: prompt },
      {
        kind: 'table',
        header: second ? ['Group', 'Key message', second] : ['Group', 'Key message'],
        rows: rows.map((r) => r.cells),
        rowSources: rows.map((r) => r.from),
      },
    ];
  });
}
