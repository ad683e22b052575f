import { describe, expect, it } from 'vitest';
import { summaryDocName } from '../../shared/docNames';
import { limits } from '../../shared/limits';
import { readSummary } from '../../shared/summary/summaryDoc';
import type { EventInfo } from '../../shared/types';
import { createTestEvent, joinAsParticipant } from '../helpers/apiClient';
import { connectSocket, waitForEvent, type TestSocket } from '../helpers/socketClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

// Issue 13: the event's details (title, date, organiser, introduction, objectives, agenda) can be changed
// after creation by its facilitators and organisers, and the summary and its exports follow.

const cleanups = cleanupsAfterEach();

async function setup() {
  const { server, event } = await serverWithEvent(cleanups);
  const socket = async (cookie: string, eventId = event.info.id): Promise<TestSocket> => {
    const connected = await connectSocket(server.url, eventId, cookie);
    cleanups.push(() => connected.close());
    return connected;
  };
  return { server, event, socket };
}

const details = {
  title: 'Learning from the pilot',
  date: '2026-07-01',
  organiser: 'Pilot team',
  introduction: 'Why we met.\n\nWhat we hoped for.',
  objectives: ['Share what worked', { text: 'Agree next steps', points: ['Who leads', 'By when'] }],
  agenda: [
    { item: 'Welcome', who: 'Chair' },
    { item: 'Breakouts', who: '' },
  ],
};

describe('event details after creation', () => {
  it('a facilitator changes every detail; it is stored, audited and pushed to another staff socket', async () => {
    const { server, event, socket } = await setup();
    const facilitator = await socket(event.facilitator.cookieHeader);
    const organiser = await socket(event.organiser.cookieHeader);
    const pushed = waitForEvent<EventInfo>(organiser.socket, 'event', (info) => info.title === details.title);

    const result = await facilitator.run('event:details', details);
    expect(result).toMatchObject({ ok: true, data: { ...details, rooms: event.info.rooms, joinCode: event.info.joinCode } });
    expect(await pushed).toMatchObject(details);
    const { event: stored } = await event.organiser.json<{ event: EventInfo }>('GET', `/api/events/${event.info.id}`);
    // A sub-point-free objective stays plain text: the shape older events and readers know.
    expect(stored.objectives).toEqual(['Share what worked', { text: 'Agree next steps', points: ['Who leads', 'By when'] }]);
    const audit = await server.store.listAudit(event.info.id, 10);
    expect(audit.map((a) => [a.action, a.actorRole])).toContainEqual(['event:details', 'facilitator']);
  });

  it('an organiser may change details too (audited); fields left out keep their value', async () => {
    const { server, event, socket } = await setup();
    const organiser = await socket(event.organiser.cookieHeader);
    const result = await organiser.run('event:details', { introduction: 'New words.' });
    expect(result).toMatchObject({ ok: true, data: { introduction: 'New words.', title: event.info.title, objectives: event.info.objectives } });
    const audit = await server.store.listAudit(event.info.id, 10);
    expect(audit.map((a) => [a.action, a.actorRole])).toContainEqual(['event:details', 'organiser']);
  });

  it('a participant is refused, and another event’s staff cannot reach this one', async () => {
    const { server, event, socket } = await setup();
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', event.info.rooms[0]!.id);
    const participant = await socket(amira.cookieHeader);
    expect(await participant.run('event:details', { title: 'Mine now' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Scope comes from the token only: another event's facilitator changes their own event, never this one,
    // and cannot open a socket for this event with their cookie.
    const other = await createTestEvent(server.url);
    const otherSocket = await socket(other.facilitator.cookieHeader, other.info.id);
    expect(await otherSocket.run('event:details', { title: 'Theirs' })).toMatchObject({ ok: true, data: { id: other.info.id } });
    await expect(connectSocket(server.url, event.info.id, other.facilitator.cookieHeader)).rejects.toThrow(/not_signed_in/);
    const { event: stored } = await event.facilitator.json<{ event: EventInfo }>('GET', `/api/events/${event.info.id}`);
    expect(stored.title).toBe(event.info.title);
  });

  it('refuses unknown fields by name, empty changes and anything past the bounds', async () => {
    const { event, socket } = await setup();
    const facilitator = await socket(event.facilitator.cookieHeader);
    const refused = async (payload: unknown) => {
      const result = await facilitator.run('event:details', payload as never);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      return !result.ok && result.error;
    };
    expect(await refused({ title: 'x', joinCode: 'ABCDEF' })).toEqual({ code: 'invalid_input', message: 'Unknown field: joinCode' });
    expect(await refused({ objectives: [{ text: 'x', piont: [] }] })).toEqual({ code: 'invalid_input', message: 'Unknown field: objectives.0.piont' });
    expect(await refused({ agenda: [{ item: 'x', who: '', when: '10:00' }] })).toMatchObject({ message: 'Unknown field: agenda.0.when' });
    expect(await refused({})).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ title: '   ' })).toMatchObject({ message: 'Please give the event a title.' });
    expect(await refused({ date: '18 June' })).toMatchObject({ message: 'Use a date like 2026-06-18.' });
    expect(await refused({ title: 'x'.repeat(limits.titleChars + 1) })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ introduction: 'x'.repeat(limits.longTextChars + 1) })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ objectives: Array.from({ length: limits.listItems + 1 }, () => 'x') })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ objectives: [{ text: 'x', points: ['y'.repeat(limits.shortTextChars * 2 + 1)] }] })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ agenda: [{ item: 'x', who: 'a\u202Eb' }] })).toMatchObject({ code: 'invalid_input' });
  });

  it('a drafted summary follows the details live, and an export after the change carries them', async () => {
    const { server, event, socket } = await setup();
    const facilitator = await socket(event.facilitator.cookieHeader);
    expect((await facilitator.run('summary:draft')).ok).toBe(true);
    // An organiser's preview is open on the summary document while the details change.
    const preview = connectProvider(server.url, summaryDocName(event.info.id), event.organiser.cookieHeader);
    cleanups.push(() => preview.destroy());
    await waitForSync(preview.provider);
    expect(readSummary(preview.doc)?.title).toBe(event.info.title);

    expect((await facilitator.run('event:details', details)).ok).toBe(true);
    await waitFor(() => readSummary(preview.doc)?.title === details.title);
    expect(readSummary(preview.doc)).toMatchObject({ objectives: ['Share what worked', { text: 'Agree next steps', points: ['Who leads', 'By when'] }] });

    const markdown = await (await event.organiser.request('GET', `/api/events/${event.info.id}/export/md`)).text();
    expect(markdown).toContain('# Learning from the pilot');
    expect(markdown).toContain('- Agree next steps\n  - Who leads\n  - By when');
    expect(markdown).toContain('| Breakouts |');
    expect(markdown).not.toContain(event.info.title);
  });

  it('before any draft, exports are drafted from the current details', async () => {
    const { event, socket } = await setup();
    const organiser = await socket(event.organiser.cookieHeader);
    expect((await organiser.run('event:details', { title: 'Renamed before drafting', objectives: [{ text: 'Top', points: ['Sub'] }] })).ok).toBe(true);
    const html = await (await event.facilitator.request('GET', `/api/events/${event.info.id}/export/html`)).text();
    expect(html).toMatch(/<h1 class="title"[^>]*>Renamed before drafting<\/h1>/);
    expect(html).toContain('<li>Top\n<ul>\n<li>Sub</li>\n</ul></li>');
  });
});
