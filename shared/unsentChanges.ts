import * as Y from 'yjs';
import { boardRoot } from './boardSchema';

// What this device holds that the server has not acknowledged. The server's state vector (its clock per
// Yjs client) says which items it has; every item here at or above that clock is not sent yet. Deletions
// carry no clock, so they are tracked apart (see deletedRunsOf).

/** A state vector as a map: Yjs client id -> the next clock the holder lacks. */
export type Clocks = Map<number, number>;

export interface UnsentChanges {
  /** Cards (that still exist) created here or whose fields changed here, and not acknowledged yet. */
  cards: ReadonlySet<string>;
  /** Top-level parts other than the cards changed here and not acknowledged yet (by name). */
  others: ReadonlySet<string>;
  /** Changes to count in "N changes not sent yet": one per card, one per other part. */
  total: number;
}

export const noUnsentChanges: UnsentChanges = { cards: new Set(), others: new Set(), total: 0 };

export function unsentOf(cards: ReadonlySet<string>, others: ReadonlySet<string>): UnsentChanges {
  return cards.size + others.size === 0 ? noUnsentChanges : { cards, others, total: cards.size + others.size };
}

/** Merges `more` into `into` (the highest clock per client wins): what the server holds only grows. */
export function mergeClocks(into: Clocks, more: Clocks): Clocks {
  for (const [client, clock] of more) if ((into.get(client) ?? 0) < clock) into.set(client, clock);
  return into;
}

/**
 * The clocks an update from the server proves it holds (per client, the end of its newest struct). Not
 * Y.encodeStateVectorFromUpdate: that one counts only clients whose structs start at clock 0.
 */
export function clocksOfUpdate(update: Uint8Array): Clocks {
  return clocksOfStructs(Y.decodeUpdate(update).structs);
}

/** The same, from an update already decoded. */
export function clocksOfStructs(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): Clocks {
  const clocks: Clocks = new Map();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const end = struct.id.clock + struct.length;
    if ((clocks.get(struct.id.client) ?? 0) < end) clocks.set(struct.id.client, end);
  }
  return clocks;
}

/** Whether `server` holds every item `local` holds (nothing is missing there). */
export function covers(server: Clocks, local: Clocks): boolean {
  for (const [client, clock] of local) if ((server.get(client) ?? 0) < clock) return false;
  return true;
}

/** The items of `doc` the server lacks, by the card they belong to (plus extra ids: deletions not acknowledged yet). */
export function unsentChanges(doc: Y.Doc, server: Clocks, pendingDeletions: Iterable<string> = []): UnsentChanges {
  const cards = new Set<string>();
  const others = new Set<string>();
  for (const [client, structs] of doc.store.clients) {
    const known = server.get(client) ?? 0;
    // Structs are sorted by clock: walk back from the newest until the server has them.
    for (let i = structs.length - 1; i >= 0; i--) {
      const struct = structs[i]!;
      if (struct.id.clock + struct.length <= known) break;
      if (!(struct instanceof Y.Item)) continue;
      const place = placeOf(doc, struct);
      if (place.card !== null) cards.add(place.card);
      else others.add(place.root);
    }
  }
  for (const card of pendingDeletions) cards.add(card);
  const existing = doc.share.has(boardRoot) ? doc.getMap(boardRoot) : null;
  for (const card of cards) if (!existing?.has(card)) cards.delete(card);
  return unsentOf(cards, others);
}

/** Yjs does not export the class by name. */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** A run of items deleted here, inside a card: [card, client, clock, length]. */
export type DeletedRun = readonly [card: string, client: number, clock: number, length: number];

/** The runs a local transaction deleted inside cards (text deleted, a field's old value replaced). */
export function deletedRunsOf(transaction: Y.Transaction): DeletedRun[] {
  const runs: DeletedRun[] = [];
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item)) return;
    const card = placeOf(transaction.doc, struct).card;
    if (card !== null) runs.push([card, struct.id.client, struct.id.clock, struct.length]);
  });
  return runs;
}

/**
 * The runs a delete set from the server (a relayed update, its own echo, a sync step 2) does not cover
 * yet: the server sends on only what it has committed, so a run it sends is acknowledged.
 */
export function runsNotDeletedIn(runs: readonly DeletedRun[], deletes: DeleteSet): DeletedRun[] {
  const covered = (client: number, clock: number) => Y.isDeleted(deletes, Y.createID(client, clock));
  return runs.filter(([, client, clock, length]) => !(covered(client, clock) && covered(client, clock + length - 1)));
}

/** The cards of runs, once each. */
export const cardsOfRuns = (runs: readonly DeletedRun[]): Set<string> => new Set(runs.map(([card]) => card));

/** The card an item belongs to (climbing its parents to the board's card map), or the top-level part it is in. */
function placeOf(doc: Y.Doc, item: Y.Item): { card: string | null; root: string } {
  let current: Y.Item | null = item;
  let root = '';
  while (current) {
    const parent: Y.AbstractType<unknown> | Y.ID | null = current.parent;
    if (!(parent instanceof Y.AbstractType)) break;
    if (parent._item === null) {
      root = rootName(doc, parent);
      if (root === boardRoot && typeof current.parentSub === 'string') return { card: current.parentSub, root };
      break;
    }
    current = parent._item;
  }
  return { card: null, root };
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
  for (const [name, shared] of doc.share) if (shared === type) return name;
  return '';
}
