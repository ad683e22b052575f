import { Writable } from 'node:stream';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createLogger, startServer, type RunningServer } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { tempDataDir } from '../../helpers/testServer';

/** Seeded PRNG (mulberry32), so a failing randomised run can be replayed from its printed seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

/** The real server in-process, with every log line captured as parsed JSON (pino's own output). */
export async function startCapturedServer(options: { dataDir?: string; env?: Record<string, string>; level?: string } = {}) {
  const dataDir = options.dataDir ?? tempDataDir();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', DOC_UNLOAD_MS: '50', ...options.env });
  const running: RunningServer = await startServer(config, createLogger(options.level ?? 'info', sink));
  return {
    ...running,
    dataDir,
    logLines: lines,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  send(frame: Uint8Array | string): void;
}

/** A raw WebSocket on the Yjs endpoint, resolved once the server has sent its first frame (the doc is loaded). */
export function rawYjsClient(baseUrl: string, docName: string, cookie: string): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/${docName}`, { headers: { cookie } });
    const frames: Uint8Array[] = [];
    let isClosed = false;
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      ws.on('close', (code, reason) => {
        isClosed = true;
        done({ code, reason: reason.toString() });
      });
    });
    const client: RawClient = {
      ws,
      frames,
      closed,
      isClosed: () => isClosed,
      send(frame) {
        ws.send(frame, { binary: typeof frame !== 'string' });
      },
    };
    ws.on('message', (data: Buffer) => {
      frames.push(new Uint8Array(data));
      if (frames.length === 1) resolve(client);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

// Frame builders for the y-websocket protocol (message type, then payload).
export function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
export const updateFrame = (update: Uint8Array) => syncFrame(2, update);

export function awarenessFrame(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, entry.json);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

export function isSyncStep1(frame: Uint8Array): boolean {
  return frame[0] === 0 && frame[1] === 0;
}

/** The update a change to a scratch document produces, e.g. to send raw. */
export function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const listener = (update: Uint8Array) => {
    captured = captured ? Y.mergeUpdates([captured, update]) : update;
  };
  doc.on('update', listener);
  try {
    change();
  } finally {
    doc.off('update', listener);
  }
  if (!captured) throw new Error('the change produced no update');
  return captured;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}
