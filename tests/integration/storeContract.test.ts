import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initialControlState } from '../../shared/control';
import type { Template } from '../../shared/types';
import { openPostgresStore } from '../../server/store/postgresStore';
import { createTempDatabase } from '../helpers/postgres';
import { has } from '../helpers/externalNeeds';
import { storeFactories, storedEventInfo as eventInfo } from '../helpers/storeFactories';

// The same behaviour from every store: SQLite (the default) and PostgreSQL (several servers).
const { factories, drops } = storeFactories();

function update(doc: Y.Doc, write: () => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const handler = (u: Uint8Array) => (captured = u);
  doc.once('update', handler);
  write();
  return captured!;
}

describe.each(factories)('%s store', (_name, open) => {
  it('appends, loads in order, compacts without losing anything, and deletes documents', async () => {
    const store = await open();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const updates = ['a', 'b', 'c', 'd'].map((ch) => update(doc, () => text.insert(text.length, ch)));
    let seq = await store.appendUpdates('board.e1.a', updates.slice(0, 2));
    seq = await store.appendUpdates('board.e1.a', updates.slice(2));
    expect(seq).toBeGreaterThan(0);
    const rebuilt = new Y.Doc();
    for (const u of (await store.loadDoc('board.e1.a')).updates) Y.applyUpdate(rebuilt, u);
    expect(rebuilt.getText('t').toString()).toBe('abcd');

    // Another writer's update lands after the compacting server read its state.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, updates[0]!);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const late = update(other, () => other.getText('t').insert(4, 'e'));
    const lateSeq = await store.appendUpdates('board.e1.a', [late]);
    await store.compactDoc('board.e1.a', Y.encodeStateAsUpdate(doc), seq);
    const loaded = await store.loadDoc('board.e1.a');
    expect(loaded.updates).toHaveLength(2);
    expect(loaded.lastSeq).toBe(lateSeq);
    const after = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(after, u);
    expect(after.getText('t').toString()).toBe('abcde');

    expect(await store.appendUpdates('board.e1.a', [update(doc, () => text.insert(0, 'z'))])).toBeGreaterThan(lateSeq);
    await store.deleteDoc('board.e1.a');
    expect((await store.loadDoc('board.e1.a')).updates).toEqual([]);
    await store.close();
  });

  it('keeps events, participants, control state, votes and the audit log, and deletes an event with all of it', async () => {
    const store = await open();
    const info = eventInfo('ev1', 'ABC234');
    await store.createEvent({ info, facilitatorKeyHash: 'f', organiserKeyHash: 'o' });
    await expect(store.createEvent({ info: eventInfo('ev2', 'ABC234'), facilitatorKeyHash: 'f', organiserKeyHash: 'o' })).rejects.toThrow();
    expect(await store.getEventIdByJoinCode('ABC234')).toBe('ev1');
    expect((await store.getEvent('ev1'))?.info).toEqual(info);
    await store.updateEventInfo({ ...info, title: 'Renamed' });
    expect((await store.getEvent('ev1'))?.info.title).toBe('Renamed');

    await store.addParticipant({ id: 'p1', eventId: 'ev1', roomId: 'a', name: 'Amira', joinedAt: '2026-01-01T10:00:00Z' });
    await store.addParticipant({ id: 'p2', eventId: 'ev1', roomId: 'a', name: 'Ben', joinedAt: '2026-01-01T10:01:00Z' });
    await store.setParticipantRoom('p2', 'b');
    expect((await store.listParticipants('ev1')).map((p) => [p.name, p.roomId])).toEqual([
      ['Amira', 'a'],
      ['Ben', 'b'],
    ]);

    const state = { ...initialControlState(), version: 3, phase: 'voting' as const, lockedRooms: ['a'] };
    expect(await store.saveControl('ev1', { ...state, version: 1 }, 0)).toBe(true);
    expect(await store.saveControl('ev1', { ...state, version: 1 }, 0)).toBe(false);
    expect(await store.saveControl('ev1', { ...state, version: 2 }, 1)).toBe(true);
    // A save over a version someone else already replaced is refused.
    expect(await store.saveControl('ev1', { ...state, version: 2, phase: 'closed' }, 1)).toBe(false);
    expect(await store.saveControl('ev1', state, 2)).toBe(true);
    expect(await store.getControl('ev1')).toEqual(state);

    await store.setVote('ev1', { roomId: 'a', cardId: 'c1', voterId: 'p1', count: 2 });
    await store.setVote('ev1', { roomId: 'a', cardId: 'c1', voterId: 'p2', count: 1 });
    await store.setVote('ev1', { roomId: 'a', cardId: 'c1', voterId: 'p2', count: 0 });
    await store.moveRoomVotes('ev1', 'a', 'b');
    expect(await store.listVotes('ev1')).toEqual([{ roomId: 'b', cardId: 'c1', voterId: 'p1', count: 2 }]);

    for (const action of ['phase:set', 'lock:set', 'timer:start']) {
      await store.appendAudit({ eventId: 'ev1', at: '2026-01-01T10:00:00Z', actorId: 'f-1', actorRole: 'facilitator', action, detail: '{}' });
    }
    expect((await store.listAudit('ev1', 2)).map((a) => a.action)).toEqual(['lock:set', 'timer:start']);
    expect(await store.listEventDates()).toEqual([{ id: 'ev1', createdAt: info.createdAt, date: '2026-01-02' }]);

    const hiddenAt = '2026-01-01T10:05:00.000Z';
    await store.saveHiddenCard({ eventId: 'ev1', roomId: 'a', cardId: 'c1', text: 'first', hiddenAt });
    await store.saveHiddenCard({ eventId: 'ev1', roomId: 'a', cardId: 'c1', text: 'saved again', detail: 'and its second field', hiddenAt });
    expect(await store.listHiddenCards('ev1')).toEqual([{ eventId: 'ev1', roomId: 'a', cardId: 'c1', text: 'saved again', detail: 'and its second field', hiddenAt }]);
    await store.appendUpdates('board.ev1.a', [new Uint8Array([0, 0])]);
    await store.appendUpdates('board.ev10.a', [new Uint8Array([0, 0])]);
    await store.deleteEvent('ev1', ['board.ev1.', 'summary.ev1']);
    expect(await store.getEvent('ev1')).toBeUndefined();
    expect(await store.listParticipants('ev1')).toEqual([]);
    expect(await store.listVotes('ev1')).toEqual([]);
    expect(await store.getControl('ev1')).toBeUndefined();
    expect(await store.listAudit('ev1', 10)).toEqual([]);
    expect(await store.listHiddenCards('ev1')).toEqual([]);
    expect((await store.loadDoc('board.ev1.a')).updates).toEqual([]);
    // A prefix never reaches another event whose id merely starts the same way.
    expect((await store.loadDoc('board.ev10.a')).updates).toHaveLength(1);
    await store.close();
  });

  it('keeps hidden cards’ texts per room: saved, replaced, moved with their room’s cards, deleted', async () => {
    const store = await open();
    await store.createEvent({ info: eventInfo('ev1', 'HID234'), facilitatorKeyHash: 'f', organiserKeyHash: 'o' });
    await store.createEvent({ info: eventInfo('ev2', 'HID567'), facilitatorKeyHash: 'f', organiserKeyHash: 'o' });
    const row = (roomId: string, cardId: string, text: string) => ({ eventId: 'ev1', roomId, cardId, text, hiddenAt: '2026-01-01T10:00:00.000Z' });
    await store.saveHiddenCard(row('a', 'c1', 'one'));
    await store.saveHiddenCard(row('a', 'c2', 'two'));
    await store.saveHiddenCard(row('b', 'c2', 'old two in b'));
    await store.saveHiddenCard(row('b', 'c3', 'three'));
    await store.saveHiddenCard({ ...row('a', 'c1', 'other event'), eventId: 'ev2' });
    const texts = async (eventId = 'ev1') => (await store.listHiddenCards(eventId)).map((r) => `${r.roomId}/${r.cardId}=${r.text}`).sort();
    expect(await texts()).toEqual(['a/c1=one', 'a/c2=two', 'b/c2=old two in b', 'b/c3=three']);

    await store.deleteHiddenCard('ev1', 'a', 'c1');
    expect(await texts()).toEqual(['a/c2=two', 'b/c2=old two in b', 'b/c3=three']);
    // Room a's cards move to b: its c2 replaces b's c2, as the moved card does in the board document.
    await store.moveHiddenCards('ev1', 'a', 'b');
    expect(await texts()).toEqual(['b/c2=two', 'b/c3=three']);
    await store.moveHiddenCards('ev1', 'b', null);
    expect(await texts()).toEqual([]);
    expect(await texts('ev2')).toEqual(['a/c1=other event']);
    // Only an existing event's cards can be saved (an erased event's late hide cannot leave a row).
    await expect(store.saveHiddenCard({ ...row('a', 'c1', 'x'), eventId: 'gone' })).rejects.toThrow();
    await store.close();
  });

  it('keeps templates saved from events, oldest first, and finds one by id', async () => {
    const store = await open();
    expect(await store.listTemplates()).toEqual([]);
    const template = (id: string, name: string): Template => ({
      id,
      name,
      description: '',
      questions: [{ id: 'q', prompt: 'Q?', hint: 'A hint', secondField: 'Why?' }, { id: 'r', prompt: 'R?' }],
      rooms: [{ id: 'a', topic: 'A' }],
    });
    await store.saveTemplate(template('saved-b', 'Second'), '2026-01-02T00:00:00.000Z');
    await store.saveTemplate(template('saved-a', 'First'), '2026-01-01T00:00:00.000Z');
    expect((await store.listTemplates()).map((t) => t.name)).toEqual(['First', 'Second']);
    expect(await store.getTemplate('saved-b')).toEqual(template('saved-b', 'Second'));
    expect(await store.getTemplate('nope')).toBeUndefined();
    // Ids are never reused: a second save under the same id is refused, not a silent replacement.
    await expect(store.saveTemplate(template('saved-a', 'Again'), '2026-01-03T00:00:00.000Z')).rejects.toThrow();
    await store.close();
  });
});

describe.runIf(has('the several-servers PostgreSQL store test', 'postgres'))('PostgreSQL with several servers', () => {
  it('compaction by one server keeps an update another server appended in between', async () => {
    const db = await createTempDatabase();
    drops.push(db.drop);
    const [serverA, serverB] = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
    const docA = new Y.Doc();
    const a1 = update(docA, () => docA.getText('t').insert(0, 'A'));
    await serverA.appendUpdates('board.e.a', [a1]);
    const docB = new Y.Doc();
    Y.applyUpdate(docB, a1);
    const b1 = update(docB, () => docB.getText('t').insert(1, 'B'));
    await serverB.appendUpdates('board.e.a', [b1]);
    const a2 = update(docA, () => docA.getText('t').insert(0, '>'));
    const lastA = await serverA.appendUpdates('board.e.a', [a2]);
    // Server A compacts with its own state, which has never seen B's update.
    await serverA.compactDoc('board.e.a', Y.encodeStateAsUpdate(docA), lastA);
    const rebuilt = new Y.Doc();
    for (const u of (await serverB.loadDoc('board.e.a')).updates) Y.applyUpdate(rebuilt, u);
    expect(rebuilt.getText('t').toString()).toBe('>AB');
    await Promise.all([serverA.close(), serverB.close()]);
  });
});
