import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { boardRoot, cardFields, cardFieldsWritableLater, cardTextFields } from '../../../shared/boardSchema';
import { limits } from '../../../shared/limits';
import { valueFits } from './boardUpdateRules';
import { claimClientIds, ownerOfClient } from './clientOwnership';
import type { Writer } from './writer';

// The board updates people send most, read straight from their bytes (Yjs update format v1): one field of an
// existing card rewritten (a card moved to another question), characters typed into a card's text, characters
// deleted. Y.decodeUpdate and the full check's bookkeeping cost about a quarter of the server's CPU per update
// at the event load (BENCHMARKS.md, issue 16); this reads each byte once and allocates next to nothing.
//
// It only ever accepts. An update not of exactly these shapes, or with anything unusual (several structs,
// a neighbour the server lacks, a hidden card, another writer's client id, trailing bytes), gets `null` and
// goes through the full check (checkUpdate.ts), which is the one that refuses. Every update of the property
// test goes through both, and the test fails if this accepts anything the full check refuses.

export interface QuickVerdict {
  /** Whether the update adds anything (a pure deletion is let through even on a full board). */
  addsContent: boolean;
  /** The card text the update types into: the server trims it to the card limit after applying. */
  text: Y.Text | null;
}

/** An update with no structs and no deletions (a fresh client's sync step 2): nothing to apply or store. */
export const emptyUpdate: QuickVerdict = Object.freeze({ addsContent: false, text: null });
const deletionOnly: QuickVerdict = Object.freeze({ addsContent: false, text: null });

// Struct info bits (yjs Item.write): left origin, right origin; the low five bits are the content's kind.
const hasOrigin = 0x80;
const hasRightOrigin = 0x40;
const contentString = 4;
const contentAny = 8;

export function quickBoardCheck(update: Uint8Array, doc: Y.Doc, writer: Writer): QuickVerdict | null {
  try {
    return readAndCheck(decoding.createDecoder(update), update.byteLength, doc, writer);
  } catch {
    // Bytes that do not read as an update: the full check refuses them with its own message.
    return null;
  }
}

function readAndCheck(decoder: decoding.Decoder, length: number, doc: Y.Doc, writer: Writer): QuickVerdict | null {
  const cards = doc.share.get(boardRoot);
  if (!(cards instanceof Y.Map)) return null;
  const clients = decoding.readVarUint(decoder);
  if (clients > 1) return null;
  let verdict: QuickVerdict | null = null;
  /** The old value of a rewritten field: the one deletion such an update may carry. */
  let oldValue: Y.Item | null = null;
  let claimed: number | null = null;
  if (clients === 1) {
    if (decoding.readVarUint(decoder) !== 1) return null;
    const client = decoding.readVarUint(decoder);
    // Exactly the writer's next clock: nothing already known, nothing missing in between.
    if (decoding.readVarUint(decoder) !== Y.getState(doc.store, client)) return null;
    const owner = ownerOfClient(doc, client);
    if (owner !== undefined && owner !== writer.participantId) return null;
    if (owner === undefined) claimed = client;
    const info = decoding.readUint8(decoder);
    const origin = info & hasOrigin ? knownItem(doc, decoding.readVarUint(decoder), decoding.readVarUint(decoder)) : undefined;
    const right = info & hasRightOrigin ? knownItem(doc, decoding.readVarUint(decoder), decoding.readVarUint(decoder)) : undefined;
    // Neither neighbour: the parent is written out (a new card, a first character): the full check's case.
    if (origin === null || right === null || (origin === undefined && right === undefined)) return null;
    const kind = info & 0x1f;
    if (kind === contentAny && origin && right === undefined) {
      verdict = fieldRewrite(decoder, origin, cards, writer);
      oldValue = origin;
    } else if (kind === contentString) {
      verdict = textInsert(decoder, origin ?? right!, right ?? origin!, cards);
    }
    if (!verdict) return null;
  }
  const deletions = readDeletions(decoder, doc, cards, oldValue);
  if (deletions === null || decoder.pos !== length) return null;
  if (claimed !== null) claimClientIds(doc, [claimed], writer.participantId);
  return verdict ?? (deletions > 0 ? deletionOnly : emptyUpdate);
}

/** A live or deleted item the server holds (not garbage-collected); null if it holds no such item. */
function knownItem(doc: Y.Doc, client: number, clock: number): Y.Item | null {
  if (clock >= Y.getState(doc.store, client)) return null;
  const structs = doc.store.clients.get(client)!;
  const struct = structs[Y.findIndexSS(structs, clock)];
  return struct instanceof Y.Item ? struct : null;
}

/** The card (its item in the cards map) whose map holds `item` directly; null for anything else. */
function cardHolding(item: Y.Item, cards: Y.Map<unknown>): Y.Item | null {
  const parent = item.parent;
  if (!(parent instanceof Y.Map) || parent.constructor !== Y.Map) return null;
  const card = parent._item;
  return card !== null && card.parent === cards && !card.deleted ? card : null;
}

/** A card's fields live in the map its item holds: the parent of each field value. */
const isHidden = (fieldValue: Y.Item): boolean => (fieldValue.parent as Y.Map<unknown>).get('hidden') === true;

/** A new value for a field a card may change later (a move), placed after the field's current value. */
function fieldRewrite(decoder: decoding.Decoder, oldValue: Y.Item, cards: Y.Map<unknown>, writer: Writer): QuickVerdict | null {
  const card = cardHolding(oldValue, cards);
  const key = oldValue.parentSub;
  if (!card || key === null || !cardFieldsWritableLater.has(key)) return null;
  if (isHidden(oldValue) && writer.role !== 'facilitator') return null;
  if (decoding.readVarUint(decoder) !== 1) return null;
  return valueFits(decoding.readAny(decoder), cardFields[key]!) ? { addsContent: true, text: null } : null;
}

/** Characters typed into a card's text (or second field), between two neighbours of that same text. */
function textInsert(decoder: decoding.Decoder, left: Y.Item, right: Y.Item, cards: Y.Map<unknown>): QuickVerdict | null {
  const text = cardTextOf(left, cards);
  if (!text || right.parent !== text || left.parentSub !== null || right.parentSub !== null) return null;
  if (isHidden(text._item!)) return null;
  return decoding.readVarString(decoder).length <= limits.cardChars ? { addsContent: true, text } : null;
}

/** The card text (a Y.Text in a text field of a live card) that holds `item`, or null. */
function cardTextOf(item: Y.Item, cards: Y.Map<unknown>): Y.Text | null {
  const text = item.parent;
  if (!(text instanceof Y.Text) || text.constructor !== Y.Text) return null;
  const field = text._item;
  if (field === null || field.parentSub === null || !cardTextFields.has(field.parentSub) || !cardHolding(field, cards)) return null;
  return text;
}

/**
 * Reads the delete set: with a field rewrite, only that field's old value may be deleted; otherwise only
 * characters of card texts. Returns how many ranges it holds, or null for anything else.
 */
function readDeletions(decoder: decoding.Decoder, doc: Y.Doc, cards: Y.Map<unknown>, oldValue: Y.Item | null): number | null {
  const clients = decoding.readVarUint(decoder);
  let ranges = 0;
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    for (let r = 0; r < count; r++, ranges++) {
      const clock = decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      if (oldValue) {
        if (ranges > 0 || client !== oldValue.id.client || clock !== oldValue.id.clock || len !== oldValue.length) return null;
      } else if (!onlyCardText(doc, cards, client, clock, len)) {
        return null;
      }
    }
  }
  return ranges;
}

/** Whether every live item in the range is a character of a card text (as the full check's deletedItems walks it). */
function onlyCardText(doc: Y.Doc, cards: Y.Map<unknown>, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs || clock >= Y.getState(doc.store, client)) return true;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
    const struct = structs[i]!;
    if (struct instanceof Y.Item && !struct.deleted && (struct.parentSub !== null || !cardTextOf(struct, cards))) return false;
  }
  return true;
}
