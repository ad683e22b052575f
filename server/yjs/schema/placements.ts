import * as Y from 'yjs';
import type { DecodedUpdate } from '../protocol';
import { refuse } from '../refusal';

// Where each item of an incoming update would land in the document, worked out before Y.applyUpdate.
// A Yjs update names an item's parent only when it has no neighbour: an insert after an existing
// character, or a new value for a map key (whose left neighbour is the old value), carries just the
// neighbour's id. So an item's place is resolved through its neighbours, in the document or in the
// update itself, the way Yjs integrates it (Item.getMissing: left origin first, then right origin).

/**
 * `path` lists the type items between the root and the item, outermost first: a card field's path is
 * [card], a character of a card's text has [card, text]. `key` is the map key, null in a sequence.
 */
export type Placement = { kind: 'placed'; root: string; path: readonly Y.Item[]; key: string | null } | { kind: 'inert' };

/** An item that integrates as garbage (its parent is gone), depends on structs the server lacks, or is already known. */
const inert: Placement = { kind: 'inert' };

export interface UpdatePlacements {
  /** Where an item of the update lands; inert items change nothing anyone can read. */
  of(item: Y.Item): Placement;
  /** Where an item already in the document is. */
  ofDocItem(item: Y.Item): Placement;
  /** Whether the item was created by this update (not yet in the document). */
  isNew(item: Y.Item): boolean;
  /** Live items of the document that the update's delete set would delete. */
  deletedItems(ds: DecodedUpdate['ds']): Y.Item[];
}

type Struct = DecodedUpdate['structs'][number];

export function placeUpdate(doc: Y.Doc, structs: DecodedUpdate['structs']): UpdatePlacements {
  return new Placements(doc, structs);
}

// A class rather than closures: it is built for every incoming update, so nothing is allocated per call
// beyond its own fields (measured on the event load: per-update closures showed up in the profile).
class Placements implements UpdatePlacements {
  private readonly store: Y.Doc['store'];
  private readonly byClient = new Map<number, Struct[]>();
  private readonly memo = new Map<Y.Item, Placement>();
  private readonly fromUpdate = new Set<Struct>();

  constructor(
    private readonly doc: Y.Doc,
    structs: DecodedUpdate['structs'],
  ) {
    this.store = doc.store;
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue;
      this.fromUpdate.add(struct);
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
  }

  isNew(item: Y.Item): boolean {
    return this.fromUpdate.has(item);
  }

  ofDocItem(item: Y.Item): Placement {
    const path: Y.Item[] = [];
    let type = item.parent as Y.AbstractType<unknown> | null;
    while (type && type._item) {
      path.unshift(type._item);
      type = type._item.parent as Y.AbstractType<unknown> | null;
    }
    const root = type ? rootNameOf(this.doc, type) : undefined;
    return root === undefined ? inert : { kind: 'placed', root, path, key: item.parentSub };
  }

  of(item: Y.Item): Placement {
    const cached = this.memo.get(item);
    if (cached) return cached;
    const known = Y.getState(this.store, item.id.client);
    if (item.id.clock + item.length <= known) return inert; // already integrated: a no-op
    // Yjs integrates each struct after the ones before it from the same client; a reference forward to
    // the client's own later clocks makes it throw half-way through an update, leaving part of it applied.
    if (refersForward(item, item.origin) || refersForward(item, item.rightOrigin) || (item.parent instanceof Y.ID && refersForward(item, item.parent))) {
      refuse('malformed', 'an item that refers to its own later clocks');
    }
    // A crafted update can make neighbours point at each other; Yjs itself would loop or fail.
    this.memo.set(item, inert);
    const result = this.resolve(item, known);
    this.memo.set(item, result);
    return result;
  }

  deletedItems(ds: DecodedUpdate['ds']): Y.Item[] {
    const items: Y.Item[] = [];
    for (const [client, ranges] of ds.clients) {
      const list = this.store.clients.get(client);
      if (!list || list.length === 0) continue;
      const end = Y.getState(this.store, client);
      for (const { clock, len } of ranges) {
        if (clock >= end) continue;
        for (let i = Y.findIndexSS(list, clock); i < list.length && list[i]!.id.clock < clock + len; i++) {
          const struct = list[i];
          if (struct instanceof Y.Item && !struct.deleted) items.push(struct);
        }
      }
    }
    return items;
  }

  private resolve(item: Y.Item, known: number): Placement {
    const parent: unknown = item.parent;
    if (item.id.clock < known) {
      // Partly known: Yjs keeps only the unknown tail and anchors it after the client's last known item,
      // whatever origin it was sent with, so that is where it lands.
      return this.placementOfStruct(this.find(Y.createID(item.id.client, known - 1)));
    }
    if (typeof parent === 'string') return { kind: 'placed', root: parent, path: [], key: item.parentSub };
    if (parent instanceof Y.ID) {
      const typeItem = this.find(parent);
      if (!(typeItem instanceof Y.Item) || !(typeItem.content instanceof Y.ContentType)) return inert;
      const at = this.placementOfStruct(typeItem);
      return at.kind === 'inert' ? inert : { kind: 'placed', root: at.root, path: [...at.path, typeItem], key: item.parentSub };
    }
    const left = item.origin ? this.placementOfStruct(this.find(item.origin)) : null;
    const right = item.rightOrigin ? this.placementOfStruct(this.find(item.rightOrigin)) : null;
    if (!left && !right) refuse('malformed', 'an item with neither a parent nor a neighbour');
    // Neighbours in two different places would splice one list into another.
    if (left && right && left.kind === 'placed' && right.kind === 'placed' && !samePlace(left, right)) {
      refuse('malformed', 'an item between neighbours of different parents');
    }
    return left ?? right!;
  }

  private find(id: Y.ID): Struct | undefined {
    return id.clock < Y.getState(this.store, id.client) ? Y.getItem(this.store, id) : findInUpdate(this.byClient, id);
  }

  /** Missing (pending) or garbage-collected neighbours make Yjs turn the item into garbage too. */
  private placementOfStruct(struct: Struct | undefined): Placement {
    if (!(struct instanceof Y.Item)) return inert;
    return this.fromUpdate.has(struct) ? this.of(struct) : this.ofDocItem(struct);
  }
}

function refersForward(item: Y.Item, ref: Y.ID | null): boolean {
  return ref !== null && ref.client === item.id.client && ref.clock >= item.id.clock;
}

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
  for (const [name, shared] of doc.share) if (shared === type) return name;
  return undefined;
}

function samePlace(a: Placement & { kind: 'placed' }, b: Placement & { kind: 'placed' }): boolean {
  return a.root === b.root && a.key === b.key && a.path.length === b.path.length && a.path.every((item, i) => item === b.path[i]);
}

function findInUpdate(byClient: Map<number, Struct[]>, id: Y.ID): Struct | undefined {
  const list = byClient.get(id.client);
  if (!list) return undefined;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid]!;
    if (id.clock < struct.id.clock) high = mid - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}
