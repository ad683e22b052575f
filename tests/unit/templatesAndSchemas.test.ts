import { describe, expect, it } from 'vitest';
import { boardDocName, parseDocName, summaryDocName } from '../../shared/docNames';
import { createEventSchema, displayNameSchema, joinSchema } from '../../shared/schemas';
import { actionQuestionId, appreciativeInquiry3q, defaultTemplateId, findTemplate, templates } from '../../shared/templates';
import { roomsWithIds, slugify } from '../../server/events/eventService';

describe('templates are data', () => {
  it('the default is the three Appreciative Inquiry questions with the four adult social care rooms', () => {
    expect(findTemplate(defaultTemplateId)).toBe(appreciativeInquiry3q);
    expect(appreciativeInquiry3q.questions.map((q) => q.prompt)).toEqual(['What worked well?', 'What do we need to build on?', 'How will we make it happen?']);
    expect(appreciativeInquiry3q.rooms.map((r) => r.topic)).toEqual(['Provider market', 'Co-production and building community resilience', 'Workforce', 'Partnerships']);
  });

  it('every template has unique question ids and its last question is the one that becomes actions', () => {
    for (const template of templates) {
      const ids = template.questions.map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(actionQuestionId(template.questions)).toBe(ids.at(-1));
    }
    expect(findTemplate('appreciative-inquiry-4d')?.questions).toHaveLength(4);
    expect(findTemplate('nope')).toBeUndefined();
  });

  it('room ids are slugs, unique within an event', () => {
    expect(roomsWithIds([{ topic: 'Provider market' }, { topic: 'Provider  market!' }, { topic: '???' }])).toEqual([
      { id: 'provider-market', topic: 'Provider market' },
      { id: 'provider-market-2', topic: 'Provider  market!' },
      { id: 'room-3', topic: '???' },
    ]);
    expect(slugify('Co-production and building community resilience', 'x')).toBe('co-production-and-building-community-res');
  });
});

describe('document names', () => {
  it('round-trips board and summary names and refuses anything else', () => {
    expect(parseDocName(boardDocName('ev1', 'workforce'))).toEqual({ kind: 'board', eventId: 'ev1', roomId: 'workforce' });
    expect(parseDocName(summaryDocName('ev1'))).toEqual({ kind: 'summary', eventId: 'ev1' });
    for (const bad of ['board.ev1', 'board.ev1.a.b', 'summary.ev1.x', '../board.ev1.a', 'board.EV1.a', 'board..a', 'other.ev1', '']) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});

describe('validation schemas', () => {
  it('display names: trimmed, required, bounded, no control characters, with plain-English errors', () => {
    expect(displayNameSchema.parse('  Amira ')).toBe('Amira');
    expect(displayNameSchema.safeParse('').error?.issues[0]?.message).toMatch(/Please type a name/);
    expect(displayNameSchema.safeParse('x'.repeat(61)).success).toBe(false);
    expect(displayNameSchema.safeParse('A\u0000B').success).toBe(false);
  });

  it('join codes are normalised to upper case and checked', () => {
    expect(joinSchema.parse({ joinCode: ' k7pq2m ', name: 'Ben' }).joinCode).toBe('K7PQ2M');
    expect(joinSchema.safeParse({ joinCode: 'K7-PQ', name: 'Ben' }).success).toBe(false);
  });

  it('events need a title and an ISO date; lists and sizes are bounded; defaults are filled in', () => {
    const parsed = createEventSchema.parse({ title: 'Learning event', date: '2026-06-18' });
    expect(parsed).toMatchObject({ organiser: '', objectives: [], agenda: [], assignmentMode: 'self-select' });
    expect(createEventSchema.safeParse({ title: ' ', date: '2026-06-18' }).success).toBe(false);
    expect(createEventSchema.safeParse({ title: 'x', date: '18/06/2026' }).success).toBe(false);
    expect(createEventSchema.safeParse({ title: 'x', date: '2026-06-18', rooms: Array.from({ length: 41 }, (_, i) => ({ topic: `r${i}` })) }).success).toBe(false);
    expect(createEventSchema.safeParse({ title: 'x'.repeat(201), date: '2026-06-18' }).success).toBe(false);
  });
});
