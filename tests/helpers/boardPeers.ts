import * as Y from 'yjs';
import { checkUpdate, type Writer } from '../../server/yjs/schema/checkUpdate';
import { Refusal } from '../../server/yjs/refusal';
import { quickBoardCheck } from '../../server/yjs/schema/quickBoardCheck';
import type { CloseReasonName } from '../../shared/closeCodes';

// A server document and client documents in memory, wired through the server's own update check, so
// guard tests and the property test exercise exactly what the Yjs endpoint does before Y.applyUpdate.

export type Outcome = { accepted: true } | { accepted: false; reason: CloseReasonName; message: string };

let quickAccepted = 0;
/** How many updates offer() saw the quick check accept (so a test can tell its path was exercised). */
export const quickAcceptances = (): number => quickAccepted;

/**
 * Checks and applies one update to the server document, as docConnection does. The quick check
 * (docConnection tries it first) runs on every board update too, and may only accept what the full check
 * accepts: if it accepts anything the full check refuses, this throws.
 */
export function offer(server: Y.Doc, update: Uint8Array, writer: Writer, kind: 'board' | 'summary' = 'board'): Outcome {
  const quick = kind === 'board' ? quickBoardCheck(update, server, writer) : null;
  try {
    checkUpdate(kind, Y.decodeUpdate(update), server, writer);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (quick) throw new Error(`the quick check accepted an update the full check refuses (${error.reason}: ${error.message})`);
    return { accepted: false, reason: error.reason, message: error.message };
  }
  if (quick) quickAccepted++;
  Y.applyUpdate(server, update, 'client');
  return { accepted: true };
}

/** Runs `change` on the client document and returns the one update it produced. */
export function updateFrom(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') updates.push(update);
  };
  client.on('update', collect);
  try {
    change(client);
  } finally {
    client.off('update', collect);
  }
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

/** A client document holding the server's current state. */
export function clientOf(server: Y.Doc, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'server');
  return doc;
}

/** Brings a client up to date with the server (what the relay would deliver). */
export function catchUp(client: Y.Doc, server: Y.Doc): void {
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)), 'server');
}

export const participant = (participantId: string, name: string): Writer => ({ role: 'participant', participantId, name });
export const facilitator = (participantId = 'f-host', name = 'Host'): Writer => ({ role: 'facilitator', participantId, name });
