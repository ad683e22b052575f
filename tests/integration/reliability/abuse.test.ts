import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { boardDocName } from '../../../shared/docNames';
import { ApiClient, createTestEvent, joinAsParticipant } from '../../helpers/apiClient';
import { connectSocket } from '../../helpers/socketClient';
import { connectProvider, upgradeStatus, waitForSync } from '../../helpers/yjsClient';
import { rateLimitDefaults } from '../../../server/http/rateLimit';
import { startCapturedServer } from './harness';
import { cleanupsAfterEach } from '../../helpers/testServer';

// Abuse: cross-site WebSocket hijacking, guessing join codes and link secrets, headers, and secrets in logs.

const cleanups = cleanupsAfterEach();

async function setup(env: Record<string, string> = {}, level = 'info') {
  const server = await startCapturedServer({ env, level });
  cleanups.push(() => server.close());
  const event = await createTestEvent(server.url);
  return { server, event };
}

function socketIoConnects(url: string, eventId: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { eventId }, extraHeaders: headers, transports: ['websocket'], reconnection: false });
    socket.once('connect', () => {
      socket.disconnect();
      resolve(true);
    });
    socket.once('connect_error', () => {
      socket.disconnect();
      resolve(false);
    });
  });
}

describe('Origin checks (CSWSH, F7)', () => {
  it('both WebSocket endpoints refuse Origin https://evil.example for every role, and accept their own origin', async () => {
    const { server, event } = await setup();
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', event.info.rooms[0]!.id);
    const doc = boardDocName(event.info.id, event.info.rooms[0]!.id);
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/yjs/${doc}`;
    const own = server.url.replace('localhost', '127.0.0.1');
    for (const cookie of ['', amira.cookieHeader, event.facilitator.cookieHeader, event.organiser.cookieHeader]) {
      expect(await upgradeStatus(wsUrl, { cookie, origin: 'https://evil.example' })).toBe(403);
      expect(await socketIoConnects(server.url, event.info.id, { cookie, origin: 'https://evil.example' })).toBe(false);
    }
    // Positive controls, so the refusals above come from the Origin check.
    expect(await upgradeStatus(wsUrl, { cookie: amira.cookieHeader, origin: own })).toBe(101);
    expect(await socketIoConnects(server.url, event.info.id, { cookie: amira.cookieHeader, origin: own })).toBe(true);
    expect(server.logs().some((line) => line.msg === 'refused Yjs upgrade from another origin')).toBe(true);
  });
});

describe('join and link throttling (F16, T8)', () => {
  it('60 people joining from one address all get in', async () => {
    const { server, event } = await setup();
    const joined = await Promise.all(Array.from({ length: 60 }, (_, i) => joinAsParticipant(server.url, event.info.joinCode, `Person ${i + 1}`, event.info.rooms[i % 4]!.id)));
    expect(new Set(joined.map((p) => p.participantId)).size).toBe(60);
  });

  it('200 wrong codes from one address get 429 after the threshold, while the valid code keeps working', async () => {
    const { server, event } = await setup();
    const other = await createTestEvent(server.url);
    // Someone in the room has already joined with the code on the projector.
    await joinAsParticipant(server.url, event.info.joinCode, 'Early bird', event.info.rooms[0]!.id);
    const guesser = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const code = `ZZ${String(i).padStart(4, '0')}`.replace(/0/g, 'Q');
      const res = i % 2 === 0 ? await guesser.request('POST', '/api/join', { joinCode: code, name: 'Guess', roomId: event.info.rooms[0]!.id }) : await guesser.request('GET', `/api/join/${code}`);
      statuses.push(res.status);
      if (i % 50 === 49) {
        // A valid join from the same address in the middle of the flood.
        const res2 = await new ApiClient(server.url).request('POST', '/api/join', { joinCode: event.info.joinCode, name: `Late ${i}`, roomId: event.info.rooms[1]!.id });
        expect(res2.status).toBe(201);
      }
    }
    expect(statuses.slice(0, rateLimitDefaults.joinFailures).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(rateLimitDefaults.joinFailures).every((s) => s === 429)).toBe(true);
    const limited = await guesser.request('GET', '/api/join/ZZZZZZ');
    expect(await limited.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    // No oracle: a real code not yet used from this address is refused like any other guess.
    expect((await guesser.request('GET', `/api/join/${other.info.joinCode}`)).status).toBe(429);
  });

  it('X-Forwarded-For is ignored unless TRUST_PROXY is set, so rotating it does not reset the count', async () => {
    const { server } = await setup();
    const guesser = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < rateLimitDefaults.joinFailures + 5; i++) {
      const res = await guesser.request('GET', `/api/join/ZZZZ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, undefined, { 'x-forwarded-for': `10.0.${i}.1` });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it('with TRUST_PROXY=true each forwarded client has its own budget', async () => {
    const { server } = await setup({ TRUST_PROXY: 'true' });
    const guesser = new ApiClient(server.url);
    for (let i = 0; i < rateLimitDefaults.joinFailures + 5; i++) {
      const res = await guesser.request('GET', `/api/join/YYYYY${String.fromCharCode(65 + (i % 26))}`, undefined, { 'x-forwarded-for': `10.0.${i}.1` });
      expect(res.status).toBe(404);
    }
  });

  it('a facilitator-link brute force gets 403 then 429, never 200', async () => {
    const { server, event } = await setup();
    const attacker = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await attacker.request('POST', `/api/events/${event.info.id}/session`, { key: `guess-${i}-${'x'.repeat(20)}` });
      statuses.push(res.status);
    }
    expect(statuses).not.toContain(200);
    expect(statuses.slice(0, rateLimitDefaults.sessionFailures).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(rateLimitDefaults.sessionFailures).every((s) => s === 429)).toBe(true);
    // A facilitator already signed in is unaffected.
    expect((await event.facilitator.request('GET', `/api/events/${event.info.id}`)).status).toBe(200);
  });
});

describe('headers and errors (T10)', () => {
  it('helmet headers and the CSP are on pages and API responses', async () => {
    const { server } = await setup();
    for (const path of ['/', '/join/ABCDEF', '/api/health']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('error responses carry a stable code and no stack trace', async () => {
    const { server } = await setup();
    for (const [method, path, body] of [
      ['GET', '/api/events/NOT_AN_ID', undefined],
      ['POST', '/api/join', '{"joinCode":'],
      ['GET', '/api/nothing-here', undefined],
      ['POST', '/api/events', { title: 5 }],
    ] as const) {
      const res = await new ApiClient(server.url).request(method, path, body);
      const text = await res.text();
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    }
  });
});

describe('secrets stay out of the log (F18)', () => {
  it('after a full session at trace level, no link secret, session cookie or join code appears in the log', async () => {
    const { server, event } = await setup({}, 'trace');
    const room = event.info.rooms[0]!.id;
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room);
    const provider = connectProvider(server.url, boardDocName(event.info.id, room), amira.cookieHeader);
    cleanups.push(() => provider.destroy());
    await waitForSync(provider.provider);
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    await facilitator.run('phase:set', { phase: 'breakouts' });
    await facilitator.run('broadcast:send', { text: 'Ten minutes left' });
    // Failures that do log: a refused origin, a bad key, a malformed Yjs frame.
    await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/yjs/${boardDocName(event.info.id, room)}`, { cookie: amira.cookieHeader, origin: 'https://evil.example' });
    await new ApiClient(server.url).request('POST', `/api/events/${event.info.id}/session`, { key: 'not-the-key-but-long-enough' });
    provider.provider.ws?.send(new Uint8Array([99]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fetch(`${server.url}/api/events/${event.info.id}`, { method: 'DELETE', headers: { cookie: event.organiser.cookieHeader } });

    const text = server.logLines.join('\n');
    expect(server.logLines.length).toBeGreaterThan(3);
    const secrets = [
      new URL(event.links.facilitator).hash.slice('#key='.length),
      new URL(event.links.organiser).hash.slice('#key='.length),
      event.info.joinCode,
      ...[...event.facilitator.cookies.values(), ...event.organiser.cookies.values(), ...amira.cookies.values()].flatMap((v) => [v, decodeURIComponent(v)]),
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      expect(text.includes(secret), `a secret appeared in the log: ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
