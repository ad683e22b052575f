import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, cardsOf } from '../../shared/boardDoc';
import { limits } from '../../shared/limits';
import { round } from '../lib/proc';
import { benchQuestions, emptyStep2, openSocket, sessionIdentity, syncFrame, syncPayloadFrom, type ClientSpec } from './lightClient';
import type { FloodResult, FloodSpec } from './protocol';

// The flood cell's attackers (issue 12): participants who add cards as themselves in updates of close to
// limits.yjsUpdateBytes, as fast as the server reads them, and reconnect whenever it closes them.
//
// Every update must add new cards, so each comes from a client id no earlier one used. Encoding ~200 cards with
// Yjs costs ~4 ms, too much for the generator's core at the rates a server may take: each flooder encodes one
// template with addCard and Y.encodeStateAsUpdate, and every further update is that template with its client id
// and card-id sequence number overwritten in place (ids chosen to keep their encoded length; the positions are
// checked once: stamping must give exactly the bytes Yjs encodes for the new id and number).
// After each update the flooder deletes its own cards of the update before (a participant may delete their own
// cards), so limits.cardsPerBoard never ends the flood: what stops it is whatever the server decides to do.

/** Client ids from 2^28 up encode as five varUint bytes, the same length for every stamped update. */
const clientBase = 2 ** 28;
/** Client ids per flooder (disjoint ranges, so one set tells every flooder's accepted updates apart). */
const clientsPerFlooder = 2 ** 26;
const seqDigits = 9;
const cardText = 'x'.repeat(limits.cardChars);

function varUint(n: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

function occurrences(haystack: Uint8Array, needle: Uint8Array): number[] {
  const buffer = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  const found: number[] = [];
  for (let at = buffer.indexOf(needle); at >= 0; at = buffer.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** A Yjs update that deletes everything client `client` wrote (clocks 0 … len−1): no structs, one delete range. */
function deleteUpdate(client: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, len);
  return encoding.toUint8Array(encoder);
}

/** One flooder's supply of distinct card-adding sync-update frames (and the deletes that take them back). */
export class FloodUpdates {
  readonly cards: number;
  /** Bytes of the Yjs update inside each frame (≤ limits.yjsUpdateBytes). */
  readonly updateBytes: number;
  /** Clock length of one update: the delete range that removes all of it. */
  readonly clockLen: number;
  private readonly template: Uint8Array;
  private readonly clientAt: number[];
  private readonly seqAt: number[];
  private seq = 0;

  constructor(
    readonly index: number,
    private readonly author: { participantId: string; name: string },
    maxUpdateBytes: number = limits.yjsUpdateBytes,
  ) {
    if (index < 0 || clientBase + (index + 1) * clientsPerFlooder > 2 ** 32) throw new Error(`flooder index ${index} out of range`);
    const one = this.encode(this.clientOf(0), 0, 1).byteLength;
    const perCard = this.encode(this.clientOf(0), 0, 2).byteLength - one;
    let cards = Math.floor((maxUpdateBytes - (one - perCard)) / perCard);
    while (cards > 1 && this.encode(this.clientOf(0), 0, cards).byteLength > maxUpdateBytes) cards--;
    this.cards = cards;
    const update = this.encode(this.clientOf(0), 0, cards);
    this.updateBytes = update.byteLength;
    this.template = syncFrame(2, update);
    this.clientAt = occurrences(this.template, varUint(this.clientOf(0)));
    this.seqAt = occurrences(this.template, Buffer.from(this.cardPrefix(0), 'latin1')).map((at) => at + this.cardPrefix(0).length - seqDigits - 1);
    // Stamping must reproduce what Yjs encodes for another id and number, byte for byte, and add `cards` cards
    // that the delete frame removes again.
    const probeSeq = 123_456_789;
    const stamped = this.stamp(this.clientOf(probeSeq % clientsPerFlooder), probeSeq);
    const expected = syncFrame(2, this.encode(this.clientOf(probeSeq % clientsPerFlooder), probeSeq, cards));
    if (Buffer.compare(Buffer.from(stamped), Buffer.from(expected)) !== 0) throw new Error('flood update stamping does not reproduce the Yjs encoding');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    this.clockLen = Y.getState(doc.store, this.clientOf(0));
    Y.applyUpdate(doc, deleteUpdate(this.clientOf(0), this.clockLen));
    const left = cardsOf(doc).size;
    doc.destroy();
    if (left !== 0) throw new Error(`the delete update left ${left} of ${cards} cards`);
  }

  /** The next frame: `cards` new cards under a client id not used before. */
  next(): { frame: Uint8Array; client: number } {
    this.seq++;
    if (this.seq >= clientsPerFlooder) throw new Error('flooder ran out of client ids');
    const client = this.clientOf(this.seq);
    return { frame: this.stamp(client, this.seq), client };
  }

  deleteFrame(client: number): Uint8Array {
    return syncFrame(2, deleteUpdate(client, this.clockLen));
  }

  owns(client: number): boolean {
    return client > this.clientOf(0) && client < this.clientOf(0) + clientsPerFlooder;
  }

  private clientOf(seq: number): number {
    return clientBase + this.index * clientsPerFlooder + seq;
  }

  private cardPrefix(seq: number): string {
    return `flood${this.index}-${String(seq).padStart(seqDigits, '0')}-`;
  }

  private encode(client: number, seq: number, cards: number): Uint8Array {
    const doc = new Y.Doc();
    doc.clientID = client;
    doc.transact(() => {
      for (let k = 0; k < cards; k++) {
        addCard(doc, {
          id: `${this.cardPrefix(seq)}${String(k).padStart(4, '0')}`,
          questionId: benchQuestions[k % benchQuestions.length]!,
          authorId: this.author.participantId,
          authorName: this.author.name,
          text: cardText,
          createdAt: 1_750_000_000_000 + k,
        });
      }
    });
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  }

  private stamp(client: number, seq: number): Uint8Array {
    const frame = Uint8Array.from(this.template);
    const id = varUint(client);
    for (const at of this.clientAt) frame.set(id, at);
    const digits = Buffer.from(String(seq).padStart(seqDigits, '0'), 'latin1');
    for (const at of this.seqAt) frame.set(digits, at);
    return frame;
  }
}

/** What all flooders did, counted inside [start, end) (performance.now() of the generator). */
export interface FloodTally {
  start: number;
  end: number;
  /** Card-adding updates sent in the window: client id → update bytes. */
  sent: Map<number, number>;
  /** Every client id of ours found in a server state vector (on reconnects and in the final check). */
  accepted: Set<number>;
  connections: number;
  /** Flooders whose socket still held unsent frames when the window ended (the server was holding them back). */
  backlogged: number;
  closeCodes: Record<string, number>;
  refusals: Record<string, number>;
}

const inTally = (tally: FloodTally) => {
  const now = performance.now();
  return now >= tally.start && now < tally.end;
};

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * One attacking connection at a time: waits for the server's SyncStep1 (frames sent before the board is loaded
 * are limited), then keeps one card-adding frame queued in the socket beyond what the kernel holds, so it sends
 * exactly as fast as the server reads; reconnects `reconnectMs` after any close or refusal.
 */
class Flooder {
  private ws: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Card-adding updates sent on the current connection, in order. */
  private sentHere: number[] = [];
  /** Sent on closed connections; the next SyncStep1 tells which the server took. */
  private unsure: number[] = [];
  /** Accepted updates whose cards may still be on the board (their delete may not have been processed). */
  private leftovers: number[] = [];

  constructor(
    private readonly spec: ClientSpec,
    private readonly updates: FloodUpdates,
    private readonly reconnectMs: number,
    private readonly tally: FloodTally,
  ) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // Still pressing: data the server has not read yet (it paused the socket for this flooder's byte budget).
    if (this.ws && this.ws.bufferedAmount > 0) this.tally.backlogged++;
    this.ws?.terminate();
  }

  private connect(): void {
    if (this.stopped) return;
    const ws = openSocket(this.spec);
    this.ws = ws;
    let opened = false;
    let refused = false;
    let synced = false;
    ws.once('open', () => (opened = true));
    ws.once('unexpected-response', (_req, res) => {
      refused = true;
      if (inTally(this.tally)) bump(this.tally.refusals, `http ${res.statusCode}`);
      ws.terminate();
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (!opened && !refused && inTally(this.tally)) bump(this.tally.refusals, `error ${error.code ?? error.message}`);
    });
    ws.once('close', (code: number) => {
      if (opened && inTally(this.tally)) bump(this.tally.closeCodes, String(code));
      this.unsure.push(...this.sentHere);
      this.sentHere = [];
      if (this.ws === ws) this.ws = null;
      if (!this.stopped) this.timer = setTimeout(() => this.connect(), this.reconnectMs);
    });
    ws.on('message', (data: Buffer) => {
      if (synced) return;
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return;
      synced = true;
      this.onServerState(ws, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    });
  }

  private onServerState(ws: WebSocket, stateVector: Map<number, number>): void {
    if (inTally(this.tally)) this.tally.connections++;
    for (const client of stateVector.keys()) if (this.updates.owns(client)) this.tally.accepted.add(client);
    // The server handles a connection's frames in order and stops at the first it refuses, so if any update of
    // the last connection was taken, every delete sent before it was too: only the last two taken (whose
    // deletes followed them) may still be on the board. Otherwise the earlier leftovers still may be.
    const taken = this.unsure.filter((client) => (stateVector.get(client) ?? 0) >= this.updates.clockLen);
    if (taken.length > 0) this.leftovers = taken.slice(-2);
    this.unsure = [];
    ws.send(emptyStep2);
    for (const client of this.leftovers) ws.send(this.updates.deleteFrame(client));
    this.pump(ws);
  }

  private pump(ws: WebSocket): void {
    while (!this.stopped && ws.readyState === WebSocket.OPEN && ws.bufferedAmount < this.updates.updateBytes) {
      const { frame, client } = this.updates.next();
      ws.send(frame, (error) => {
        if (!error) this.pump(ws);
      });
      if (inTally(this.tally)) this.tally.sent.set(client, this.updates.updateBytes);
      const previous = this.sentHere.at(-1);
      this.sentHere.push(client);
      if (previous !== undefined) ws.send(this.updates.deleteFrame(previous));
    }
  }
}

export interface Flood {
  tally: FloodTally;
  /** Ends every flooder (call at the end of the window). */
  stop(): void;
  /** After the drain: reads each flood room's state vector (as its observer) and summarises the window. */
  result(windowS: number): Promise<FloodResult>;
}

/** Builds each flooder's updates (before any timing) and starts flooding. */
export function startFlood(spec: FloodSpec): Flood {
  const tally: FloodTally = { start: Infinity, end: Infinity, sent: new Map(), accepted: new Set(), connections: 0, backlogged: 0, closeCodes: {}, refusals: {} };
  const supplies = spec.flooders.map((f, i) => new FloodUpdates(i, f.cookie ? sessionIdentity(f.cookie) : { participantId: `p-flood-${i}`, name: 'Flooder' }));
  const flooders = spec.flooders.map((f, i) => new Flooder({ url: f.url, cookie: f.cookie }, supplies[i]!, spec.reconnectMs, tally));
  for (const f of flooders) f.start();
  return {
    tally,
    stop() {
      for (const f of flooders) f.stop();
    },
    async result(windowS) {
      let complete = true;
      for (const f of spec.flooders) {
        try {
          const stateVector = Y.decodeStateVector(await syncPayloadFrom({ url: f.url, cookie: f.observerCookie }, 0, { timeoutMs: 10_000 }));
          for (const client of stateVector.keys()) tally.accepted.add(client);
        } catch (error) {
          process.stderr.write(`    flood: could not read the state of ${f.url}: ${(error as Error).message}\n`);
          complete = false;
        }
      }
      let acceptedUpdates = 0;
      let acceptedBytes = 0;
      for (const [client, bytes] of tally.sent) {
        if (!tally.accepted.has(client)) continue;
        acceptedUpdates++;
        acceptedBytes += bytes;
      }
      const sentBytes = [...tally.sent.values()].reduce((a, b) => a + b, 0);
      return {
        flooders: spec.flooders.length,
        updateBytes: supplies[0]?.updateBytes ?? 0,
        cardsPerUpdate: supplies[0]?.cards ?? 0,
        sentUpdates: tally.sent.size,
        sentBytesPerSec: round(sentBytes / windowS, 0),
        acceptedUpdates: complete ? acceptedUpdates : null,
        acceptedBytesPerSec: complete ? round(acceptedBytes / windowS, 0) : null,
        connections: tally.connections,
        backlogged: tally.backlogged,
        closeCodes: tally.closeCodes,
        refusals: tally.refusals,
      };
    },
  };
}
