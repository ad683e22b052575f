import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardTextOf } from '../../shared/boardDoc';
import { cardsOfRuns, clocksOfUpdate, covers, deletedRunsOf, mergeClocks, runsNotDeletedIn, unsentChanges, type Clocks, type DeletedRun } from '../../shared/unsentChanges';

/** A server and a device that have synced: the device starts with what the server has. */
function syncedPair() {
  const server = new Y.Doc();
  addCard(server, { id: 'c-old', questionId: 'q1', authorId: 'p2', authorName: 'Bea', text: 'From before' });
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
  return { server, device };
}

const clocksOf = (doc: Y.Doc): Clocks => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('unsent changes: what the server has not acknowledged, by card', () => {
  it('is empty when the server holds everything the device has', () => {
    const { server, device } = syncedPair();
    expect(unsentChanges(device, clocksOf(server)).total).toBe(0);
  });

  it('marks a card made here and a card edited here until the server state covers them', () => {
    const { server, device } = syncedPair();
    addCard(device, { id: 'c-new', questionId: 'q1', authorId: 'p1', authorName: 'Ann', text: 'Offline idea' });
    cardTextOf(device, 'c-old')!.insert(0, 'Edited: ');
    const before = unsentChanges(device, clocksOf(server));
    expect([...before.cards].sort()).toEqual(['c-new', 'c-old']);
    expect(before.total).toBe(2);

    Y.applyUpdate(server, Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
    expect(unsentChanges(device, clocksOf(server)).total).toBe(0);
  });

  it('covers only what the server state vector reaches: later edits stay marked', () => {
    const { server, device } = syncedPair();
    cardTextOf(device, 'c-old')!.insert(0, 'A');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
    const acknowledged = clocksOf(server);
    addCard(device, { id: 'c-late', questionId: 'q1', authorId: 'p1', authorName: 'Ann' });
    expect([...unsentChanges(device, acknowledged).cards]).toEqual(['c-late']);
  });

  it('never marks what others wrote and the device received from the server', () => {
    const { server, device } = syncedPair();
    const before = clocksOf(server);
    addCard(server, { id: 'c-theirs', questionId: 'q1', authorId: 'p2', authorName: 'Bea' });
    const relayed = Y.encodeStateAsUpdate(server, Y.encodeStateVector(device));
    Y.applyUpdate(device, relayed);
    // The device learns the server has what it relayed (the client merges relayed updates into what it knows).
    const known = mergeClocks(new Map(before), clocksOfUpdate(relayed));
    expect(unsentChanges(device, known).total).toBe(0);
  });

  it('counts changes outside the cards once per part, and ignores cards deleted since', () => {
    const { server, device } = syncedPair();
    device.getMap('votes').set('c-old', 1);
    addCard(device, { id: 'c-gone', questionId: 'q1', authorId: 'p1', authorName: 'Ann' });
    device.getMap('cards').delete('c-gone');
    const unsent = unsentChanges(device, clocksOf(server));
    expect(unsent.cards.size).toBe(0);
    expect(unsent.total).toBe(1);
  });

  it('adds cards whose text was only deleted (deletions carry no clock), while they exist', () => {
    const { server, device } = syncedPair();
    let runs: DeletedRun[] = [];
    device.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.deleteSet.clients.size > 0) runs = deletedRunsOf(transaction);
    });
    cardTextOf(device, 'c-old')!.delete(0, 5);
    expect([...cardsOfRuns(runs)]).toEqual(['c-old']);
    expect(unsentChanges(device, clocksOf(server)).total).toBe(0);
    expect([...unsentChanges(device, clocksOf(server), cardsOfRuns(runs)).cards]).toEqual(['c-old']);
    expect(unsentChanges(device, clocksOf(server), ['c-removed']).total).toBe(0);
  });

  it('keeps a deleted run until a delete set from the server covers it, and only that run', () => {
    const { server, device } = syncedPair();
    const runs: DeletedRun[] = [];
    device.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) runs.push(...deletedRunsOf(transaction));
    });
    const text = cardTextOf(device, 'c-old')!;
    const beforeFirst = Y.encodeStateVector(server);
    text.delete(0, 5); // "From "
    const first = Y.encodeStateAsUpdate(device, beforeFirst);
    text.delete(0, 2); // "be"
    expect(runs).toHaveLength(2);
    // Nothing the server sends without the deletion acknowledges it, however many clocks it carries.
    expect(runsNotDeletedIn(runs, Y.decodeUpdate(Y.encodeStateAsUpdate(server)).ds)).toEqual(runs);
    Y.applyUpdate(server, first);
    // The server's echo of the first deletion covers that run; the second stays unsent.
    expect(runsNotDeletedIn(runs, Y.decodeUpdate(first).ds)).toEqual([runs[1]]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
    // A step 2 carries the whole delete set: everything the server holds is covered.
    expect(runsNotDeletedIn(runs, Y.decodeUpdate(Y.encodeStateAsUpdate(server)).ds)).toEqual([]);
  });

  it('compares and merges state vectors', () => {
    const server: Clocks = new Map([[1, 5]]);
    expect(covers(server, new Map([[1, 5]]))).toBe(true);
    expect(covers(server, new Map([[1, 6]]))).toBe(false);
    expect(covers(server, new Map([[2, 1]]))).toBe(false);
    expect([...mergeClocks(server, new Map([[1, 3], [2, 4]]))]).toEqual([[1, 5], [2, 4]]);
  });
});
