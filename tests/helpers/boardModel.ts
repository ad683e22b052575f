import * as Y from 'yjs';
import { addCard, cardDetailOf, cardsOf, cardTextOf, deleteCard, hideCard, moveCard, showCard } from '../../shared/boardDoc';
import { boardRoot, cardFields, optionalCardFields } from '../../shared/boardSchema';
import { limits } from '../../shared/limits';
import type { Writer } from '../../server/yjs/schema/checkUpdate';
import { dropPending, trimLongTexts } from '../../server/yjs/updateGuard';
import { clientOf, facilitator, offer, participant, updateFrom, type Outcome } from './boardPeers';

// The property test's model of one board: a server document, honest peers with their own client
// documents (online or offline), and what the server must still say about every card afterwards (who
// created it, whether the server hid it). Honest operations live here; crafted ones in boardModelCrafted.ts.

export const serverClientId = 1;
export const questions = ['worked-well', 'build-on', 'make-it-happen'] as const;

/** What the Yjs endpoint answers an update: offer()'s outcome, or `threw` when the check or Y.applyUpdate threw. */
export type Served = Outcome | { accepted: false; reason: 'threw'; message: string };

/**
 * One update through the endpoint's path (docConnection.onUpdate): an empty sync step 2 is ignored, the
 * update is checked and applied by offer(), then whatever Yjs could not integrate is dropped and card texts
 * are trimmed to the card limit, as the server does after every update.
 */
export function serve(server: Y.Doc, update: Uint8Array, writer: Writer): Served {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length === 0 && ds.clients.size === 0) return { accepted: true };
  let outcome: Outcome;
  try {
    outcome = offer(server, update, writer);
  } catch (error) {
    // docConnection refuses an update Y.applyUpdate throws on (and closes on a throwing check).
    dropPending(server);
    return { accepted: false, reason: 'threw', message: String(error) };
  }
  if (outcome.accepted) {
    dropPending(server);
    trimLongTexts(server, allTexts(server), 'server:limits');
  }
  return outcome;
}

function allTexts(doc: Y.Doc): Y.Text[] {
  const texts: Y.Text[] = [];
  cardsOf(doc).forEach((card) => {
    const text = card instanceof Y.Map ? card.get('text') : undefined;
    if (text instanceof Y.Text) texts.push(text);
  });
  return texts;
}

export interface Peer {
  index: number;
  writer: Writer;
  doc: Y.Doc;
  online: boolean;
  /** Cards this peer created and has not yet sent (offline), with their creator identity. */
  unsentCards: Set<string>;
  /** Cards this peer moved in changes not yet sent. */
  moved: Set<string>;
  cardCount: number;
}

export interface BoardModel {
  server: Y.Doc;
  peers: Peer[];
  /** Who created each card the server accepted: authorship must stay theirs. */
  creators: Map<string, Writer>;
  /** Whether each card is hidden, changed only by the server's own hide/show. */
  hidden: Map<string, boolean>;
  /** A hidden card's text, kept aside by the server (the store's hidden_cards in production). */
  savedTexts: Map<string, { text: string; detail: string }>;
  /** Updates the server applied (honest ones and its own), for the size bound. */
  applied: number;
  nextClientId: number;
  clock: number;
  /** Race refusals seen (an offline/stale peer typed into a card the server hid meanwhile). */
  raceResets: number;
  /** Generate the honest operations the rules refuse by mistake today (see the regressions test). */
}

export function createModel(participants: number): BoardModel {
  const server = new Y.Doc();
  server.clientID = serverClientId;
  cardsOf(server); // the one root, as a freshly opened board has it
  const model: BoardModel = { server, peers: [], creators: new Map(), hidden: new Map(), savedTexts: new Map(), applied: 0, nextClientId: 100, clock: 1, raceResets: 0 };
  const writers = [...Array.from({ length: participants }, (_, i) => participant(`p-${i}`, `Person ${i} ✨`)), facilitator('f-host', 'Host')];
  for (const [index, writer] of writers.entries()) {
    model.peers.push({ index, writer, doc: clientOf(server, model.nextClientId++), online: true, unsentCards: new Set(), moved: new Set(), cardCount: 0 });
  }
  return model;
}

// ---- honest operations -------------------------------------------------------------------------------

export type HonestOp =
  | { kind: 'add'; peer: number; question: number; text: string }
  | { kind: 'type'; peer: number; card: number; pos: number; text: string }
  | { kind: 'erase'; peer: number; card: number; pos: number; len: number }
  | { kind: 'move'; peer: number; card: number; question: number }
  | { kind: 'deleteOwn'; peer: number; card: number }
  | { kind: 'facilitatorDelete'; card: number }
  | { kind: 'serverHide'; card: number }
  | { kind: 'serverShow'; card: number }
  | { kind: 'offline'; peer: number }
  | { kind: 'online'; peer: number }
  | { kind: 'catchUp'; peer: number };

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** Card ids in a document (sorted so a generated index means the same card on every replay). */
function cardIds(doc: Y.Doc, keep: (card: Y.Map<unknown>) => boolean = () => true): string[] {
  const ids: string[] = [];
  cardsOf(doc).forEach((card, id) => {
    if (keep(card)) ids.push(id);
  });
  return ids.sort();
}

const visible = (card: Y.Map<unknown>) => card.get('hidden') !== true;

/** Applies one honest operation; throws (failing the property) when the server answers an honest update wrongly. */
export function runHonest(model: BoardModel, op: HonestOp): void {
  const { server } = model;
  switch (op.kind) {
    case 'add': {
      const peer = model.peers[op.peer % model.peers.length]!;
      const id = `c${peer.index}-${peer.cardCount++}`;
      const { participantId, name } = peer.writer;
      // Every other question asks for a second field, so cards with and without one are both exercised.
      const detail = op.question % 2 === 1 ? [...op.text].reverse().join('') : undefined;
      return peerChange(model, peer, (d) => addCard(d, { id, questionId: questions[op.question % questions.length]!, authorId: participantId, authorName: name, text: op.text, detail, createdAt: model.clock++ }), { created: id });
    }
    case 'type': {
      // Any card the peer sees as visible; the UI keeps a card within its limit.
      const peer = model.peers[op.peer % model.peers.length]!;
      const id = pick(cardIds(peer.doc, visible), op.card);
      // Half the time into the second field, where the card has one.
      const text = id === undefined ? undefined : ((op.pos % 2 === 1 ? cardDetailOf(peer.doc, id) : undefined) ?? cardTextOf(peer.doc, id));
      if (!id || !text || op.text === '' || text.length + op.text.length > limits.cardChars) return;
      return peerChange(model, peer, () => text.insert(op.pos % (text.length + 1), op.text));
    }
    case 'erase': {
      const peer = model.peers[op.peer % model.peers.length]!;
      const id = pick(cardIds(peer.doc, visible), op.card);
      const text = id === undefined ? undefined : cardTextOf(peer.doc, id);
      if (!text || text.length === 0) return;
      const pos = op.pos % text.length;
      return peerChange(model, peer, () => text.delete(pos, Math.min(op.len, text.length - pos)));
    }
    case 'move': {
      const peer = model.peers[op.peer % model.peers.length]!;
      const id = pick(cardIds(peer.doc, visible), op.card);
      if (!id) return;
      const questionId = questions[op.question % questions.length]!;
      if (cardsOf(peer.doc).get(id)!.get('questionId') === questionId) return;
      return peerChange(model, peer, (d) => moveCard(d, id, questionId), { moved: id });
    }
    case 'deleteOwn': {
      const peer = model.peers[op.peer % model.peers.length]!;
      const id = pick(cardIds(peer.doc, (card) => card.get('authorId') === peer.writer.participantId), op.card);
      if (!id) return;
      return peerChange(model, peer, (d) => deleteCard(d, id));
    }
    case 'facilitatorDelete': {
      const peer = model.peers[model.peers.length - 1]!;
      const id = pick(cardIds(peer.doc), op.card);
      if (!id) return;
      return peerChange(model, peer, (d) => deleteCard(d, id));
    }
    case 'serverHide': {
      // The server's hide (moderation/cardVisibility.ts): text saved aside, then deleted with the flag set.
      const id = pick(cardIds(server, visible), op.card);
      if (!id) return;
      model.savedTexts.set(id, { text: cardTextOf(server, id)!.toString(), detail: cardDetailOf(server, id)?.toString() ?? '' });
      hideCard(server, id);
      model.hidden.set(id, true);
      model.applied++;
      return;
    }
    case 'serverShow': {
      const id = pick(cardIds(server, (card) => !visible(card)), op.card);
      if (!id) return;
      const saved = model.savedTexts.get(id);
      showCard(server, id, saved?.text ?? '', saved?.detail ?? '');
      model.savedTexts.delete(id);
      model.hidden.set(id, false);
      model.applied++;
      trimLongTexts(server, allTexts(server), 'server:limits');
      return;
    }
    case 'offline': {
      model.peers[op.peer % model.peers.length]!.online = false;
      return;
    }
    case 'online': {
      // Reconnecting: the peer's whole missing state as one sync step 2, then the server's answer.
      const peer = model.peers[op.peer % model.peers.length]!;
      if (peer.online) return;
      peer.online = true;
      send(model, peer, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(server)));
      return;
    }
    case 'catchUp': {
      const peer = model.peers[op.peer % model.peers.length]!;
      if (!peer.online) return;
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(peer.doc)), 'server');
      // An online peer has sent everything, so once caught up it sees exactly the server's board.
      const mine = boardJson(peer.doc);
      const theirs = boardJson(server);
      if (mine !== theirs) throw new Error(`peer ${peer.index} diverged from the server after catching up:\n${mine}\n${theirs}`);
      return;
    }
  }
}

/** The board as JSON with cards in id order (map iteration order differs between documents). */
function boardJson(doc: Y.Doc): string {
  const cards = cardsOf(doc).toJSON() as Record<string, unknown>;
  return JSON.stringify(Object.keys(cards).sort().map((id) => [id, cards[id]]));
}

function peerChange(model: BoardModel, peer: Peer, change: (doc: Y.Doc) => void, note: { created?: string; moved?: string } = {}): void {
  const update = updateFrom(peer.doc, change);
  if (note.created) peer.unsentCards.add(note.created);
  if (note.moved) peer.moved.add(note.moved);
  if (peer.online) send(model, peer, update);
}

/**
 * Sends a peer's unsent changes. They must be accepted, except in the one documented race: the peer typed
 * into (or, as a participant, moved) a card that the server hid since the peer last heard from it, and
 * the typing is still there. Then the
 * server refuses with 'this card is hidden', and the client does what the real one does on that close:
 * drops its local copy and starts again from the server's state (a new Y.Doc, so a new clientID).
 */
function send(model: BoardModel, peer: Peer, update: Uint8Array): void {
  const { server } = model;
  const racedHide = [...model.hidden].some(([id, hidden]) => hidden && cardsOf(server).has(id) && (hasUnsentText(model, peer, id) || (peer.writer.role !== 'facilitator' && peer.moved.has(id) && cardsOf(peer.doc).has(id))));
  const outcome = serve(server, update, peer.writer);
  if (racedHide) {
    if (outcome.accepted || outcome.message !== 'this card is hidden') {
      throw new Error(`peer ${peer.index} changed a card hidden meanwhile: expected the 'this card is hidden' refusal, got ${JSON.stringify(outcome)}`);
    }
    model.raceResets++;
    peer.doc.destroy();
    peer.doc = clientOf(server, model.nextClientId++);
  } else {
    if (!outcome.accepted) throw new Error(`honest update of peer ${peer.index} (${peer.writer.participantId}) refused: ${JSON.stringify(outcome)}`);
    model.applied++;
    for (const id of peer.unsentCards) {
      if (cardsOf(server).has(id)) {
        model.creators.set(id, peer.writer);
        model.hidden.set(id, false);
      }
    }
  }
  peer.unsentCards.clear();
  peer.moved.clear();
}

/**
 * Whether the peer's unsent changes carry characters into a card's text: its own live characters the
 * server has not seen. (Typing it erased again, or typing into a card it deleted, travels as deleted
 * content or garbage, which the server accepts even in a hidden card.)
 */
function hasUnsentText(model: BoardModel, peer: Peer, cardId: string): boolean {
  const client = peer.doc.clientID;
  const known = Y.getState(model.server.store, client);
  for (const text of [cardTextOf(peer.doc, cardId), cardDetailOf(peer.doc, cardId)]) {
    for (let item = text?._start ?? null; item; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentString && item.id.client === client && item.id.clock + item.length > known) return true;
    }
  }
  return false;
}

// ---- invariants --------------------------------------------------------------------------------------

/** Bytes the server's state may take per live card beyond its strings, and per applied update (tombstones). */
export const sizeBound = { base: 64, perCard: 128, perApplied: 24 } as const;

const utf8 = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);

/** Checks every invariant of the server document; throws with what broke. */
export function checkInvariants(model: BoardModel): void {
  const { server } = model;
  const fail = (message: string): never => {
    throw new Error(message);
  };
  // (3) the one root, and every card exactly the schema
  const roots = [...server.share.keys()];
  if (roots.length !== 1 || roots[0] !== boardRoot) fail(`roots: ${roots.join(', ')}`);
  let strings = 0;
  let cards = 0;
  cardsOf(server).forEach((card, id) => {
    cards++;
    if (!(card instanceof Y.Map)) return fail(`card ${id} is not a map`);
    const keys = [...card.keys()].sort();
    // Every required field, plus optional ones (the second field) only on cards made with them.
    const expected = Object.keys(cardFields).filter((key) => !optionalCardFields.has(key) || card.has(key)).sort();
    if (keys.join() !== expected.join()) fail(`card ${id} has fields ${keys.join()}`);
    for (const [key, kind] of Object.entries(cardFields)) {
      if (optionalCardFields.has(key) && !card.has(key)) continue;
      const value = card.get(key);
      const ok =
        kind.kind === 'string'
          ? typeof value === 'string' && value.length <= kind.maxChars
          : kind.kind === 'number'
            ? typeof value === 'number' && Number.isFinite(value)
            : kind.kind === 'boolean'
              ? typeof value === 'boolean'
              : value instanceof Y.Text;
      if (!ok) fail(`card ${id}.${key} is ${String(value)}`);
      if (kind.kind !== 'text') strings += utf8(value);
    }
    if (card.get('id') !== id) fail(`card ${id} has id ${String(card.get('id'))}`);
    const text = card.get('text') as Y.Text;
    for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: unknown }>) {
      if (typeof op.insert !== 'string' || op.attributes !== undefined) fail(`card ${id} text holds ${JSON.stringify(op)}`);
    }
    if (text.length > limits.cardChars) fail(`card ${id} text has ${text.length} characters`);
    strings += utf8(text.toString());
    // (1) authorship: the identity of whoever's update created it
    const creator = model.creators.get(id) ?? fail(`card ${id} was created by no honest update`);
    if (card.get('authorId') !== creator.participantId || card.get('authorName') !== creator.name) {
      fail(`card ${id} is written as ${String(card.get('authorId'))}/${String(card.get('authorName'))}, created by ${creator.participantId}`);
    }
    // (2) hidden only by the server's own hide/show
    if (card.get('hidden') !== model.hidden.get(id)) fail(`card ${id} hidden=${String(card.get('hidden'))}, the server set ${String(model.hidden.get(id))}`);
    // A hidden card's text is with the server, not in the document.
    if (card.get('hidden') === true && text.length > 0) fail(`hidden card ${id} holds text '${text.toString()}'`);
  });
  // (4) the document stays proportional to what it holds and how often it was honestly changed
  const bytes = Y.encodeStateAsUpdate(server).byteLength;
  const bound = sizeBound.base + strings + cards * sizeBound.perCard + model.applied * sizeBound.perApplied;
  if (bytes > bound) fail(`document of ${bytes} bytes, bound ${bound} (${cards} cards, ${strings} string bytes, ${model.applied} updates)`);
  if (server.store.pendingStructs !== null || server.store.pendingDs !== null) fail('pending structs kept');
}
