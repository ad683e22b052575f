import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Card, Question } from '../../shared/types';
import type { DraftInput, RoomBoard } from '../../shared/summary/summaryModel';

// Turns the ADASS East fixture (tests/fixtures/adass-east-2021.json) into drafting input:
// card ids are `${roomId}-${index}`, createdAt follows the fixture order.

export interface FixtureCard {
  q: string;
  by: string;
  votes: number;
  text: string;
}

export interface Fixture {
  event: {
    title: string;
    date: string;
    organiser: string;
    introduction: string;
    objectives: string[];
    agenda: { item: string; who: string }[];
    closingRemarks: string[];
  };
  template: { id: string; name: string; description: string; questions: Question[] };
  rooms: { id: string; topic: string; participants: string[]; cards: FixtureCard[] }[];
  expectedInSummary: { sections: string[]; groupHeadings: string[]; nearDuplicatePairs: [string, string][] };
}

const fixturePath = fileURLToPath(new URL('../fixtures/adass-east-2021.json', import.meta.url));

export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture;
}

export const fixtureStart = Date.UTC(2021, 5, 18, 10, 0, 0);

export function fixtureDraftInput(fixture: Fixture = loadFixture()): DraftInput {
  const boards: RoomBoard[] = fixture.rooms.map((room) => {
    const cards: Card[] = room.cards.map((c, index) => ({
      id: `${room.id}-${index}`,
      questionId: c.q,
      authorId: `${room.id}-${c.by.toLowerCase()}`,
      authorName: c.by,
      text: c.text,
      createdAt: fixtureStart + index * 60_000,
      hidden: false,
    }));
    const votes = Object.fromEntries(room.cards.map((c, index) => [`${room.id}-${index}`, c.votes]));
    return { roomId: room.id, cards, votes, participantCount: room.participants.length };
  });
  const { title, date, organiser, introduction, objectives, agenda, closingRemarks } = fixture.event;
  return {
    event: {
      title,
      date,
      organiser,
      introduction,
      objectives,
      agenda,
      questions: fixture.template.questions,
      rooms: fixture.rooms.map((r) => ({ id: r.id, topic: r.topic })),
      closingText: closingRemarks.join('\n\n'),
      methodText: fixture.template.description,
    },
    boards,
  };
}

/** Finds a fixture card id by the start of its text. */
export function cardIdByText(input: DraftInput, textStart: string): string {
  for (const board of input.boards) {
    const card = board.cards.find((c) => c.text.startsWith(textStart));
    if (card) return card.id;
  }
  throw new Error(`No fixture card starts with: ${textStart}`);
}

/** The input with one card changed (hidden, or given hostile text). */
export function withCard(input: DraftInput, cardId: string, patch: Partial<Card>): DraftInput {
  return {
    ...input,
    boards: input.boards.map((b) => ({ ...b, cards: b.cards.map((c) => (c.id === cardId ? { ...c, ...patch } : c)) })),
  };
}

export function withCardText(input: DraftInput, cardId: string, text: string): DraftInput {
  return withCard(input, cardId, { text });
}
