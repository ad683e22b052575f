import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

// Wire format of the y-websocket protocol (y-protocols), written out so the server owns validation.
export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;
export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/** SyncStep1 from a document, or from a state vector already at hand (liveDocs.syncStep1For). */
export function encodeSyncStep1(source: Y.Doc | Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, syncStep1);
  encoding.writeVarUint8Array(encoder, source instanceof Uint8Array ? source : Y.encodeStateVector(source));
  return encoding.toUint8Array(encoder);
}

/** SyncStep2 carrying what the peer lacks (see liveDocs.stateFor, which caches the full state). */
export function encodeSyncStep2(missing: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, syncStep2);
  encoding.writeVarUint8Array(encoder, missing);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

export type IncomingMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Decodes one frame; throws on anything malformed or trailing, so the caller can close that connection. */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  let message: IncomingMessage;
  if (type === messageSync) {
    const step = decoding.readVarUint(decoder);
    const payload = readBoundedBytes(decoder);
    if (step === syncStep1) message = { type: 'sync-step1', stateVector: payload };
    else if (step === syncStep2 || step === syncUpdate) message = { type: 'sync-update', update: payload };
    else throw new Error(`unknown sync step ${step}`);
  } else if (type === messageAwareness) {
    message = { type: 'awareness', update: readBoundedBytes(decoder) };
  } else if (type === messageQueryAwareness) {
    message = { type: 'query-awareness' };
  } else {
    throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after message');
  return message;
}

/** readVarUint8Array, but a length prefix beyond the frame is an error rather than a short or foreign read. */
function readBoundedBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new Error('length prefix beyond the end of the message');
  return decoding.readUint8Array(decoder, length);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export function decodeAwarenessUpdate(update: Uint8Array, maxEntries: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new Error('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('awareness state must be an object');
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** A decoded update, shared by every check so that each update is decoded once. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Checks a Yjs update decodes cleanly before it goes near applyUpdate: empty or undecodable
 * updates have hung Yjs in the past (yjs#479, #498), and a loop cannot be caught.
 */
export function assertDecodableUpdate(update: Uint8Array, maxBytes: number): DecodedUpdate {
  if (update.byteLength === 0) throw new Error('empty update');
  if (update.byteLength > maxBytes) throw new Error('update too large');
  return Y.decodeUpdate(update);
}

export function assertDecodableStateVector(stateVector: Uint8Array): void {
  if (stateVector.byteLength === 0 || stateVector.byteLength > 64 * 1024) throw new Error('bad state vector');
  Y.decodeStateVector(stateVector);
}
