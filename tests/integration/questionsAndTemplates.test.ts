import { describe, expect, it } from 'vitest';
import { addCard, groupByQuestion, readCards } from '../../shared/boardDoc';
import { templates } from '../../shared/templates';
import type { EventInfo, Question, Template } from '../../shared/types';
import { ApiClient, createTestEvent, joinAsParticipant, sampleEvent } from '../helpers/apiClient';
import { joinedBoard } from '../helpers/joinedBoard';
import { connectSocket, waitForEvent, type TestSocket } from '../helpers/socketClient';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

// Issue 13, "Questions are the organiser's": the questions change in the control panel (cards stay with a
// renamed question; a question with cards cannot be removed) and an event can be saved as a template here.

const cleanups = cleanupsAfterEach();

async function setup() {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  const joined = await joinedBoard(server.url);
  cleanups.push(() => joined.board.destroy());
  const socket = async (cookie: string): Promise<TestSocket> => {
    const connected = await connectSocket(server.url, joined.event.info.id, cookie);
    cleanups.push(() => connected.close());
    return connected;
  };
  const facilitator = await socket(joined.event.facilitator.cookieHeader);
  return { server, ...joined, socket, facilitator };
}

/** A participant writes a card through their real board connection; the staff's own copy shows when it arrived. */
async function writeCard({ server, board, docName, participant, event }: Awaited<ReturnType<typeof setup>>, questionId: string) {
  addCard(board.doc, { id: 'c1', questionId, authorId: participant.participantId, authorName: 'Amira', text: 'Relationships improved' });
  const staff = connectProvider(server.url, docName, event.facilitator.cookieHeader);
  cleanups.push(() => staff.destroy());
  await waitForSync(staff.provider);
  await waitFor(() => readCards(staff.doc).length === 1, 10_000, 'the card on the server');
}

const kept = (questions: readonly Question[]) => questions.map(({ id, prompt, hint, secondField }) => ({ id, prompt, hint, secondField }));

describe('questions in the control panel', () => {
  it('renaming a question keeps its cards under it; stored, pushed and audited', async () => {
    const ctx = await setup();
    const [first, ...rest] = ctx.event.info.questions;
    await writeCard(ctx, first!.id);

    const renamed = { id: first!.id, prompt: 'What went really well?', hint: 'Say why', secondField: 'Who made it happen?' };
    const result = await ctx.facilitator.run('questions:set', { questions: [renamed, ...kept(rest)] });
    expect(result).toMatchObject({ ok: true, data: [renamed, ...rest] });

    const { event: stored } = await ctx.event.facilitator.json<{ event: EventInfo }>('GET', `/api/events/${ctx.event.info.id}`);
    expect(stored.questions[0]).toEqual(renamed);
    // The participant's own board still files the card under the renamed question.
    expect(groupByQuestion(readCards(ctx.board.doc), stored.questions).get(first!.id)?.map((c) => c.id)).toEqual(['c1']);
    const audit = await ctx.server.store.listAudit(ctx.event.info.id, 10);
    expect(audit.map((a) => a.action)).toContain('questions:set');
  });

  it('removing a question with cards is refused, naming it; one without cards may go', async () => {
    const ctx = await setup();
    const [first, second, third] = ctx.event.info.questions;
    await writeCard(ctx, first!.id);

    const refused = await ctx.facilitator.run('questions:set', { questions: kept([second!, third!]) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'question_has_cards' } });
    expect(refused.ok || refused.error.message).toContain(first!.prompt);
    expect((await ctx.server.store.getEvent(ctx.event.info.id))?.info.questions).toEqual(ctx.event.info.questions);

    expect(await ctx.facilitator.run('questions:set', { questions: kept([first!, third!]) })).toMatchObject({ ok: true, data: [first, third] });
  });

  it('a new question reaches a connected participant’s socket; reordering keeps every id', async () => {
    const ctx = await setup();
    const participant = await ctx.socket(ctx.participant.cookieHeader);
    const questions = ctx.event.info.questions;
    const pushed = waitForEvent<EventInfo>(participant.socket, 'event', (info) => info.questions.length === questions.length + 1);
    const added = await ctx.facilitator.run('questions:set', { questions: [...kept(questions), { prompt: 'What surprised us?', hint: '' }] });
    expect(added).toMatchObject({ ok: true });
    const info = await pushed;
    // New questions get ids the way creation gives them; an empty hint means none.
    expect(info.questions.at(-1)).toEqual({ id: 'what-surprised-us', prompt: 'What surprised us?' });

    const reversed = [...info.questions].reverse();
    expect(await ctx.facilitator.run('questions:set', { questions: kept(reversed) })).toMatchObject({ ok: true, data: reversed });
  });

  it('refuses participants, ids the event does not have, repeats, and lists outside the bounds', async () => {
    const ctx = await setup();
    const participant = await ctx.socket(ctx.participant.cookieHeader);
    const questions = kept(ctx.event.info.questions);
    expect(await participant.run('questions:set', { questions })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ctx.facilitator.run('questions:set', { questions: [{ id: 'no-such-question', prompt: 'Sneaky?' }] })).toMatchObject({
      ok: false,
      error: { code: 'unknown_question' },
    });
    expect(await ctx.facilitator.run('questions:set', { questions: [questions[0]!, questions[0]!] })).toMatchObject({ ok: false, error: { code: 'duplicate_question' } });
    expect(await ctx.facilitator.run('questions:set', { questions: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const nine = Array.from({ length: 9 }, (_, i) => ({ prompt: `Question ${i}?` }));
    expect(await ctx.facilitator.run('questions:set', { questions: nine })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ctx.facilitator.run('questions:set', { questions: [{ prompt: 'Typo', promt: 'x' } as never] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown field: questions.0.promt' },
    });
  });
});

describe('saving an event as a template on this server', () => {
  it('is listed after the built-in templates, and a new event made from it has its questions and rooms', async () => {
    const ctx = await setup();
    const questions = [...kept(ctx.event.info.questions), { prompt: 'What surprised us?', secondField: 'Why?' }];
    const changed = await ctx.facilitator.run('questions:set', { questions });
    expect(changed.ok).toBe(true);
    expect(await ctx.facilitator.run('room:rename', { roomId: ctx.roomId, topic: 'Our own room' })).toMatchObject({ ok: true });

    const saved = await ctx.facilitator.run('template:save', { name: 'Pilot review', description: 'What we asked at the pilot' });
    expect(saved.ok).toBe(true);
    const template = saved.ok ? (saved.data as Template) : undefined;
    const { event: source } = await ctx.event.facilitator.json<{ event: EventInfo }>('GET', `/api/events/${ctx.event.info.id}`);
    expect(template).toMatchObject({ name: 'Pilot review', description: 'What we asked at the pilot', questions: source.questions, rooms: source.rooms });

    const listed = await new ApiClient(ctx.server.url).json<{ templates: Template[] }>('GET', '/api/templates');
    expect(listed.templates.map((t) => t.id)).toEqual([...templates.map((t) => t.id), template!.id]);
    expect(listed.templates.at(-1)).toEqual(template);

    const made = await createTestEvent(ctx.server.url, { ...sampleEvent, templateId: template!.id });
    expect(made.info).toMatchObject({ templateId: template!.id, questions: source.questions, rooms: source.rooms });
    // A participant of the new event can join a room that came from the template.
    await joinAsParticipant(ctx.server.url, made.info.joinCode, 'Ben', ctx.roomId);

    const participant = await ctx.socket(ctx.participant.cookieHeader);
    expect(await participant.run('template:save', { name: 'Mine' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ctx.facilitator.run('template:save', { name: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
