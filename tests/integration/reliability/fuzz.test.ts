import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import net from 'node:net';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf, readCards } from '../../../shared/boardDoc';
import { boardDocName } from '../../../shared/docNames';
import { limits } from '../../../shared/limits';
import { closeReasons } from '../../../shared/closeCodes';
import { connectionLimits } from '../../../server/yjs/docConnection';
import { createTestEvent, joinAsParticipant, type CreatedTestEvent } from '../../helpers/apiClient';
import { connectSocket } from '../../helpers/socketClient';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../../helpers/yjsClient';
import {
  awarenessFrame,
  bytesEqual,
  isSyncStep1,
  prng,
  rawYjsClient,
  startCapturedServer,
  syncFrame,
  updateFrame,
  updateOf,
  withTimeout,
} from './harness';

// T4: malformed and oversized messages close only the offending connection, with a clear code; the
// room's state is byte-identical afterwards, and bystanders in the same and another room carry on.

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

let server: Awaited<ReturnType<typeof startCapturedServer>>;
let event: CreatedTestEvent;
let attackerCookie: string;
let roomA: string;
let docA: string;
// Participants write cards only as themselves, so test cards carry their real ids.
const ids = { mallory: '', ann: '', ben: '' };
let bystanders: { a1: ProviderHandle; a2: ProviderHandle; b1: ProviderHandle; b2: ProviderHandle };
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  server = await startCapturedServer({ level: 'info' });
  event = await createTestEvent(server.url);
  const [a, b] = event.info.rooms;
  roomA = a!.id;
  docA = boardDocName(event.info.id, roomA);
  const docB = boardDocName(event.info.id, b!.id);
  const code = event.info.joinCode;
  const mallory = await joinAsParticipant(server.url, code, 'Mallory', roomA);
  attackerCookie = mallory.cookieHeader;
  ids.mallory = mallory.participantId;
  const pa1 = await joinAsParticipant(server.url, code, 'Ann', roomA);
  const pa2 = await joinAsParticipant(server.url, code, 'Ash', roomA);
  const pb1 = await joinAsParticipant(server.url, code, 'Ben', b!.id);
  const pb2 = await joinAsParticipant(server.url, code, 'Bea', b!.id);
  ids.ann = pa1.participantId;
  ids.ben = pb1.participantId;
  bystanders = {
    a1: connectProvider(server.url, docA, pa1.cookieHeader),
    a2: connectProvider(server.url, docA, pa2.cookieHeader),
    b1: connectProvider(server.url, docB, pb1.cookieHeader),
    b2: connectProvider(server.url, docB, pb2.cookieHeader),
  };
  for (const handle of Object.values(bystanders)) await waitForSync(handle.provider);
});

afterAll(async () => {
  for (const handle of Object.values(bystanders ?? {})) handle.destroy();
  await server?.close();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

async function roomAState() {
  await server.liveDocs.settle();
  const live = await server.liveDocs.ifLoaded(docA);
  if (!live) throw new Error('room A is not loaded');
  return { bytes: Y.encodeStateAsUpdate(live.doc), stored: (await server.store.loadDoc(docA)).lastSeq };
}

let exchange = 0;
/** Both rooms still relay edits, and the server still answers HTTP. */
async function bystandersStillWork() {
  const tag = `x${++exchange}`;
  addCard(bystanders.b1.doc, { id: `b-${tag}`, questionId: 'q1', authorId: ids.ben, authorName: 'Ben', text: tag });
  addCard(bystanders.a1.doc, { id: `a-${tag}`, questionId: 'q1', authorId: ids.ann, authorName: 'Ann', text: tag });
  await waitFor(() => cardsOf(bystanders.b2.doc).has(`b-${tag}`), 10_000, 'room B bystander exchange');
  await waitFor(() => cardsOf(bystanders.a2.doc).has(`a-${tag}`), 10_000, 'room A bystander exchange');
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
}

function scratchCardUpdate(text: string, id = `evil-${Math.random().toString(36).slice(2)}`): Uint8Array {
  const doc = new Y.Doc();
  return updateOf(doc, () => addCard(doc, { id, questionId: 'q1', authorId: ids.mallory, authorName: 'Mallory', text }));
}

function varUintFrame(values: number[], tail: Uint8Array = new Uint8Array()): Uint8Array {
  const e = encoding.createEncoder();
  for (const v of values) encoding.writeVarUint(e, v);
  encoding.writeUint8Array(e, tail);
  return encoding.toUint8Array(e);
}

interface FuzzCase {
  name: string;
  frames: () => (Uint8Array | string)[];
  code: number;
}

const rng = prng(seed);
const cases: FuzzCase[] = [
  { name: 'empty binary frame (yjs#498)', frames: () => [new Uint8Array()], code: closeReasons.malformed.code },
  { name: 'text frame', frames: () => ['hello'], code: closeReasons.malformed.code },
  { name: 'sync update wrapping base64("garbagedoc") (yjs#479)', frames: () => [updateFrame(new Uint8Array(Buffer.from('garbagedoc', 'base64')))], code: closeReasons.malformed.code },
  { name: 'zero-length update inside a sync message', frames: () => [updateFrame(new Uint8Array())], code: closeReasons.malformed.code },
  {
    name: 'truncated valid update (cut at a seeded random byte)',
    frames: () => {
      const update = scratchCardUpdate('a perfectly normal card');
      return [updateFrame(update.slice(0, 1 + rng.int(update.byteLength - 2)))];
    },
    code: closeReasons.malformed.code,
  },
  { name: 'length prefix beyond the end of the frame', frames: () => [varUintFrame([0, 2, 5000], new Uint8Array([1, 2, 3]))], code: closeReasons.malformed.code },
  { name: 'length prefix of 2^53', frames: () => [varUintFrame([0, 2, Number.MAX_SAFE_INTEGER])], code: closeReasons.malformed.code },
  { name: 'unknown message type 99', frames: () => [varUintFrame([99])], code: closeReasons.malformed.code },
  { name: 'unknown sync step 7', frames: () => [syncFrame(7, new Uint8Array([0]))], code: closeReasons.malformed.code },
  { name: 'trailing bytes after a valid message', frames: () => [varUintFrame([3], new Uint8Array([1, 2, 3]))], code: closeReasons.malformed.code },
  { name: 'malformed state vector in sync step 1', frames: () => [syncFrame(0, new Uint8Array([5, 1]))], code: closeReasons.malformed.code },
  { name: `frame larger than the ${limits.wsFrameBytes}-byte cap`, frames: () => [new Uint8Array(limits.wsFrameBytes + 1)], code: 1009 },
  { name: `update larger than ${limits.yjsUpdateBytes} bytes (within the frame cap)`, frames: () => [updateFrame(new Uint8Array(limits.yjsUpdateBytes + 10).fill(7))], code: closeReasons.tooLarge.code },
  { name: `one insert longer than a card (${limits.cardChars + 1} characters)`, frames: () => [updateFrame(scratchCardUpdate('x'.repeat(limits.cardChars + 1)))], code: closeReasons.tooLarge.code },
  {
    name: 'sub-document content on a board',
    frames: () => {
      const doc = new Y.Doc();
      return [updateFrame(updateOf(doc, () => doc.getMap('cards').set('sub', new Y.Doc())))];
    },
    code: closeReasons.malformed.code,
  },
  { name: 'awareness frame with invalid JSON', frames: () => [awarenessFrame([{ clientId: 1, clock: 1, json: '{"user":' }])], code: closeReasons.malformed.code },
  { name: 'awareness frame with a JSON array state', frames: () => [awarenessFrame([{ clientId: 1, clock: 1, json: '[1,2]' }])], code: closeReasons.malformed.code },
  {
    name: 'awareness frame with 10 000 fresh client ids (reearth/ygo#116)',
    frames: () => [awarenessFrame(Array.from({ length: 10_000 }, (_, i) => ({ clientId: 1_000_000 + i, clock: 1, json: 'null' })))],
    code: closeReasons.malformed.code,
  },
  {
    name: `awareness state over ${limits.awarenessStateBytes} bytes`,
    frames: () => [awarenessFrame([{ clientId: 77, clock: 1, json: JSON.stringify({ cursor: 'y'.repeat(limits.awarenessStateBytes) }) }])],
    code: closeReasons.tooLarge.code,
  },
  {
    name: `flood: ${connectionLimits.maxMessagesPerWindow + 50} messages in one window`,
    frames: () => Array.from({ length: connectionLimits.maxMessagesPerWindow + 50 }, () => varUintFrame([3])),
    code: closeReasons.tooFast.code,
  },
];

describe(`T4 fuzz table (seed ${seed})`, () => {
  it.each(cases)('$name → close $code, state unchanged, bystanders unaffected', async ({ frames, code, name }) => {
    const before = await roomAState();
    const attacker = await rawYjsClient(server.url, docA, attackerCookie);
    for (const frame of frames()) {
      if (attacker.isClosed()) break;
      attacker.send(frame);
    }
    const closed = await withTimeout(attacker.closed, 10_000, `close after "${name}" (seed ${seed})`);
    expect(closed.code, `seed ${seed}`).toBe(code);
    // Our own codes carry a reason the client can show; 1009 comes from ws itself.
    if (code >= 4000) expect(closed.reason.length).toBeGreaterThan(0);
    const after = await roomAState();
    expect(bytesEqual(after.bytes, before.bytes), `room A state changed (seed ${seed})`).toBe(true);
    expect(after.stored).toBe(before.stored);
    expect(readCards(bystanders.a2.doc).some((card) => card.authorId === 'mallory')).toBe(false);
    await bystandersStillWork();
  });

  it('logs every rejection with its close code (and the server never threw)', () => {
    const rejections = server.logs().filter((line) => line.msg === 'closing Yjs connection');
    // 1009 is closed by ws itself before our handler sees the frame.
    const ours = cases.filter((c) => c.code !== 1009);
    expect(rejections.length).toBeGreaterThanOrEqual(ours.length);
    for (const c of ours) expect(rejections.some((line) => line.code === c.code)).toBe(true);
    expect(uncaught).toEqual([]);
  });

  it('an update with missing dependencies (F2) is neither stored nor relayed; the sender is asked to resync, then closed', async () => {
    const before = await roomAState();
    const attacker = await rawYjsClient(server.url, docA, attackerCookie);
    const scratch = new Y.Doc();
    updateOf(scratch, () => addCard(scratch, { id: 'dep', questionId: 'q1', authorId: ids.mallory, authorName: 'Mallory', text: 'the missing part' }));
    const orphans = Array.from({ length: connectionLimits.maxPendingStrikes + 1 }, (_, i) =>
      updateOf(scratch, () => addCard(scratch, { id: `orphan-${i}`, questionId: 'q1', authorId: ids.mallory, authorName: 'Mallory', text: 'depends on the missing part' })),
    );
    const step1sBefore = attacker.frames.filter(isSyncStep1).length;
    attacker.send(updateFrame(orphans[0]!));
    await waitFor(() => attacker.frames.filter(isSyncStep1).length > step1sBefore, 10_000, 'a resync request (sync step 1)');
    expect(attacker.isClosed()).toBe(false);
    const mid = await roomAState();
    expect(bytesEqual(mid.bytes, before.bytes)).toBe(true);
    expect(mid.stored).toBe(before.stored);
    // The server holds nothing pending: what it stores and serves is always complete.
    const live = await server.liveDocs.ifLoaded(docA);
    expect(live!.doc.store.pendingStructs).toBeNull();
    expect(live!.doc.store.pendingDs).toBeNull();
    for (const orphan of orphans.slice(1)) attacker.send(updateFrame(orphan));
    const closed = await withTimeout(attacker.closed, 10_000, 'close after repeated missing dependencies');
    expect(closed.code).toBe(closeReasons.resync.code);
    const after = await roomAState();
    expect(bytesEqual(after.bytes, before.bytes)).toBe(true);
    expect([...cardsOf(bystanders.a2.doc).keys()].some((id) => id.startsWith('orphan'))).toBe(false);
    await bystandersStillWork();
  });

  it('a peer that supplies the missing part afterwards is integrated in full (the legitimate race)', async () => {
    const attacker = await rawYjsClient(server.url, docA, attackerCookie);
    const scratch = new Y.Doc();
    const first = updateOf(scratch, () => addCard(scratch, { id: 'late-1', questionId: 'q1', authorId: ids.mallory, authorName: 'Mallory', text: 'one' }));
    const second = updateOf(scratch, () => addCard(scratch, { id: 'late-2', questionId: 'q1', authorId: ids.mallory, authorName: 'Mallory', text: 'two' }));
    attacker.send(updateFrame(second));
    attacker.send(updateFrame(Y.mergeUpdates([first, second])));
    await waitFor(() => cardsOf(bystanders.a2.doc).has('late-1') && cardsOf(bystanders.a2.doc).has('late-2'), 10_000, 'both cards relayed');
    expect(attacker.isClosed()).toBe(false);
    attacker.ws.close();
  });

  it('awareness: another client id is ignored and the display name is stamped by the server', async () => {
    const attacker = await rawYjsClient(server.url, docA, attackerCookie);
    const victimId = bystanders.a1.doc.clientID;
    attacker.send(awarenessFrame([{ clientId: 4242, clock: 1, json: JSON.stringify({ user: { name: 'Facilitator', role: 'facilitator' } }) }]));
    attacker.send(awarenessFrame([{ clientId: victimId, clock: 99, json: JSON.stringify({ user: { name: 'Spoofed' } }) }]));
    await waitFor(() => bystanders.a2.provider.awareness.getStates().has(4242), 10_000, 'attacker presence');
    const state = bystanders.a2.provider.awareness.getStates().get(4242) as { user: { name: string; role: string } };
    expect(state.user).toMatchObject({ name: 'Mallory', role: 'participant' });
    expect(JSON.stringify(bystanders.a2.provider.awareness.getStates().get(victimId) ?? {})).not.toContain('Spoofed');
    attacker.ws.close();
    await waitFor(() => !bystanders.a2.provider.awareness.getStates().has(4242), 10_000, 'presence removed on close');
  });

  it('many small inserts past the card limit are trimmed by the server for everyone', async () => {
    addCard(bystanders.a1.doc, { id: 'long', questionId: 'q1', authorId: ids.ann, authorName: 'Ann', text: '' });
    const text = cardTextOf(bystanders.a1.doc, 'long')!;
    for (let i = 0; i < 3; i++) text.insert(text.length, 'z'.repeat(limits.cardChars - 100));
    await waitFor(() => (cardTextOf(bystanders.a2.doc, 'long')?.length ?? 0) === limits.cardChars && text.length === limits.cardChars, 10_000, 'trimmed text');
    const live = await server.liveDocs.ifLoaded(docA);
    expect(cardTextOf(live!.doc, 'long')!.length).toBe(limits.cardChars);
  });

  it('an update only the full check reads (two inserts at once) is trimmed past the card limit too', async () => {
    addCard(bystanders.a1.doc, { id: 'long-two', questionId: 'q1', authorId: ids.ann, authorName: 'Ann', text: 'y'.repeat(limits.cardChars - 100) });
    const text = cardTextOf(bystanders.a1.doc, 'long-two')!;
    await waitFor(() => cardTextOf(bystanders.a2.doc, 'long-two')?.length === limits.cardChars - 100, 10_000, 'card relayed');
    // Two structs in one update: the quick check leaves it to the full one, which applies it in one transaction.
    bystanders.a1.doc.transact(() => {
      text.insert(0, 'a'.repeat(60));
      text.insert(text.length, 'b'.repeat(60));
    });
    await waitFor(() => cardTextOf(bystanders.a2.doc, 'long-two')?.length === limits.cardChars && text.length === limits.cardChars, 10_000, 'trimmed text');
    const live = await server.liveDocs.ifLoaded(docA);
    expect(cardTextOf(live!.doc, 'long-two')!.length).toBe(limits.cardChars);
  });

  it(`a board refuses card ${limits.cardsPerBoard + 1} (close ${closeReasons.boardFull.code}); other rooms carry on`, async () => {
    const roomC = event.info.rooms[2]!.id;
    const docC = boardDocName(event.info.id, roomC);
    const facilitator = connectProvider(server.url, docC, event.facilitator.cookieHeader);
    try {
      await waitForSync(facilitator.provider);
      for (let batch = 0; batch < limits.cardsPerBoard / 500; batch++) {
        facilitator.doc.transact(() => {
          for (let i = 0; i < 500; i++) addCard(facilitator.doc, { id: `c${batch}-${i}`, questionId: 'q1', ...event.facilitatorAuthor, text: '' });
        });
      }
      await server.liveDocs.settle();
      const live = await server.liveDocs.ifLoaded(docC);
      await waitFor(() => cardsOf(live!.doc).size === limits.cardsPerBoard, 10_000, 'board filled');
      const before = Y.encodeStateAsUpdate(live!.doc);
      const extra = connectProvider(server.url, docC, event.facilitator.cookieHeader);
      const closed = new Promise<number>((resolve) => extra.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
      await waitForSync(extra.provider);
      addCard(extra.doc, { id: 'one-too-many', questionId: 'q1', ...event.facilitatorAuthor, text: 'no room' });
      expect(await withTimeout(closed, 10_000, 'board-full close')).toBe(closeReasons.boardFull.code);
      extra.destroy();
      await server.liveDocs.settle();
      expect(bytesEqual(Y.encodeStateAsUpdate(live!.doc), before)).toBe(true);
      expect(cardsOf(facilitator.doc).has('one-too-many')).toBe(false);
      await bystandersStillWork();
    } finally {
      facilitator.destroy();
    }
  });

  it('a read-only (organiser) connection syncs, but its updates are dropped and never relayed', async () => {
    const before = await roomAState();
    const organiser = connectProvider(server.url, docA, event.organiser.cookieHeader);
    try {
      await waitForSync(organiser.provider);
      addCard(organiser.doc, { id: 'organiser-card', questionId: 'q1', authorId: 'o', authorName: 'O', text: 'nope' });
      await bystandersStillWork();
      expect(cardsOf(bystanders.a2.doc).has('organiser-card')).toBe(false);
      const live = await server.liveDocs.ifLoaded(docA);
      expect(cardsOf(live!.doc).has('organiser-card')).toBe(false);
      expect((await roomAState()).stored).toBeGreaterThan(before.stored);
    } finally {
      organiser.destroy();
    }
  });
});

describe('socket.io and HTTP bounds', () => {
  it('a socket.io packet over maxHttpBufferSize disconnects only that socket', async () => {
    const big = await connectSocket(server.url, event.info.id, attackerCookie);
    const other = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    const reason = new Promise<string>((resolve) => big.socket.on('disconnect', (r) => resolve(r)));
    big.socket.emit('control:get', { pad: 'p'.repeat(limits.socketMessageBytes * 2) }, () => {});
    expect(await withTimeout(reason, 10_000, 'oversized socket.io packet disconnect')).toMatch(/transport (close|error)/);
    const result = await other.run('control:get');
    expect(result.ok).toBe(true);
    other.close();
    await bystandersStillWork();
  });

  it('a socket.io command that fails validation is refused with invalid_input; the connection stays and nothing changes', async () => {
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    const version = async () => ((await facilitator.run('control:get')) as { data: { state: { version: number } } }).data.state.version;
    const before = await version();
    const bad: [string, unknown][] = [
      ['phase:set', { phase: 42 }],
      ['phase:set', { phase: 'party' }],
      ['phase:set', null],
      ['timer:start', { seconds: 'ten' }],
      ['broadcast:send', { text: 'x'.repeat(10_000) }],
      ['participant:move', { participantId: 'p'.repeat(10_000), roomId: roomA }],
      ['lock:set', { roomIds: ['../../etc'], locked: true }],
      ['assign:even', { unexpected: true }],
    ];
    for (const [name, payload] of bad) {
      const result = await facilitator.run(name as 'phase:set', payload as never);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(facilitator.socket.connected).toBe(true);
    expect(await version()).toBe(before);
    facilitator.close();
  });

  async function rawHttp(head: string): Promise<string> {
    const { port } = new URL(server.url);
    return new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(head));
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
  }

  it('an HTTP request with 2 000 headers (ws CVE-2024-37890 shape) is answered or refused, and the process stays up', async () => {
    const headers = Array.from({ length: 2000 }, (_, i) => `x-h${i}: v`).join('\r\n');
    const response = await rawHttp(`GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}\r\n\r\n`);
    expect(response === '' || /^HTTP\/1\.1 (200|431)/.test(response), response.slice(0, 200)).toBe(true);
    await bystandersStillWork();
  });

  it('request headers over the 16 KiB limit get 431', async () => {
    const headers = Array.from({ length: 400 }, (_, i) => `x-h${i}: ${'v'.repeat(60)}`).join('\r\n');
    const response = await rawHttp(`GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}\r\n\r\n`);
    expect(response, response.slice(0, 200)).toMatch(/^HTTP\/1\.1 431/);
    await bystandersStillWork();
  });

  it('the same many headers on a WebSocket upgrade are refused too (ws CVE-2024-37890 shape)', async () => {
    const { port } = new URL(server.url);
    const headers = Array.from({ length: 2000 }, (_, i) => `x-h${i}: v`).join('\r\n');
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () =>
        socket.write(`GET /yjs/${docA} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${headers}\r\n\r\n`),
      );
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.on('data', () => socket.end());
    });
    await bystandersStillWork();
  });

  it(`a JSON body over ${limits.requestBodyBytes} bytes gets 413 with a JSON error code`, async () => {
    const res = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x', introduction: 'y'.repeat(limits.requestBodyBytes + 1) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'too_large' } });
  });

  it('the server never threw', () => {
    expect(uncaught).toEqual([]);
  });
});
