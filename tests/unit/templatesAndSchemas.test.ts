import { describe, expect, it } from 'vitest';
import { boardDocName, parseDocName, summaryDocName } from '../../shared/docNames';
import { commandSpecs } from '../../shared/commands';
import { limits } from '../../shared/limits';
import { createEventSchema, displayNameSchema, idSchema, issueMessage, joinSchema, keyExchangeSchema } from '../../shared/schemas';
import { actionQuestionId, appreciativeInquiry3q, defaultTemplateId, findTemplate, lessonsLearned, templates } from '../../shared/templates';
import { createEvent, questionsWithIds, roomsWithIds, slugify } from '../../server/events/eventService';
import type { EventStore } from '../../server/store/store';
import type { EventInfo } from '../../shared/types';

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

  it('the library: six templates, each described, with valid ids, hints and at most 8 questions', () => {
    expect(templates.map((t) => t.id)).toEqual([
      'appreciative-inquiry-3q',
      'appreciative-inquiry-4d',
      'lessons-learned',
      'start-stop-continue',
      'soar',
      'what-so-what-now-what',
    ]);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    expect(appreciativeInquiry3q.questions.map((q) => q.id)).toEqual(['worked-well', 'build-on', 'make-it-happen']);
    for (const template of templates) {
      expect(template.description.length, template.id).toBeGreaterThan(20);
      expect(template.questions.length).toBeGreaterThanOrEqual(1);
      expect(template.questions.length).toBeLessThanOrEqual(limits.questionsPerTemplate);
      for (const question of template.questions) {
        expect(idSchema.safeParse(question.id).success, question.id).toBe(true);
        expect(question.hint, question.id).toBeTruthy();
      }
      // Every template's questions pass the API's own rules, so "start from a template, then edit" works.
      expect(createEventSchema.safeParse({ title: 't', date: '2026-06-18', questions: template.questions.map(({ id: _id, ...q }) => q) }).success).toBe(true);
    }
  });

  it('lessons learned: the four council questions, each with a second field', () => {
    expect(lessonsLearned.questions.map((q) => q.prompt)).toEqual([
      'What have we STARTED doing that we want to CONTINUE with?',
      "What have we STOPPED doing that we don't want to RESTART?",
      'What have we STARTED doing that we will need to STOP?',
      'What have we STOPPED doing that we will need to RESTART?',
    ]);
    expect(lessonsLearned.questions.every((q) => q.secondField)).toBe(true);
  });

  it('custom question ids come from the prompts: stable, unique and valid', () => {
    const input = [
      { prompt: 'What have we STARTED doing that we want to CONTINUE with?', secondField: 'What enabled it?' },
      { prompt: 'What have we STARTED doing that we want to CONTINUE with?' },
      { prompt: '¿Qué?' },
      { prompt: '进展如何？', hint: 'Help' },
    ];
    const questions = questionsWithIds(input);
    expect(questions).toEqual([
      { id: 'what-have-we-started-doing-that-we-want', prompt: input[0]!.prompt, secondField: 'What enabled it?' },
      { id: 'what-have-we-started-doing-that-we-want-2', prompt: input[1]!.prompt },
      { id: 'que', prompt: '¿Qué?' },
      { id: 'question-4', prompt: '进展如何？', hint: 'Help' },
    ]);
    expect(questionsWithIds(input)).toEqual(questions);
    for (const { id } of questions) expect(idSchema.safeParse(id).success).toBe(true);
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

describe('creating an event', () => {
  /** Keeps what would be stored, so the test sees exactly what the store gets. */
  async function created(input: Parameters<typeof createEvent>[1]): Promise<{ returned: EventInfo; stored: EventInfo }> {
    let stored: EventInfo | undefined;
    const store = { createEvent: async ({ info }: { info: EventInfo }) => void (stored = info) } as unknown as EventStore;
    const { info } = await createEvent(store, input, 'http://x');
    return { returned: info, stored: stored! };
  }

  it('custom questions win over a template and are stored exactly; rooms still come from the template', async () => {
    const { returned, stored } = await created({
      title: 'Lessons learned day',
      date: '2026-06-18',
      templateId: 'soar',
      questions: [{ prompt: 'What worked?', hint: 'Be specific', secondField: 'What enabled it?' }, { prompt: 'What next?', hint: '' }],
      summaryLayout: 'by-question',
    });
    expect(stored).toEqual(returned);
    expect(returned).toMatchObject({
      templateId: 'custom',
      summaryLayout: 'by-question',
      questions: [
        { id: 'what-worked', prompt: 'What worked?', hint: 'Be specific', secondField: 'What enabled it?' },
        { id: 'what-next', prompt: 'What next?' },
      ],
      rooms: roomsWithIds(findTemplate('soar')!.rooms),
    });
    expect(returned.questions[1]).not.toHaveProperty('hint');
  });

  it('a template gives its questions as they are; the summary layout defaults to by-room', async () => {
    const { returned } = await created({ title: 'x', date: '2026-06-18', templateId: 'lessons-learned' });
    expect(returned.questions).toEqual(lessonsLearned.questions);
    expect(returned).toMatchObject({ templateId: 'lessons-learned', summaryLayout: 'by-room' });
    await expect(created({ title: 'x', date: '2026-06-18', templateId: 'nope' })).rejects.toThrow('That template does not exist.');
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

  it('questions: 1 to 8, each with a prompt; empty optional texts are dropped; summary layout defaults to by-room', () => {
    const base = { title: 'x', date: '2026-06-18' };
    expect(createEventSchema.parse(base).summaryLayout).toBe('by-room');
    expect(createEventSchema.parse({ ...base, summaryLayout: 'by-question' }).summaryLayout).toBe('by-question');
    expect(createEventSchema.safeParse({ ...base, summaryLayout: 'by-theme' }).success).toBe(false);
    expect(createEventSchema.parse({ ...base, questions: [{ prompt: ' Why? ', hint: ' ', secondField: '' }] }).questions).toEqual([{ prompt: 'Why?' }]);
    expect(createEventSchema.safeParse({ ...base, questions: [] }).success).toBe(false);
    expect(createEventSchema.safeParse({ ...base, questions: Array.from({ length: 9 }, (_, i) => ({ prompt: `Q${i}` })) }).success).toBe(false);
    expect(createEventSchema.safeParse({ ...base, questions: [{ prompt: ' ' }] }).error?.issues[0]?.message).toBe('Every question needs a prompt.');
    expect(createEventSchema.safeParse({ ...base, questions: [{ prompt: 'x'.repeat(201) }] }).success).toBe(false);
  });

  it('every request schema is strict and names the unknown field', () => {
    const unknown = (result: { error?: { issues: Parameters<typeof issueMessage>[0][] } }) => result.error && issueMessage(result.error.issues[0]!);
    expect(unknown(createEventSchema.safeParse({ title: 'x', date: '2026-06-18', questoins: [] }))).toBe('Unknown field: questoins');
    expect(unknown(createEventSchema.safeParse({ title: 'x', date: '2026-06-18', rooms: [{ topic: 'a', colour: 'red' }] }))).toBe('Unknown field: rooms.0.colour');
    expect(unknown(joinSchema.safeParse({ joinCode: 'K7PQ2M', name: 'Ben', room: 'x', extra: 1 }))).toBe('Unknown fields: room, extra');
    expect(unknown(keyExchangeSchema.safeParse({ key: 'k'.repeat(20), bogus: 1 }))).toBe('Unknown field: bogus');
    for (const [name, spec] of Object.entries(commandSpecs)) {
      const issues = spec.schema.safeParse({ bogusField: 1 }).error?.issues ?? [];
      expect(issues.map(issueMessage), name).toContain('Unknown field: bogusField');
    }
  });
});

describe('texts people read are described positively, like names', () => {
  const valid = { title: 'Lessons learned', date: '2026-06-18', questions: [{ prompt: 'What have we STARTED doing?' }], rooms: [{ topic: 'Workforce' }] };
  it.each([
    ['a title of zero-width spaces', { ...valid, title: '\u200B\u200B' }],
    ['a title with a right-to-left override', { ...valid, title: 'Report \u202Egnp.exe' }],
    ['a question prompt that is only a soft hyphen', { ...valid, questions: [{ prompt: '\u00AD' }] }],
    ['a room topic with a line break', { ...valid, rooms: [{ topic: 'Work\nforce' }] }],
    ['a second-field label with an isolate', { ...valid, questions: [{ prompt: 'Q', secondField: '\u2067x\u2069' }] }],
  ])('refuses %s', (_what, input) => {
    expect(createEventSchema.safeParse(input).success).toBe(false);
  });

  it('accepts Welsh, Arabic, Hebrew, Polish and emoji', () => {
    const input = { ...valid, title: 'Gweithdy ✨ ورشة عمل', questions: [{ prompt: 'Co się udało? מה עבד?' }], rooms: [{ topic: 'Gweithlu' }] };
    expect(createEventSchema.safeParse(input).success).toBe(true);
  });
});
