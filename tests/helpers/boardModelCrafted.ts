import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf, deleteCard } from '../../shared/boardDoc';
import { cardFields, optionalCardFields } from '../../shared/boardSchema';

/** The fields every card has (crafted forms target these; the optional second field is not on every card). */
const requiredFields = Object.keys(cardFields).filter((key) => !optionalCardFields.has(key));
import { limits } from '../../shared/limits';
import type { Writer } from '../../server/yjs/schema/checkUpdate';
import { clientOf, updateFrom } from './boardPeers';
import type { BoardModel } from './boardModel';
import { questions } from './boardModel';
import { deleteRangesOf, encodeUpdate, itemWithKey, rewriteUpdate } from './craftUpdate';

// Crafted updates for the property test, one per operation, each built against the server's current
// board by a throwaway attacker document (a fresh clientID, so an inert update that slips through never
// collides with an honest peer's clocks). Each form says what the server must do with it:
//   'refused'  the check refuses it;
//   'inert'    it is accepted but changes nothing (Yjs skips or drops it as pending);
//   'garbage'  it is accepted and Yjs integrates it as a GC struct (no parent to put it in): the encoded
//              state gains that GC struct and nothing else, exactly as when an offline peer's typing lands
//              in a card deleted meanwhile;
//   'either'   refused or inert, depending on the board.
// Except for 'garbage', the server's encoded state must stay byte-identical.

export type Expectation = 'refused' | 'inert' | 'garbage' | 'either';
export interface Crafted {
  update: Uint8Array;
  writer: Writer;
  expect: Expectation;
}
export interface CraftInput {
  /** Which peer's identity sends it. */
  peer: number;
  a: number;
  b: number;
}
type Form = (model: BoardModel, input: CraftInput, writer: Writer) => Omit<Crafted, 'writer'> | null;

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
const items = (structs: Struct[]) => structs.filter((s): s is Y.Item => s instanceof Y.Item);
const guarded = requiredFields.filter((key) => key !== 'questionId');
const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

let attackerIds = 1_000_000;
function attacker(model: BoardModel): Y.Doc {
  return clientOf(model.server, attackerIds++);
}

function serverCards(model: BoardModel, keep: (card: Y.Map<unknown>, id: string) => boolean = () => true): string[] {
  const ids: string[] = [];
  cardsOf(model.server).forEach((card, id) => {
    if (keep(card, id)) ids.push(id);
  });
  return ids.sort();
}
const isHidden = (card: Y.Map<unknown>) => card.get('hidden') === true;

let craftedCards = 0;
function ownCard(d: Y.Doc, writer: Writer, extra: Partial<{ id: string; authorId: string; authorName: string; text: string }> = {}): string {
  const id = extra.id ?? `x${craftedCards++}`;
  addCard(d, { id, questionId: questions[0], authorId: writer.participantId, authorName: writer.name, text: 'crafted', createdAt: 1, ...extra });
  return id;
}

/** The last character item of a card's text in the server document, if it has any text. */
function lastChar(model: BoardModel, cardId: string): Y.Item | null {
  let item = cardTextOf(model.server, cardId)?._start ?? null;
  let last: Y.Item | null = null;
  while (item) {
    if (item.content instanceof Y.ContentString || item.content instanceof Y.ContentDeleted) last = item;
    item = item.right;
  }
  return last;
}
const lastIdOf = (item: Y.Item) => Y.createID(item.id.client, item.id.clock + item.length - 1);

function otherContent(n: number): Y.Item['content'] {
  const kinds: Array<() => Y.Item['content']> = [
    () => new Y.ContentJSON(['x']),
    () => new Y.ContentBinary(new Uint8Array([1, 2, 3])),
    () => new Y.ContentEmbed({ image: 'x.png' }),
    () => new Y.ContentFormat('bold', true),
    () => new Y.ContentDoc(new Y.Doc()),
    () => new Y.ContentAny(['x', 'y']),
    () => new Y.ContentAny([{ nested: true }]),
    () => new Y.ContentString('x'),
    () => new Y.ContentType(new Y.Array()),
    () => new Y.ContentAny([Number.NaN]),
  ];
  return kinds[n % kinds.length]!();
}

export const forms: Readonly<Record<string, Form>> = {
  /** A new card whose authorship (or any field) is written with the legacy ContentJSON kind. */
  contentJsonAuthor(model, { a }, writer) {
    const update = updateFrom(attacker(model), (d) => ownCard(d, writer));
    const key = pick(['authorId', 'authorName', 'id', 'questionId'], a)!;
    return { update: rewriteUpdate(update, (s) => ((itemWithKey(s, key).content = new Y.ContentJSON([String(itemWithKey(s, key).content.getContent()[0])])), s)), expect: 'refused' };
  },
  /** A new card with one field in a content kind the schema does not have (binary, embed, format, doc, ...). */
  otherContentKind(model, { a, b }, writer) {
    const update = updateFrom(attacker(model), (d) => ownCard(d, writer));
    const key = pick(requiredFields, a)!;
    return { update: rewriteUpdate(update, (s) => ((itemWithKey(s, key).content = otherContent(b)), s)), expect: 'refused' };
  },
  /** A new card in someone else's name. */
  forgedAuthor(model, { a, b }, writer) {
    const victim = pick(model.peers.filter((p) => p.writer.participantId !== writer.participantId), a)!.writer;
    const forged = [{ authorId: victim.participantId }, { authorName: victim.name }, { authorId: victim.participantId, authorName: victim.name }][b % 3]!;
    return { update: updateFrom(attacker(model), (d) => ownCard(d, writer, forged)), expect: 'refused' };
  },
  /** A guarded field of an existing card overwritten, with the delete set of the old value or without it. */
  overwriteGuarded(model, { a, b }) {
    const id = pick(serverCards(model), a);
    if (!id) return null;
    const key = pick(guarded, b)!;
    const values: Record<string, unknown> = { id: 'other', authorId: 'p-0', authorName: 'Someone', createdAt: 0, hidden: (b & 1) === 0, text: 'x' };
    const update = updateFrom(attacker(model), (d) => cardsOf(d).get(id)!.set(key, key === 'text' ? new Y.Text('replaced') : values[key]));
    return { update: (b >> 3) % 2 === 0 ? update : rewriteUpdate(update, (s) => s), expect: 'refused' };
  },
  /** Un-hiding a hidden card (facilitators too: showing is the server's command). */
  unhide(model, { a, b }) {
    const id = pick(serverCards(model, isHidden), a);
    if (!id) return null;
    const update = updateFrom(attacker(model), (d) => cardsOf(d).get(id)!.set('hidden', false));
    return { update: b % 2 === 0 ? update : rewriteUpdate(update, (s) => s), expect: 'refused' };
  },
  /** cards.set(existingId, newMap): a whole card replaced, as the writer. */
  replaceCard(model, { a }, writer) {
    const id = pick(serverCards(model), a);
    if (!id) return null;
    return { update: updateFrom(attacker(model), (d) => ownCard(d, writer, { id })), expect: 'refused' };
  },
  /** A participant deleting someone else's card. */
  deleteOthersCard(model, { a }, writer) {
    if (writer.role === 'facilitator') return null;
    const id = pick(serverCards(model, (card) => card.get('authorId') !== writer.participantId), a);
    if (!id) return null;
    return { update: updateFrom(attacker(model), (d) => deleteCard(d, id)), expect: 'refused' };
  },
  /** A field removed from a card. */
  deleteField(model, { a, b }) {
    const id = pick(serverCards(model), a);
    if (!id) return null;
    const key = pick(requiredFields, b)!;
    return { update: updateFrom(attacker(model), (d) => cardsOf(d).get(id)!.delete(key)), expect: 'refused' };
  },
  /** Roots other than 'cards'. */
  junkRoot(model, { a, b }) {
    const name = pick(['junk', 'cards2', 'summary', ''], b)!;
    const junk: Array<(d: Y.Doc) => void> = [
      (d) => d.getMap(name).set('k', 'x'.repeat(1 + (b % 5000))),
      (d) => d.getArray(name).insert(0, Array.from({ length: 1 + (b % 300) }, (_, i) => i)),
      (d) => d.getText(name).insert(0, 'free text outside any card'),
      (d) => d.getXmlFragment(name).insert(0, [new Y.XmlElement('p')]),
    ];
    return { update: updateFrom(attacker(model), junk[a % junk.length]!), expect: 'refused' };
  },
  /** A field the schema does not have, on a new card or an existing one. */
  extraField(model, { a, b }, writer) {
    const key = pick(['extra', '__proto__', 'constructor', 'Hidden', 'text2'], b)!;
    const id = pick(serverCards(model), a);
    if (a % 2 === 0 || !id) {
      return { update: updateFrom(attacker(model), (d) => cardsOf(d).get(ownCard(d, writer))!.set(key, 'x')), expect: 'refused' };
    }
    return { update: updateFrom(attacker(model), (d) => cardsOf(d).get(id)!.set(key, 'x')), expect: 'refused' };
  },
  /** Strings over their limits: a card text insert, a name, a question id, a card id. */
  oversized(model, { a }, writer) {
    const id = pick(serverCards(model, (card) => !isHidden(card)), a);
    const forms: Array<(d: Y.Doc) => void> = [
      (d) => ownCard(d, writer, { text: 'x'.repeat(limits.cardChars + 1) }),
      (d) => ownCard(d, writer, { id: 'x'.repeat(65) }),
      (d) => ownCard(d, { ...writer, name: 'n'.repeat(limits.displayNameChars + 1) }),
      (d) => cardsOf(d).get(ownCard(d, writer))!.set('questionId', 'q'.repeat(65)),
    ];
    if (id) forms.push((d) => cardTextOf(d, id)!.insert(0, 'x'.repeat(limits.cardChars + 1)));
    if (id) forms.push((d) => cardsOf(d).get(id)!.set('questionId', 'q'.repeat(65)));
    if (writer.name.length + 60 > limits.displayNameChars) forms.push((d) => ownCard(d, { ...writer, name: writer.name.padEnd(limits.displayNameChars + 1, '!') }));
    return { update: updateFrom(attacker(model), forms[(a >> 2) % forms.length]!), expect: 'refused' };
  },
  /** Types nested where the schema has plain values, or inside a card text. */
  nested(model, { a, b }, writer) {
    const id = pick(serverCards(model, (card) => !isHidden(card)), a);
    const forms: Array<(d: Y.Doc) => void> = [
      (d) => {
        const card = new Y.Map<unknown>();
        cardsOf(d).set(`n${b}`, card as never);
        card.set('text', new Y.Map());
      },
      (d) => cardsOf(d).set(`n${b}`, new Y.Text('x') as never),
      (d) => cardsOf(d).set(`n${b}`, 'plain' as never),
      (d) => cardsOf(d).get(ownCard(d, writer))!.set('questionId', new Y.Map()),
    ];
    if (id) forms.push((d) => cardsOf(d).get(id)!.set('questionId', new Y.Array()));
    if (id) forms.push((d) => cardTextOf(d, id)!.insertEmbed(0, new Y.Text('inner')));
    return { update: updateFrom(attacker(model), forms[b % forms.length]!), expect: 'refused' };
  },
  /** Rich text: formatting, attributes, embeds. */
  formatting(model, { a, b }) {
    const id = pick(serverCards(model, (card) => !isHidden(card) && (cardTextOf(model.server, card.get('id') as string)?.length ?? 0) > 0), a);
    if (!id) return null;
    const forms: Array<(t: Y.Text) => void> = [
      (t) => t.format(0, 1, { bold: true }),
      (t) => t.insert(0, 'x', { italic: true }),
      (t) => t.insertEmbed(0, { image: 'https://example.org/x.png' }),
    ];
    return { update: updateFrom(attacker(model), (d) => forms[b % forms.length]!(cardTextOf(d, id)!)), expect: 'refused' };
  },
  /** Anyone (facilitators too) typing into a hidden card's empty shell. */
  typeIntoHidden(model, { a }) {
    const id = pick(serverCards(model, isHidden), a);
    if (!id) return null;
    return { update: updateFrom(attacker(model), (d) => cardTextOf(d, id)!.insert(0, 'peek')), expect: 'refused' };
  },
  /** A text insert whose neighbours sit in two different cards' texts. */
  splicedNeighbours(model, { a, b }) {
    const withText = serverCards(model, (card) => !isHidden(card) && (cardTextOf(model.server, card.get('id') as string)?.length ?? 0) > 0);
    const from = pick(withText, a);
    const to = pick(withText, a + 1 + (b % Math.max(1, withText.length - 1)));
    if (!from || !to || from === to) return null;
    // After the first character, so the item has a left origin in one text and gets a right one in the other.
    const insert = updateFrom(attacker(model), (d) => cardTextOf(d, from)!.insert(1, 'x'));
    const target = cardTextOf(model.server, to)!._start!;
    return { update: rewriteUpdate(insert, (s) => ((items(s)[0]!.rightOrigin = target.id), s)), expect: 'refused' };
  },
  /**
   * An honest-looking write whose left origin is moved onto another card's item: a questionId write
   * re-pointed at a guarded field (it becomes a write of that field), or a text insert re-pointed into a
   * hidden card's text.
   */
  originElsewhere(model, { a, b }) {
    const id = pick(serverCards(model, (card) => !isHidden(card)), a);
    if (!id) return null;
    const victim = pick(serverCards(model, (card, other) => other !== id), b);
    const hidden = pick(serverCards(model, (card) => isHidden(card) && lastChar(model, card.get('id') as string) !== null), b);
    if (b % 2 === 0 && hidden) {
      const insert = updateFrom(attacker(model), (d) => cardTextOf(d, id)!.insert(0, 'x'));
      const into = lastChar(model, hidden)!;
      return { update: rewriteUpdate(insert, (s) => ((items(s)[0]!.origin = lastIdOf(into)), (items(s)[0]!.parent = null), s)), expect: 'refused' };
    }
    if (!victim) return null;
    const field = pick(guarded.filter((key) => key !== 'text'), b >> 1)!;
    const target = (cardsOf(model.server).get(victim) as Y.Map<unknown>)._map.get(field)!;
    const move = updateFrom(attacker(model), (d) => cardsOf(d).get(id)!.set('questionId', 'build-on'));
    return { update: rewriteUpdate(move, (s) => ((items(s)[0]!.origin = lastIdOf(target)), s), b % 4 < 2 ? deleteRangesOf(move) : []), expect: 'refused' };
  },
  /** An item whose parent is a character item (not a type): Yjs can resolve no parent from it. */
  parentIsTextItem(model, { a }) {
    const id = pick(serverCards(model, (card) => lastChar(model, card.get('id') as string)?.content instanceof Y.ContentString), a);
    if (!id) return null;
    const char = lastChar(model, id)!;
    const insert = updateFrom(attacker(model), (d) => cardTextOf(d, id)!.insert(0, 'x'));
    return { update: rewriteUpdate(insert, (s) => ((items(s)[0]!.parent = char.id), (items(s)[0]!.origin = null), (items(s)[0]!.rightOrigin = null), s)), expect: 'garbage' };
  },
  /** A card key of the root given ContentDeleted: over a live card it would delete it without a delete set. */
  contentDeletedOverCard(model, { a }) {
    const id = pick(serverCards(model), a);
    if (!id) return null;
    const doc = attacker(model);
    const item = new Y.Item(Y.createID(doc.clientID, 0), null, null, null, null, 'cards' as never, id, new Y.ContentDeleted(1));
    return { update: encodeUpdate([item]), expect: 'refused' };
  },
  /** Two cards with one key in one update (two attackers' creations merged). */
  duplicatedCardKeys(model, { b }, writer) {
    const id = `dup${b}`;
    const first = updateFrom(attacker(model), (d) => ownCard(d, writer, { id }));
    const second = updateFrom(attacker(model), (d) => ownCard(d, writer, { id, text: 'second' }));
    return { update: Y.mergeUpdates([first, second]), expect: 'refused' };
  },
  /** A participant's delete set spanning every clock of another participant who has a card. */
  hugeDeleteRange(model, { a }, writer) {
    if (writer.role === 'facilitator') return null;
    const id = pick(serverCards(model, (card) => card.get('authorId') !== writer.participantId), a);
    if (!id) return null;
    const client = (cardsOf(model.server).get(id) as Y.Map<unknown>)._item!.id.client;
    return { update: encodeUpdate([], [{ client, clock: 0, len: 2 ** 31 }]), expect: 'refused' };
  },
  /** A well-formed card of the writer's own, at clocks far ahead of anything sent: Yjs keeps it pending and the server drops it. */
  pendingFarAhead(model, { a }, writer) {
    const doc = attacker(model);
    const update = updateFrom(doc, (d) => ownCard(d, writer));
    const skip = 1 + (a % 1_000_000);
    return { update: rewriteUpdate(update, (s) => [new Y.Skip(Y.createID(doc.clientID, 0), skip), ...shiftClocks(items(s), skip)]), expect: 'inert' };
  },
  /** A text insert whose left origin is in a client nobody has heard of: pending, then dropped. */
  unknownDependency(model, { a }) {
    const id = pick(serverCards(model, (card) => !isHidden(card)), a);
    if (!id) return null;
    const insert = updateFrom(attacker(model), (d) => cardTextOf(d, id)!.insert(0, 'x'));
    return { update: rewriteUpdate(insert, (s) => ((items(s)[0]!.origin = Y.createID(999_999_999, 5)), (items(s)[0]!.parent = null), s)), expect: 'inert' };
  },
  /** Re-sending an item the server already has, with different content (a forged author): Yjs skips known clocks. */
  replayKnownClock(model, { a }) {
    const id = pick(serverCards(model), a);
    if (!id) return null;
    const card = cardsOf(model.server).get(id) as Y.Map<unknown>;
    const author = card._map.get('authorId')!;
    const forged = new Y.Item(author.id, null, null, null, null, card._item!.id as never, 'authorId', new Y.ContentAny(['p-mallory']));
    return { update: encodeUpdate([forged]), expect: 'inert' };
  },
  /** Items that are each other's left origin: neither can be placed. */
  originCycle(model) {
    const one = attackerIds++;
    const two = attackerIds++;
    const first = new Y.Item(Y.createID(one, 0), null, Y.createID(two, 0), null, null, null, null, new Y.ContentString('a'));
    const second = new Y.Item(Y.createID(two, 0), null, Y.createID(one, 0), null, null, null, null, new Y.ContentString('b'));
    void model;
    return { update: encodeUpdate([first, second]), expect: 'either' };
  },
  /** A key written inside a card's text, or a card id that is not an id. */
  misplacedKey(model, { a, b }, writer) {
    const id = pick(serverCards(model, (card) => !isHidden(card)), a);
    if (b % 2 === 0 || !id) return { update: updateFrom(attacker(model), (d) => ownCard(d, writer, { id: pick(['Card', '-x', 'a b', 'é'], b >> 1)! })), expect: 'refused' };
    const text = (cardsOf(model.server).get(id) as Y.Map<unknown>)._map.get('text')!;
    const item = new Y.Item(Y.createID(attackerIds++, 0), null, null, null, null, text.id as never, 'key', new Y.ContentAny(['x']));
    return { update: encodeUpdate([item]), expect: 'refused' };
  },
  /** A card's text type deleted through the delete set (not the card). */
  deleteTextType(model, { a }) {
    const id = pick(serverCards(model), a);
    if (!id) return null;
    const text = (cardsOf(model.server).get(id) as Y.Map<unknown>)._map.get('text')!;
    return { update: encodeUpdate([], [{ client: text.id.client, clock: text.id.clock, len: 1 }]), expect: 'refused' };
  },
};

/** Forms the property test found getting through at first (boardUpdateRules.regressions.test.ts has their minimal cases). */
const formsFoundByTheProperty: Readonly<Record<string, Form>> = {
  /**
   * A string item starting below a client's known clock: Yjs integrates only its tail, re-anchored after
   * the item at (client, state - 1), wherever that is (here: the last character typed into a now-hidden card).
   */
  partiallyKnownItem(model, { a }) {
    const target = pick(serverCards(model, isHidden), a);
    const visibleCard = pick(serverCards(model, (card) => !isHidden(card) && lastChar(model, card.get('id') as string) !== null), a);
    if (!target || !visibleCard) return null;
    // A client whose newest item is a character of the hidden card's text.
    let client: number | null = null;
    for (let item = cardTextOf(model.server, target)?._start ?? null; item; item = item.right) {
      if (Y.getState(model.server.store, item.id.client) === item.id.clock + item.length) client = item.id.client;
    }
    if (client === null) return null;
    const state = Y.getState(model.server.store, client);
    const item = new Y.Item(Y.createID(client, state - 1), null, lastIdOf(lastChar(model, visibleCard)!), null, null, null, null, new Y.ContentString('Xsneaked'));
    return { update: encodeUpdate([item]), expect: 'refused' };
  },
  /** A new card whose fields come after an item whose left origin is a later clock of its own client: Yjs throws half-way. */
  forwardOwnOrigin(model, _input, writer) {
    const doc = attacker(model);
    const honest = updateFrom(doc, (d) => ownCard(d, writer));
    const client = doc.clientID;
    const structs = items(Y.decodeUpdate(honest).structs);
    const shift = (id: Y.ID | null) => (id && id.clock >= 1 ? Y.createID(id.client, id.clock + 1) : id);
    const moved = structs.map((s) => new Y.Item(shift(s.id)!, null, shift(s.origin), null, shift(s.rightOrigin), (s.parent instanceof Y.ID ? shift(s.parent) : s.parent) as never, s.parentSub, s.content));
    const questionItem = moved.find((s) => s.parentSub === 'questionId')!;
    const forward = new Y.Item(Y.createID(client, 1), null, questionItem.id, null, null, null, null, new Y.ContentAny(['build-on']));
    return { update: encodeUpdate([...moved, forward]), expect: 'refused' };
  },
  /** Another client's future clocks claimed by a GC struct: that client's next updates are skipped as known. */
  squatOthersClocks(model, { a }, writer) {
    // A victim that has written: its client id is then owned (a silent peer's id is unknown to others
    // until it announces presence, which the server claims for it too).
    const victim = pick(model.peers.filter((p) => p.writer.participantId !== writer.participantId && Y.getState(model.server.store, p.doc.clientID) > 0), a);
    if (!victim) return null;
    const client = victim.doc.clientID;
    return { update: encodeUpdate([new Y.GC(Y.createID(client, Y.getState(model.server.store, client)), 1_000_000)]), expect: 'refused' };
  },
};

function shiftClocks(list: Y.Item[], by: number): Y.Item[] {
  const client = list[0]!.id.client;
  const shift = (id: Y.ID | null) => (id && id.client === client ? Y.createID(client, id.clock + by) : id);
  return list.map((s) => new Y.Item(shift(s.id)!, null, shift(s.origin), null, shift(s.rightOrigin), (s.parent instanceof Y.ID ? shift(s.parent) : s.parent) as never, s.parentSub, s.content));
}

export const allForms: Readonly<Record<string, Form>> = { ...forms, ...formsFoundByTheProperty };

export function craft(model: BoardModel, form: string, input: CraftInput): Crafted | null {
  const writer = model.peers[input.peer % model.peers.length]!.writer;
  const make = allForms[form];
  if (!make) return null;
  const crafted = make(model, input, writer);
  return crafted && { ...crafted, writer };
}
