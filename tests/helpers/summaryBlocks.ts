import { draftSummary } from '../../shared/summary/draftSummary';
import type { DocBlock, SummaryDocument } from '../../shared/summary/docBlocks';
import { renderSummaryDocument } from '../../shared/summary/documentModel';
import type { DraftInput } from '../../shared/summary/summaryModel';
import type { Card } from '../../shared/types';
import { fixtureDraftInput } from './fixtureBoards';

/** The rendered summary document of a draft input (the fixture by default). */
export function summaryBlocks(input: DraftInput = fixtureDraftInput()): DocBlock[] {
  return renderSummaryDocument(draftSummary(input));
}

/** Blocks wrapped as the document the exporters take. */
export function documentOf(blocks: readonly DocBlock[]): SummaryDocument {
  const title = blocks.find((b) => b.kind === 'title')?.text ?? 'Event summary';
  return { title, lang: 'en-GB', provenance: `Made with Roundtable from the boards of “${title}”.`, blocks: [...blocks] };
}

/** Every key message text of the rendered document, in order. */
export function keyMessageTexts(blocks: readonly DocBlock[]): string[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Key messages from groups');
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level === 1);
  // By room the messages are bullets; by question they are the second column of each question's table.
  return blocks.slice(start, end < 0 ? undefined : end).flatMap((b) =>
    b.kind === 'bullets' ? b.items.map((i) => i.text) : b.kind === 'table' ? b.rows.map((r) => r[1] ?? '') : [],
  );
}

// A four-question lessons-learned workshop (not Appreciative Inquiry), built in code: two rooms, a
// second field on every question, and one card per room and question plus an extra in the first.

export const lessonsQuestions = [
  { id: 'started-continue', prompt: 'What have we STARTED doing that we want to CONTINUE with?', secondField: 'What enabled the change?' },
  { id: 'stopped-not-restart', prompt: "What have we STOPPED doing that we don't want to RESTART?", secondField: 'What enabled the change?' },
  { id: 'started-stop', prompt: 'What have we STARTED doing that we will need to STOP?', secondField: 'How will we move forward?' },
  { id: 'stopped-restart', prompt: 'What have we STOPPED doing that we will need to RESTART?', secondField: 'How will we move forward?' },
];

const rooms = [
  { id: 'housing', topic: 'Housing' },
  { id: 'hospital-discharge', topic: 'Hospital discharge' },
];

export function lessonsLearnedInput(
  options: { templateId?: string; summaryLayout?: 'by-room' | 'by-question'; withSecondField?: boolean } = {},
): DraftInput {
  const { templateId = 'lessons-learned', summaryLayout, withSecondField = true } = options;
  const boards = rooms.map((room, r) => {
    const cards: (Card & { detail?: string })[] = lessonsQuestions.flatMap((q, i) => {
      const base = { questionId: q.id, authorId: `${room.id}-a`, authorName: 'Ana', hidden: false };
      const own = { ...base, id: `${room.id}-${q.id}`, text: `${room.topic}: lesson ${i + 1}`, createdAt: 1000 + r * 100 + i, ...(withSecondField ? { detail: `${room.topic}: why ${i + 1}` } : {}) };
      return r === 0 && i === 0 ? [own, { ...base, id: `${room.id}-extra`, text: `${room.topic}: daily huddles`, createdAt: 2000 }] : [own];
    });
    return { roomId: room.id, cards, votes: { [`${room.id}-started-continue`]: 2 }, participantCount: 3 };
  });
  return {
    event: {
      title: 'Lessons from the winter',
      date: '2024-03-01',
      organiser: 'Care partnership',
      introduction: 'We looked back at the winter.',
      objectives: ['Keep what worked'],
      agenda: [{ item: 'Groups', who: 'Everyone' }],
      questions: lessonsQuestions,
      rooms,
      templateId,
      ...(summaryLayout ? { summaryLayout } : {}),
    },
    boards,
  };
}

