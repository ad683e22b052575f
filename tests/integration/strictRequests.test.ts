import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSpecs, type CommandName, type CommandResult } from '../../shared/commands';
import { ApiClient, createTestEvent, joinAsParticipant, type CreatedTestEvent } from '../helpers/apiClient';
import { connectSocket } from '../helpers/socketClient';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';

// Every request schema is strict: a misspelt field is refused by name, never dropped (issue 13: an
// organiser's `questions` vanished silently). The routes and commands are read from the code, so a new
// one without a case below fails here.

const bogus = { bogusField: 1 };
const cleanups = cleanupsAfterEach();

async function server() {
  const running = await startTestServer();
  cleanups.push(() => running.close());
  return running;
}

/** "METHOD /path" of every REST route that takes a body, from the routers in server/http. */
async function routesWithBody(): Promise<string[]> {
  const dir = path.join(__dirname, '../../server/http');
  const found: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('Routes.ts'))) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, factory] of Object.entries(module)) {
      if (!name.endsWith('Routes') || typeof factory !== 'function') continue;
      // Factories only keep their deps for later, so an empty stand-in is enough to list the routes.
      const router = factory({}) as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      for (const { route } of router.stack) {
        for (const method of Object.keys(route?.methods ?? {})) {
          if (['post', 'put', 'patch', 'delete'].includes(method)) found.push(`${method.toUpperCase()} ${route!.path}`);
        }
      }
    }
  }
  return found;
}

interface RestCase {
  client: ApiClient;
  path: string;
  body: Record<string, unknown>;
  /** The status of the valid request, which proves strictness did not refuse it. */
  status: number;
}

const keyOf = (link: string) => new URL(link).hash.slice('#key='.length);

const restCases: Record<string, (url: string, event: CreatedTestEvent) => RestCase> = {
  'POST /events': (url) => ({ client: new ApiClient(url), path: '/api/events', body: { title: 'Strict', date: '2026-06-18' }, status: 201 }),
  'POST /events/:id/session': (url, event) => ({
    client: new ApiClient(url),
    path: `/api/events/${event.info.id}/session`,
    body: { key: keyOf(event.links.facilitator) },
    status: 200,
  }),
  'POST /join': (url, event) => ({
    client: new ApiClient(url),
    path: '/api/join',
    body: { joinCode: event.info.joinCode, name: 'Amira', roomId: event.info.rooms[0]!.id },
    status: 201,
  }),
  'DELETE /events/:id/session': (_url, event) => ({ client: event.facilitator, path: `/api/events/${event.info.id}/session`, body: {}, status: 200 }),
  'DELETE /events/:id': (_url, event) => ({ client: event.facilitator, path: `/api/events/${event.info.id}`, body: {}, status: 200 }),
  'DELETE /events/:id/logo': (_url, event) => ({ client: event.facilitator, path: `/api/events/${event.info.id}/logo`, body: {}, status: 200 }),
  'POST /events/:id/links': (_url, event) => ({ client: event.facilitator, path: `/api/events/${event.info.id}/links`, body: { label: 'Sam' }, status: 201 }),
  'POST /events/:id/links/:linkId/regenerate': (_url, event) => ({
    client: event.organiser,
    path: `/api/events/${event.info.id}/links/organiser/regenerate`,
    body: {},
    status: 200,
  }),
  // The main links cannot be stopped (409), which still shows the empty body was accepted.
  'DELETE /events/:id/links/:linkId': (_url, event) => ({ client: event.facilitator, path: `/api/events/${event.info.id}/links/facilitator`, body: {}, status: 409 }),
};

/** Routes whose body is a file, not JSON: checked in their own case below. */
const rawBodyRoutes = ['PUT /events/:id/logo'];

describe('REST requests refuse unknown fields by name', () => {
  it('every route with a body has a case here', async () => {
    const routes = await routesWithBody();
    expect(routes.length).toBeGreaterThanOrEqual(5);
    expect(routes.filter((route) => !(route in restCases) && !rawBodyRoutes.includes(route))).toEqual([]);
  });

  it('the logo upload takes only an image body and no query parameters', async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const logo = `/api/events/${event.info.id}/logo`;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';
    const put = (query: string, body: string, type: string) =>
      fetch(`${url}${logo}${query}`, { method: 'PUT', headers: { 'content-type': type, cookie: event.facilitator.cookieHeader }, body });
    const json = await put('', JSON.stringify(bogus), 'application/json');
    expect(json.status).toBe(415);
    const query = await put('?bogusField=1', svg, 'image/svg+xml');
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { message: string } }).error.message).toBe('Unknown field: bogusField');
    expect((await put('', svg, 'image/svg+xml')).status).toBe(200);
    const get = await event.facilitator.request('GET', `${logo}?bogusField=1`);
    expect(((await get.json()) as { error: { message: string } }).error.message).toBe('Unknown field: bogusField');
  });

  it('the export query takes only names=include', async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const res = await event.organiser.request('GET', `/api/events/${event.info.id}/export/md?names=include&bogusField=1`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Unknown field: bogusField');
    expect((await event.organiser.request('GET', `/api/events/${event.info.id}/export/md?names=include`)).status).toBe(200);
  });

  it.each(Object.keys(restCases))('%s: 400 naming bogusField; the same request without it is accepted', async (route) => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const { client, path: requestPath, body, status } = restCases[route]!(url, event);
    const method = route.split(' ')[0]!;

    const refused = await client.request(method, requestPath, { ...body, ...bogus });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error).toMatchObject({ code: 'invalid_input', message: 'Unknown field: bogusField' });

    const accepted = await client.request(method, requestPath, body);
    expect(accepted.status, JSON.stringify(await accepted.clone().json())).toBe(status);
  });

  it('nested objects are strict too, and the message gives the path', async () => {
    const { url } = await server();
    const res = await new ApiClient(url).request('POST', '/api/events', {
      title: 'Strict',
      date: '2026-06-18',
      questions: [{ prompt: 'What worked?', promt: 'typo' }],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Unknown field: questions.0.promt');
  });

  it("an anonymous event's join is strict too: no name, no unknown field; the names setting is a known field of a new event", async () => {
    const { url } = await server();
    const event = await createTestEvent(url, { title: 'Strict anonymous', date: '2026-06-18', namesMode: 'anonymous' });
    const join = (body: Record<string, unknown>) => new ApiClient(url).request('POST', '/api/join', { joinCode: event.info.joinCode, roomId: event.info.rooms[0]!.id, ...body });
    const refused = await join(bogus);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('Unknown field: bogusField');
    const named = await join({ name: 'Amira' });
    expect(named.status).toBe(400);
    expect(((await named.json()) as { error: { message: string } }).error.message).toMatch(/anonymous/);
    expect((await join({})).status).toBe(201);
    const misspelt = await new ApiClient(url).request('POST', '/api/events', { title: 'Strict', date: '2026-06-18', namesMod: 'hidden' });
    expect(((await misspelt.json()) as { error: { message: string } }).error.message).toBe('Unknown field: namesMod');
  });

  it('the audit query refuses unknown parameters', async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const res = await event.facilitator.request('GET', `/api/events/${event.info.id}/audit?limit=5&bogusField=1`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Unknown field: bogusField');
    expect((await event.facilitator.request('GET', `/api/events/${event.info.id}/audit?limit=5`)).status).toBe(200);
  });
});

/** A valid payload for every command (typed over CommandName, so a new command without one does not compile). */
function validCommandPayloads(rooms: { a: string; b: string }): Record<CommandName, Record<string, unknown>> {
  return {
    'control:get': {},
    'overview:get': {},
    'hiddenCards:get': { roomId: rooms.a },
    'vote:cast': { cardId: 'no-such-card', delta: 1 },
    'help:request': {},
    'help:cancel': {},
    'phase:set': { phase: 'breakouts' },
    'timer:start': { seconds: 60 },
    'timer:pause': {},
    'timer:resume': {},
    'timer:add': { seconds: 30 },
    'timer:stop': { roomId: rooms.a },
    'broadcast:send': { text: 'Ten minutes left' },
    'lock:set': { roomIds: [rooms.a], locked: false },
    'room:add': { topic: 'Housing' },
    'room:rename': { roomId: rooms.a, topic: 'Renamed' },
    'room:remove': { roomId: rooms.b, moveTo: rooms.a, cards: 'move' },
    'assign:mode': { mode: 'auto' },
    'assign:even': {},
    'participant:move': { participantId: 'p-nobody', roomId: rooms.a },
    'voting:set': { open: true, votesPerPerson: 3 },
    'help:resolve': { helpId: 'no-such-help' },
    'help:update': { helpId: 'no-such-help', status: 'seen' },
    'card:hide': { roomId: rooms.a, cardId: 'no-such-card' },
    'card:show': { roomId: rooms.a, cardId: 'no-such-card' },
    'summary:draft': {},
    'event:details': { title: 'Renamed event', objectives: [{ text: 'Learn', points: ['From each other'] }] },
    // No board has cards yet, so the sample event's questions may all be replaced.
    'questions:set': { questions: [{ prompt: 'What surprised you?', hint: 'One thing', secondField: 'Why?' }] },
    'template:save': { name: 'Our pilot review', description: 'Questions and rooms from the pilot' },
    // Someone has joined, so this is refused as names_locked, after the schema accepted it.
    'names:set': { mode: 'hidden' },
  };
}

describe('socket.io commands refuse unknown fields by name', () => {
  it('every command: invalid_input naming bogusField; the same payload without it is not refused as invalid', async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const [a, b] = event.info.rooms;
    const amira = await joinAsParticipant(url, event.info.joinCode, 'Amira', a!.id);
    const facilitator = await connectSocket(url, event.info.id, event.facilitator.cookieHeader);
    const participant = await connectSocket(url, event.info.id, amira.cookieHeader);
    cleanups.push(() => facilitator.close(), () => participant.close());
    const payloads = validCommandPayloads({ a: a!.id, b: b!.id });

    const names = Object.keys(commandSpecs) as CommandName[];
    expect(names.filter((name) => !(name in payloads))).toEqual([]);
    for (const name of names) {
      const socket = (commandSpecs[name].roles as readonly string[]).includes('facilitator') ? facilitator : participant;
      const run = (payload: Record<string, unknown>) => socket.socket.timeout(10_000).emitWithAck(name, payload) as Promise<CommandResult>;

      expect(await run({ ...payloads[name], ...bogus }), name).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'Unknown field: bogusField' },
      });
      // Other refusals (no such card, voting closed) are fine: only the schema must accept it.
      const accepted = await run(payloads[name]);
      expect(accepted.ok || accepted.error.code, `${name}: ${JSON.stringify(accepted)}`).not.toBe('invalid_input');
    }
  });
});

describe('help:update accepts only the steps a facilitator may mark', () => {
  it("refuses 'sent' and 'cancelled' (the participant's), an unknown status and a missing one", async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const facilitator = await connectSocket(url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    for (const status of ['sent', 'cancelled', 'open', undefined]) {
      const result = await facilitator.run('help:update', { helpId: 'no-such-help', ...(status === undefined ? {} : { status }) } as never);
      expect(result.ok || result.error.code, String(status)).toBe('invalid_input');
    }
  });
});
