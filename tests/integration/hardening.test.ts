import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, startServer, type RunningServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { demoBanner, seedDemo } from '../../server/seedDemo';
import { openSqliteStore } from '../../server/store/sqliteStore';
import { ApiClient, createTestEvent, joinAsParticipant, sampleEvent } from '../helpers/apiClient';
import { freePort } from '../helpers/serverProcess';
import { startTestServer, tempDataDir } from '../helpers/testServer';

// Issue 12's smaller items, against the real server over real HTTP.

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function server(env: Record<string, string> = {}) {
  const started = await startTestServer({ env });
  running.push(started);
  return started;
}

const keyOf = (link: string) => new URL(link).hash.slice('#key='.length);
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('Secure cookies and HSTS behind a TLS proxy', () => {
  const viaProxy = { 'x-forwarded-proto': 'https' };

  it('with TRUST_PROXY and X-Forwarded-Proto: https, cookies are Secure and HSTS is sent', async () => {
    const { url } = await server({ TRUST_PROXY: 'true' });
    const event = await createTestEvent(url);
    const visitor = new ApiClient(url);
    const joined = await visitor.request('POST', '/api/join', { joinCode: event.info.joinCode, name: 'Amira', roomId: event.info.rooms[0]!.id }, viaProxy);
    expect(joined.status).toBe(201);
    expect(joined.headers.getSetCookie()[0]).toMatch(/; Secure$/);
    expect(joined.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');

    const staff = new ApiClient(url);
    const exchanged = await staff.request('POST', `/api/events/${event.info.id}/session`, { key: keyOf(event.links.facilitator) }, viaProxy);
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.getSetCookie()[0]).toMatch(/; Secure$/);

    const left = await visitor.request('DELETE', `/api/events/${event.info.id}/session`, undefined, viaProxy);
    expect(left.headers.getSetCookie()).toHaveLength(3);
    for (const cookie of left.headers.getSetCookie()) expect(cookie).toMatch(/Max-Age=0; Secure$/);
    expect((await fetch(`${url}/api/health`, { headers: viaProxy })).headers.get('strict-transport-security')).toMatch(/^max-age=15552000/);
  });

  it('over plain http (no X-Forwarded-Proto, or http) there is neither Secure nor HSTS', async () => {
    const { url } = await server({ TRUST_PROXY: 'true' });
    const event = await createTestEvent(url);
    for (const headers of [{}, { 'x-forwarded-proto': 'http' }] as Record<string, string>[]) {
      const joined = await new ApiClient(url).request('POST', '/api/join', { joinCode: event.info.joinCode, name: 'Bea', roomId: event.info.rooms[0]!.id }, headers);
      expect(joined.status).toBe(201);
      expect(joined.headers.getSetCookie()[0]).not.toMatch(/Secure/);
      expect(joined.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('without TRUST_PROXY a client cannot claim https', async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const joined = await new ApiClient(url).request('POST', '/api/join', { joinCode: event.info.joinCode, name: 'Cai', roomId: event.info.rooms[0]!.id }, viaProxy);
    expect(joined.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    expect(joined.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('owner-only files in DATA_DIR', () => {
  it('creates the folder 0700 and the database, WAL, update log and session key 0600, whatever the umask', async () => {
    const dataDir = path.join(tempDataDir(), 'fresh', 'data');
    const previous = process.umask(0);
    try {
      const started = await startTestServer({ dataDir });
      running.push(started);
      const event = await createTestEvent(started.url);
      await joinAsParticipant(started.url, event.info.joinCode, 'Dai', event.info.rooms[0]!.id);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of ['roundtable.db', 'roundtable.db-wal', 'roundtable.db-shm', 'roundtable.updates.log', 'session-secret']) {
      expect([file, modeOf(path.join(dataDir, file))]).toEqual([file, 0o600]);
    }
  });

  it('tightens files an older version left readable, and keeps the update log 0600 when it is rotated for a fold', async () => {
    const dataDir = tempDataDir();
    const file = (name: string) => path.join(dataDir, name);
    for (const name of ['roundtable.db', 'roundtable.updates.log']) {
      fs.writeFileSync(file(name), '');
      fs.chmodSync(file(name), 0o644);
    }
    const previous = process.umask(0);
    try {
      // A one-byte fold threshold rotates the log aside (and opens a new one) on the first append.
      const store = openSqliteStore(dataDir, { foldBytes: 1 });
      for (const name of ['roundtable.db', 'roundtable.db-wal', 'roundtable.db-shm', 'roundtable.updates.log']) {
        expect([name, modeOf(file(name))]).toEqual([name, 0o600]);
      }
      const before = fs.statSync(file('roundtable.updates.log')).ino;
      await store.appendBatch([{ name: 'board.e1.r1', updates: [new Uint8Array([0, 0])] }]);
      expect(fs.statSync(file('roundtable.updates.log')).ino).not.toBe(before);
      expect(modeOf(file('roundtable.updates.log'))).toBe(0o600);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });
});

describe('link secrets never reach the log', () => {
  it('a full session at trace level, plus seeding the demo event, logs no secret', async () => {
    const dataDir = tempDataDir();
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const log = createLogger('trace', sink);
    const started: RunningServer = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false' }), log);
    running.push(started);
    const demo = await seedDemo(started.store, dataDir, started.url, log);
    const event = await createTestEvent(started.url);
    await joinAsParticipant(started.url, event.info.joinCode, 'Efa', event.info.rooms[0]!.id);
    const wrong = await new ApiClient(started.url).request('POST', `/api/events/${event.info.id}/session`, { key: keyOf(event.links.facilitator).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(wrong.status).toBe(403);
    await event.facilitator.json('GET', `/api/events/${event.info.id}`);
    await started.close();
    running.splice(running.indexOf(started), 1);

    expect(logged).toContain('created the demo event');
    expect(modeOf(path.join(dataDir, 'demo-links.json'))).toBe(0o600);
    const secrets = [event.links.facilitator, event.links.organiser, demo.facilitator, demo.organiser].map(keyOf);
    for (const secret of secrets) expect(logged).not.toContain(secret);
    expect(logged).not.toContain('#key=');
    // The terminal banner shows them on the start that created the demo, and never afterwards.
    expect(demoBanner(demo, started.url, dataDir)).toContain(demo.facilitator);
    const later = demoBanner({ ...demo, created: false }, started.url, dataDir);
    expect(later).not.toContain('#key=');
    expect(later).toContain(demo.joinCode);
  });

  it('the compiled server (npm start) prints the demo links to the terminal at first start only, never as a log line', { timeout: 90_000 }, async () => {
    const dataDir = tempDataDir();
    const first = await runMain(dataDir);
    const lines = first.split('\n');
    const facilitatorLine = lines.find((line) => line.includes('/facilitate/') && line.includes('#key='));
    expect(facilitatorLine).toBeDefined();
    const secret = facilitatorLine!.slice(facilitatorLine!.indexOf('#key=') + '#key='.length).trim();
    const logLines = lines.filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(secret);
    expect(logLines.some((line) => line.includes('#key='))).toBe(false);

    const second = await runMain(dataDir);
    expect(second).toContain('Demo event');
    expect(second).not.toContain(secret);
    expect(second).not.toContain('#key=');
  });
});

/** Runs the compiled entry point (as npm start does) until it has printed its banner, then stops it; returns stdout and stderr. */
async function runMain(dataDir: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'trace' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('Create your own event at')) resolve();
    };
    child.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`dist/server/main.js exited early:\n${output}`)));
  });
  child.kill('SIGTERM');
  await exited;
  return output;
}

describe('creating events', () => {
  it('is limited to 20 per address per hour, with a 429, a JSON error and Retry-After', async () => {
    const { url } = await server({ TRUST_PROXY: 'true' });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 20; i++) {
      expect((await new ApiClient(url).request('POST', '/api/events', sampleEvent, from('203.0.113.7'))).status).toBe(201);
    }
    const refused = await new ApiClient(url).request('POST', '/api/events', sampleEvent, from('203.0.113.7'));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 3600).toBe(true);
    expect(await refused.json()).toEqual({ error: { code: 'too_many_requests', message: expect.stringMatching(/^Too many new events from this network/) } });
    // Another address is unaffected.
    expect((await new ApiClient(url).request('POST', '/api/events', sampleEvent, from('198.51.100.2'))).status).toBe(201);
  });

  it('needs X-Event-Creation-Key when EVENT_CREATION_KEY is set', async () => {
    const key = 'correct-horse-battery-staple';
    const { url } = await server({ EVENT_CREATION_KEY: key });
    expect(await (await fetch(`${url}/api/config`)).json()).toEqual({ eventCreationKeyRequired: true });
    const create = (headers: Record<string, string>) => new ApiClient(url).request('POST', '/api/events', sampleEvent, headers);

    const without = await create({});
    expect(without.status).toBe(403);
    expect(await without.json()).toEqual({ error: { code: 'event_creation_key_required', message: expect.stringContaining('needs an event creation key') } });
    for (const wrongKey of ['correct-horse-battery-stapl', `${key}x`, 'x'.repeat(key.length)]) {
      const wrong = await create({ 'X-Event-Creation-Key': wrongKey });
      expect(wrong.status).toBe(403);
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('wrong_event_creation_key');
    }
    const right = await create({ 'X-Event-Creation-Key': key });
    expect(right.status).toBe(201);
    expect(((await right.json()) as { links: { facilitator: string } }).links.facilitator).toContain('#key=');
  });

  it('is open when no key is configured', async () => {
    const { url } = await server();
    expect(await (await fetch(`${url}/api/config`)).json()).toEqual({ eventCreationKeyRequired: false });
    expect((await new ApiClient(url).request('POST', '/api/events', sampleEvent)).status).toBe(201);
  });

  it('refuses a short EVENT_CREATION_KEY at start-up and treats an empty one as unset', () => {
    expect(() => loadConfig({ EVENT_CREATION_KEY: 'short' })).toThrow(/EVENT_CREATION_KEY/);
    expect(loadConfig({ EVENT_CREATION_KEY: '' }).eventCreationKey).toBeUndefined();
  });

  it('takes LOG_FOLD_MS only as a whole number of milliseconds from 1 s to 10 min', () => {
    expect(loadConfig({}).logFoldMs).toBe(30_000);
    expect(loadConfig({ LOG_FOLD_MS: '5000' }).logFoldMs).toBe(5000);
    for (const bad of ['0', '999', '600001', '1.5e3x', 'soon', '-5000']) expect(() => loadConfig({ LOG_FOLD_MS: bad })).toThrow(/LOG_FOLD_MS/);
  });
});

describe('display names at the join endpoint', () => {
  it('refuses invisible names and direction controls with a clear 400, and accepts names in any script', async () => {
    const { url } = await server();
    const event = await createTestEvent(url);
    const join = (name: string) => new ApiClient(url).request('POST', '/api/join', { joinCode: event.info.joinCode, name, roomId: event.info.rooms[0]!.id });

    for (const name of ['\u200B\u200B', '\u2060', '\u00AD', ' \uFEFF ', '\u3164', 'Ann\u202Eexe.pdf', '\u2067Bob\u2069']) {
      const res = await join(name);
      expect([JSON.stringify(name), res.status]).toEqual([JSON.stringify(name), 400]);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_input');
      expect(body.error.message).toMatch(/^(Please type a name|Names can contain|Names cannot contain characters that change the direction)/);
    }
    for (const name of ['Siân Llewelyn-Jones', 'محمد عبد الله', 'Zofia Łukasiewicz-Wróbel', 'Ana 🌻', '\u{1F469}\u200D\u{1F469}\u200D\u{1F467} Patel']) {
      const res = await join(name);
      expect(res.status).toBe(201);
      expect(((await res.json()) as { name: string }).name).toBe(name);
    }
  });
});
