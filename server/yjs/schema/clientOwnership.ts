import * as Y from 'yjs';
import type { DecodedUpdate } from '../protocol';
import { refuse } from '../refusal';

// Each Yjs client id writes its own sequence of clocks. A writer who sends structs under another
// session's client id (even a 5-byte GC struct over its next million clocks) makes the server skip that
// session's later edits as "already known": they would be acknowledged and lost. So the first session to
// write with a client id in a loaded document owns it there, and the server's own id is its own.
// Kept per document instance, in memory: after a restart the first writer claims an id again.

const serverKey = '#server';
const ownersByDoc = new WeakMap<Y.Doc, Map<number, string>>();

function ownersOf(doc: Y.Doc): Map<number, string> {
  let owners = ownersByDoc.get(doc);
  if (!owners) ownersByDoc.set(doc, (owners = new Map([[doc.clientID, serverKey]])));
  return owners;
}

/** Refuses structs under a client id another session owns; returns the ids this writer will own. */
export function checkClientIds({ structs }: DecodedUpdate, doc: Y.Doc, writerKey: string): number[] {
  const owners = ownersOf(doc);
  const claimed = new Set<number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const client = struct.id.client;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, client)) continue; // already known: a no-op
    const owner = owners.get(client);
    if (owner !== undefined && owner !== writerKey) refuse('refused', 'changes under another writer’s client id');
    if (owner === undefined) claimed.add(client);
  }
  return [...claimed];
}

/** The session owning a client id in this document, if any ('#server' for the server's own). */
export function ownerOfClient(doc: Y.Doc, client: number): string | undefined {
  return ownersOf(doc).get(client);
}

export function claimClientIds(doc: Y.Doc, clients: readonly number[], writerKey: string): void {
  const owners = ownersOf(doc);
  for (const client of clients) owners.set(client, writerKey);
}
