import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, cardsOf, type CardMap } from '../../shared/boardDoc';

// A protocol-level y-websocket client that keeps no document. Senders own a private Y.Doc only to produce
// genuine board updates: each sender adds one card of its own (as its participant, before its first timed edit),
// and every edit moves that card, setting its `questionId` (a field a participant may rewrite) to a key that
// embeds the send time; receivers read that key with Y.decodeUpdate. Our server refuses anything outside the
// board schema (shared/boardSchema.ts), so the traffic stays inside it.

export interface ClientSpec {
  url: string;
  cookie?: string;
}

export function syncFrame(step: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const emptyStep1 = syncFrame(0, Y.encodeStateVector(new Y.Doc()));
export const emptyStep2 = syncFrame(1, Y.encodeStateAsUpdate(new Y.Doc()));

/** Question ids the bench's cards are filed under (the default template's). */
export const benchQuestions = ['worked-well', 'build-on', 'make-it-happen'] as const;

/** The participant id and name inside a session cookie's signed token (its payload is plain base64url JSON). */
export function sessionIdentity(cookie: string): { participantId: string; name: string } {
  const token = decodeURIComponent(cookie.split(';')[0]!.split('=').slice(1).join('='));
  const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { participantId: string; name: string };
  return { participantId: claims.participantId, name: claims.name };
}

/** The timing key an edit carries (as the card's questionId), or null for any other value. */
export function keyOfCard(card: unknown): string | null {
  const value = card instanceof Y.Map ? card.get('questionId') : undefined;
  return typeof value === 'string' && value.includes('|') ? value : null;
}

export function openSocket(spec: ClientSpec): WebSocket {
  return new WebSocket(spec.url, { perMessageDeflate: false, headers: spec.cookie ? { cookie: spec.cookie } : {} });
}

/**
 * Connects, sends `sendOnOpen` (if any) and resolves with the payload of the first sync message of `step` the server
 * sends (0: its SyncStep1, a state vector; 1: a SyncStep2, an update), then drops the socket. Rejects on an error,
 * a refused upgrade, a close or `timeoutMs` without it.
 */
export function syncPayloadFrom(spec: ClientSpec, step: 0 | 1, opts: { sendOnOpen?: Uint8Array; timeoutMs?: number } = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const ws = openSocket(spec);
    const fail = (error: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no sync step ${step} from the server within ${opts.timeoutMs} ms`)), opts.timeoutMs ?? 2 ** 31 - 1);
    ws.on('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('close', (code) => fail(new Error(`closed (${code}) before sync step ${step}`)));
    ws.once('open', () => {
      if (opts.sendOnOpen) ws.send(opts.sendOnOpen);
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== step) return;
      const payload = decoding.readVarUint8Array(decoder);
      clearTimeout(timer);
      ws.removeAllListeners('close');
      ws.terminate();
      resolve(payload);
    });
  });
}

export function keyOf(sender: number, t: number): string {
  return `${sender}|${t.toFixed(3)}`;
}

export function parseKey(key: string): { sender: number; t: number } | null {
  const bar = key.indexOf('|');
  return bar < 0 ? null : { sender: Number(key.slice(0, bar)), t: Number(key.slice(bar + 1)) };
}

/** Client id and clock of the first struct of a v1 update: four varUints, no decoding of content. */
export function updateHeader(update: Uint8Array): { clientId: number; clock: number } | null {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) === 0) return null;
  decoding.readVarUint(decoder);
  const clientId = decoding.readVarUint(decoder);
  return { clientId, clock: decoding.readVarUint(decoder) };
}

/**
 * Every (client, clock) a received update carries. One sender's single update is read from its header alone;
 * a server that merges several updates into one frame (ours does, per event-loop turn) sends frames with more
 * clients or structs, which are parsed in full so that none of the updates inside goes uncounted.
 */
export function updateHeaders(update: Uint8Array): { clientId: number; clock: number }[] {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients === 0) return [];
  const structs = decoding.readVarUint(decoder);
  if (clients === 1 && structs === 1) return [{ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) }];
  const { from, to } = Y.parseUpdateMeta(update);
  const found: { clientId: number; clock: number }[] = [];
  for (const [clientId, start] of from) for (let clock = start; clock < to.get(clientId)!; clock++) found.push({ clientId, clock });
  return found;
}

export interface LightClientOptions {
  /** Wait for the server's SyncStep1 (Yjs servers) or only for the socket to open (raw relay). */
  expectServerSync: boolean;
  /** Y.decodeUpdate every received update to read its key; otherwise only read its header (cheap path). */
  decode: boolean;
  onKey(client: LightClient, key: string): void;
  onHeader?(client: LightClient, clientId: number, clock: number): void;
}

export class LightClient {
  readonly ws: WebSocket;
  readonly ready: Promise<void>;
  private doc: Y.Doc | null = null;
  private card: CardMap | null = null;
  private lastUpdate: Uint8Array | null = null;

  constructor(
    readonly id: number,
    readonly room: number,
    private readonly spec: ClientSpec,
    private readonly options: LightClientOptions,
  ) {
    this.ws = openSocket(spec);
    let markReady: () => void = () => {};
    let answeredStep1 = false;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      this.ws.on('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    if (!options.expectServerSync) this.ws.once('open', () => markReady());
    this.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== 0) return; // awareness and the like are not measured
      const step = decoding.readVarUint(decoder);
      if (step === 0) {
        // Answer the server's first SyncStep1 with an empty step 2 so the server considers us synced. Later ones
        // are the server asking to resync; like our client (client/src/yjs/unsentTracker.ts) we do not answer
        // those, since everything this client sent is already on its way.
        if (!answeredStep1) this.ws.send(emptyStep2);
        answeredStep1 = true;
        markReady();
        return;
      }
      const update = decoding.readVarUint8Array(decoder);
      if (!this.options.decode) {
        for (const header of updateHeaders(update)) this.options.onHeader?.(this, header.clientId, header.clock);
        return;
      }
      for (const struct of Y.decodeUpdate(update).structs) {
        // An overwrite carries its key's previous value as origin, not the key itself: the timing key is read
        // from the value (no other field of a bench card holds a '|').
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
          const value: unknown = struct.content.arr[0];
          if (typeof value === 'string' && value.includes('|')) this.options.onKey(this, value);
        }
      }
    });
  }

  /** Sends one genuine Yjs update whose key carries performance.now(); returns its time and payload bytes. */
  sendUpdate(): { t: number; bytes: number; clientId: number; clock: number } {
    if (!this.doc) {
      const doc = new Y.Doc();
      this.doc = doc;
      doc.on('update', (update: Uint8Array) => {
        this.lastUpdate = update;
      });
      // The sender's card, untimed, sent ahead of the first edit on the same socket.
      const author = this.spec.cookie ? sessionIdentity(this.spec.cookie) : { participantId: `p-bench-${this.id}`, name: 'Participant' };
      const cardId = `bench-${this.id}-${Math.random().toString(36).slice(2, 10)}`;
      addCard(doc, { id: cardId, questionId: benchQuestions[0], authorId: author.participantId, authorName: author.name, text: '' });
      this.card = cardsOf(doc).get(cardId)!;
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(syncFrame(2, this.lastUpdate!));
    }
    const t = performance.now();
    this.card!.set('questionId', keyOf(this.id, t));
    const update = this.lastUpdate!;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(syncFrame(2, update));
    const header = updateHeader(update)!;
    return { t, bytes: update.byteLength, clientId: header.clientId, clock: header.clock };
  }

  close(): void {
    this.ws.terminate();
    this.doc?.destroy();
  }
}

/** One joiner: connects, sends an empty SyncStep1 on open, resolves when the SyncStep2 bytes arrived. */
export function timeJoin(spec: ClientSpec): Promise<{ ms: number; openMs: number; bytes: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const ws = openSocket(spec);
    let openedAt = start;
    ws.on('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('open', () => {
      openedAt = performance.now();
      ws.send(emptyStep1);
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
      const end = performance.now();
      ws.terminate();
      resolve({ ms: end - start, openMs: openedAt - start, bytes: data.byteLength });
    });
  });
}
