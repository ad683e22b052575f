import * as Y from 'yjs';
import { boardRoot, cardFields, cardFieldsWritableLater, cardIdPattern, cardTextFields, optionalCardFields, type CardFieldKind } from '../../../shared/boardSchema';
import { limits } from '../../../shared/limits';
import { cardAuthorName } from '../../../shared/namesMode';
import type { DecodedUpdate } from '../protocol';
import { refuse } from '../refusal';
import { placeUpdate, type Placement, type UpdatePlacements } from './placements';
import type { UpdateVerdict, Writer } from './writer';

// A board update is accepted only if every item it adds fits the board's schema (shared/boardSchema.ts)
// and every deletion is one the writer may make. Stated positively: what is not described here is refused,
// however the update is encoded.
//
//   root 'cards', key = card id      → a new card: a Y.Map, created with all its fields in this update
//   [card], key = field              → a field of that card, with the field's kind (authorName: the writer's
//                                      name, or '' where the event's names are hidden or anonymous); once the card exists
//                                      only `questionId` may be written again (authorship, time, hidden, text
//                                      are set once: Yjs itself deletes an overwritten value, so a later write
//                                      to them is refused whether or not the update deletes the old one)
//   [card, text or detail], no key   → plain text in the card's text or second field, not in a hidden card
//   deletions                        → whole cards (participants only their own), card text, and a field's
//                                      old value when this update writes its new one

type Placed = Placement & { kind: 'placed' };

export function checkBoardUpdate(update: DecodedUpdate, doc: Y.Doc, writer: Writer): UpdateVerdict {
  return new BoardUpdateCheck(update, doc, writer).run();
}

// A class rather than nested closures: it is built for every incoming update (see placements.ts).
class BoardUpdateCheck {
  private readonly placements: UpdatePlacements;
  private readonly cards: Y.Map<unknown>;
  private readonly newCards = new Map<Y.Item, string>();
  private readonly newCardKeys = new Set<string>();
  /** Card items of the document whose field `key` this update writes: "client:clock key". */
  private readonly rewritten = new Set<string>();
  private readonly fieldsOfNewCards = new Map<Y.Item, Set<string>>();
  /** Field values that arrive already overwritten (a card moved twice offline travels as a deleted first move). */
  private readonly tombstones: Y.Item[] = [];
  private readonly placed: Array<[Y.Item, Placed]> = [];
  private addsContent = false;

  constructor(
    private readonly update: DecodedUpdate,
    doc: Y.Doc,
    private readonly writer: Writer,
  ) {
    this.placements = placeUpdate(doc, update.structs);
    this.cards = doc.getMap<unknown>(boardRoot);
  }

  run(): UpdateVerdict {
    for (const struct of this.update.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const at = this.placements.of(struct);
      if (at.kind === 'inert') continue;
      if (at.root !== boardRoot) refuse('malformed', `a board has no '${at.root}'`);
      this.placed.push([struct, at]);
      if (!(struct.content instanceof Y.ContentDeleted)) this.addsContent = true;
      if (at.path.length === 0) this.checkNewCard(struct, at);
    }
    for (const [item, at] of this.placed) {
      if (at.path.length === 1) this.checkField(item, at.path[0]!, at.key);
      else if (at.path.length === 2) this.checkText(item, at);
      else if (at.path.length > 2) refuse('malformed', 'nothing nests inside a card text');
    }
    this.checkTombstones();
    for (const [card, fields] of this.fieldsOfNewCards) {
      for (const key of cardFieldKeys) if (!fields.has(key)) refuse('malformed', `a new card needs its '${key}' (card ${this.newCards.get(card)})`);
    }
    if (this.newCardKeys.size > 0 && this.cards.size + this.newCardKeys.size > limits.cardsPerBoard) {
      refuse('boardFull', `a board holds at most ${limits.cardsPerBoard} cards`);
    }
    if (this.update.ds.clients.size > 0) this.checkDeletions(this.placements.deletedItems(this.update.ds));
    return { addsContent: this.addsContent };
  }

  private checkNewCard(item: Y.Item, at: Placed): void {
    const key = at.key;
    if (key === null || !cardIdPattern.test(key)) refuse('malformed', 'a card needs an id as its key');
    if (item.content instanceof Y.ContentDeleted) {
      // A tombstone for a card made and deleted offline; over a live card it would delete it.
      if (this.cards.has(key)) refuse('refused', 'cards are deleted, not overwritten');
      return;
    }
    if (!(item.content instanceof Y.ContentType) || item.content.type.constructor !== Y.Map) refuse('malformed', 'a card is a map');
    if (this.cards.has(key) || this.newCardKeys.has(key)) refuse('refused', 'a card cannot replace another card');
    this.newCards.set(item, key);
    this.newCardKeys.add(key);
    this.fieldsOfNewCards.set(item, new Set());
  }

  private checkField(item: Y.Item, card: Y.Item, key: string | null): void {
    if (key === null || !Object.hasOwn(cardFields, key)) refuse('malformed', `a card has no field '${String(key)}'`);
    if (!this.newCards.has(card)) {
      // A card of the document (or one whose creation this update does not carry).
      if (!cardFieldsWritableLater.has(key)) refuse('refused', `a card's '${key}' is set when it is created`);
      if (isHidden(card) && this.writer.role !== 'facilitator') refuse('refused', 'this card is hidden');
      if (item.content instanceof Y.ContentDeleted) this.tombstones.push(item);
      else checkValue(item, key, cardFields[key]!);
      this.rewritten.add(fieldKey(card, key));
      return;
    }
    if (item.content instanceof Y.ContentDeleted) return void this.tombstones.push(item);
    checkValue(item, key, cardFields[key]!);
    this.fieldsOfNewCards.get(card)!.add(key);
    const value = item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined;
    // Authorship comes from the session, never from the client.
    if (key === 'id' && value !== card.parentSub) refuse('malformed', "a card's id is its key");
    if (key === 'authorId' && value !== this.writer.participantId) refuse('refused', 'cards can only be written as yourself');
    // Where names are not shown (hidden, anonymous events) a card names nobody: its authorName must be ''.
    if (key === 'authorName' && value !== cardAuthorName(this.writer.namesMode ?? 'shown', this.writer.name)) {
      refuse('refused', value === '' ? 'cards can only be written as yourself' : 'cards carry no name in this workshop');
    }
    if (key === 'hidden' && value !== false) refuse('refused', 'cards are hidden by a facilitator, on the server');
  }

  // A deleted value that ends up last for its key would remove the field: each one must be followed, in
  // this same update, by another value of that key (the honest shape: the next move's left origin is it).
  private checkTombstones(): void {
    if (this.tombstones.length === 0) return;
    const followed = new Set<string>();
    for (const [item, at] of this.placed) {
      if (at.path.length === 1 && item.origin) followed.add(`${item.origin.client}:${item.origin.clock}`);
    }
    for (const tombstone of this.tombstones) {
      if (!followed.has(`${tombstone.id.client}:${tombstone.id.clock + tombstone.length - 1}`)) refuse('refused', "a card's field cannot be removed");
    }
  }

  private checkText(item: Y.Item, at: Placed): void {
    const [card, text] = at.path as [Y.Item, Y.Item];
    if (at.key !== null || text.parentSub === null || !cardTextFields.has(text.parentSub) || !isTextType(text)) refuse('malformed', 'text goes in a card text');
    if (!(item.content instanceof Y.ContentString) && !(item.content instanceof Y.ContentDeleted)) {
      refuse('malformed', 'a card text holds plain text only');
    }
    if (item.content instanceof Y.ContentString && item.content.str.length > limits.cardChars) refuse('tooLarge', 'text longer than a card');
    // A hidden card's text is kept by the server for facilitators; nothing is typed into its empty shell.
    if (!this.newCards.has(card) && isHidden(card) && !(item.content instanceof Y.ContentDeleted)) refuse('refused', 'this card is hidden');
  }

  private checkDeletions(deleted: Y.Item[]): void {
    const placedDeletions = deleted.map((item) => [item, this.placements.ofDocItem(item)] as const);
    const deletedCards = new Set<Y.Item>();
    for (const [item, at] of placedDeletions) {
      if (at.kind !== 'placed' || at.root !== boardRoot || at.path.length !== 0) continue;
      if (!(item.content instanceof Y.ContentType)) continue;
      if (this.writer.role !== 'facilitator' && cardAuthor(item) !== this.writer.participantId) {
        refuse('refused', 'only the author or a facilitator can delete a card');
      }
      deletedCards.add(item);
    }
    for (const [, at] of placedDeletions) {
      if (at.kind !== 'placed' || at.path.length !== 1) continue; // card text and whole cards are checked above
      const card = at.path[0]!;
      if (deletedCards.has(card) || card.deleted) continue;
      // The old value of a field this update overwrites; removing a field outright is not an edit.
      if (!this.rewritten.has(fieldKey(card, at.key))) refuse('refused', `a card's '${String(at.key)}' cannot be removed`);
    }
  }
}

const cardFieldKeys = Object.keys(cardFields).filter((key) => !optionalCardFields.has(key));

function fieldKey(card: Y.Item, key: string | null): string {
  return `${card.id.client}:${card.id.clock} ${key}`;
}

function checkValue(item: Y.Item, key: string, kind: CardFieldKind): void {
  const content = item.content;
  if (kind.kind === 'text') {
    if (!isTextType(item)) refuse('malformed', `'${key}' is a text`);
    return;
  }
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) refuse('malformed', `'${key}' holds one plain value`);
  if (!valueFits(content.arr[0], kind)) refuse('malformed', `'${key}' must be a ${kind.kind}${kind.kind === 'string' ? ` of at most ${kind.maxChars} characters` : ''}`);
}

/** Whether a plain field value is of its field's kind (shared with quickBoardCheck.ts). */
export function valueFits(value: unknown, kind: CardFieldKind): boolean {
  if (kind.kind === 'string') return typeof value === 'string' && value.length <= kind.maxChars;
  if (kind.kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  return kind.kind === 'boolean' && typeof value === 'boolean';
}

function isTextType(item: Y.Item): boolean {
  return item.content instanceof Y.ContentType && item.content.type.constructor === Y.Text;
}

function mapOf(card: Y.Item): Y.Map<unknown> | null {
  return card.content instanceof Y.ContentType && card.content.type instanceof Y.Map ? card.content.type : null;
}

function isHidden(card: Y.Item): boolean {
  return mapOf(card)?.get('hidden') === true;
}

function cardAuthor(card: Y.Item): unknown {
  return mapOf(card)?.get('authorId');
}
