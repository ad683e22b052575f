import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf, hideCard, moveCard } from '../../../shared/boardDoc';
import { emptyUpdate, quickBoardCheck } from '../../../server/yjs/schema/quickBoardCheck';
import { clientOf, facilitator, offer, participant, updateFrom } from '../../helpers/boardPeers';

// The quick path accepts the common shapes and hands everything else (null) to the full check, which is
// what refuses. boardProperties.test.ts runs it beside the full check on every update; these pin its edges.

const ann = participant('p-ann', 'Ann');
const bob = participant('p-bob', 'Bob');

function board() {
  const server = new Y.Doc();
  const annDoc = clientOf(server, 11);
  expect(offer(server, updateFrom(annDoc, (d) => addCard(d, { id: 'card-a', questionId: 'worked-well', authorId: ann.participantId, authorName: ann.name, text: 'Joint' })), ann).accepted).toBe(true);
  return { server, annDoc };
}

describe('quick board check', () => {
  it('accepts a move, typing after a character and erasing characters', () => {
    const { server, annDoc } = board();
    const move = updateFrom(annDoc, (d) => moveCard(d, 'card-a', 'build-on'));
    expect(quickBoardCheck(move, server, ann)).toEqual({ addsContent: true, text: null });
    Y.applyUpdate(server, move);
    const typed = updateFrom(annDoc, (d) => cardTextOf(d, 'card-a')!.insert(5, ' working'));
    expect(quickBoardCheck(typed, server, ann)).toEqual({ addsContent: true, text: cardTextOf(server, 'card-a') });
    Y.applyUpdate(server, typed);
    const erased = updateFrom(annDoc, (d) => cardTextOf(d, 'card-a')!.delete(0, 3));
    expect(quickBoardCheck(erased, server, ann)).toEqual({ addsContent: false, text: null });
  });

  it('says an empty update is empty', () => {
    const server = board().server;
    expect(quickBoardCheck(Y.encodeStateAsUpdate(server, Y.encodeStateVector(server)), server, ann)).toBe(emptyUpdate);
  });

  it('leaves new cards, first characters, offline backlogs and trailing bytes to the full check', () => {
    const { server, annDoc } = board();
    expect(quickBoardCheck(updateFrom(annDoc, (d) => addCard(d, { id: 'card-b', questionId: 'build-on', authorId: ann.participantId, authorName: ann.name })), server, ann)).toBeNull();
    const backlog = updateFrom(annDoc, (d) => {
      moveCard(d, 'card-a', 'build-on');
      moveCard(d, 'card-a', 'make-it-happen');
    });
    expect(quickBoardCheck(Y.mergeUpdates([backlog, updateFrom(annDoc, (d) => cardTextOf(d, 'card-a')!.insert(0, 'x'))]), server, ann)).toBeNull();
    const fresh = board();
    const move = updateFrom(fresh.annDoc, (d) => moveCard(d, 'card-a', 'build-on'));
    expect(quickBoardCheck(Uint8Array.from([...move, 0]), fresh.server, ann)).toBeNull();
    expect(quickBoardCheck(move.subarray(0, move.length - 1), fresh.server, ann)).toBeNull();
  });

  it('never accepts a rewrite of a set-once field, another writer’s client id, or a hidden card for a participant', () => {
    const { server, annDoc } = board();
    // Each probe from a fresh client at the server's state (Yjs gives it a new client id): nothing is applied.
    const asAnn = (change: (doc: Y.Doc) => void) => updateFrom(clientOf(server), change);
    expect(quickBoardCheck(asAnn((d) => moveCard(d, 'card-a', 'build-on')), server, ann)).not.toBeNull();
    expect(quickBoardCheck(asAnn((d) => cardsOf(d).get('card-a')!.set('authorId', 'p-bob')), server, ann)).toBeNull();
    expect(quickBoardCheck(asAnn((d) => cardsOf(d).get('card-a')!.set('questionId', 'x'.repeat(65))), server, ann)).toBeNull();
    // Bob's session writing under Ann's client id (which her first card claimed).
    const annsMove = updateFrom(annDoc, (d) => moveCard(d, 'card-a', 'build-on'));
    expect(quickBoardCheck(annsMove, server, bob)).toBeNull();
    expect(quickBoardCheck(annsMove, server, ann)).not.toBeNull();
    hideCard(server, 'card-a');
    expect(quickBoardCheck(asAnn((d) => moveCard(d, 'card-a', 'build-on')), server, ann)).toBeNull();
    expect(quickBoardCheck(asAnn((d) => cardTextOf(d, 'card-a')!.insert(1, 'x')), server, facilitator('p-ann'))).toBeNull();
    expect(quickBoardCheck(asAnn((d) => moveCard(d, 'card-a', 'build-on')), server, facilitator('p-ann'))).not.toBeNull();
  });

  it('never accepts deletions beyond card text, nor a move that deletes another field', () => {
    const { server, annDoc } = board();
    const other = clientOf(server, 33);
    const deleteCard = updateFrom(other, (d) => cardsOf(d).delete('card-a'));
    expect(quickBoardCheck(deleteCard, server, bob)).toBeNull();
    const move = updateFrom(annDoc, (d) => moveCard(d, 'card-a', 'build-on'));
    const authorItem = (cardsOf(server).get('card-a')! as unknown as { _map: Map<string, Y.Item> })._map.get('authorId')!;
    expect(quickBoardCheck(move, server, ann)).not.toBeNull();
    expect(quickBoardCheck(Y.mergeUpdates([move, deleteSetUpdate(authorItem)]), server, ann)).toBeNull();
    // Erasing text may not carry a card field's deletion either.
    const erase = updateFrom(annDoc, (d) => cardTextOf(d, 'card-a')!.delete(0, 1));
    expect(quickBoardCheck(erase, server, ann)).not.toBeNull();
    expect(quickBoardCheck(Y.mergeUpdates([erase, deleteSetUpdate(authorItem)]), server, ann)).toBeNull();
  });
});

/** An update that only deletes one item. */
function deleteSetUpdate(item: Y.Item): Uint8Array {
  // [0 structs][1 client: id, 1 range: clock, len 1]
  return Uint8Array.from([0, 1, ...varUint(item.id.client), 1, ...varUint(item.id.clock), 1]);
}

function varUint(n: number): number[] {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return bytes;
}
