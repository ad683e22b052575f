import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore, sqlitePageBytes } from '../../server/store/sqliteStore';
import { openUpdateLog } from '../../server/store/updateLog';
import { tempDataDir } from '../helpers/testServer';

// Updates reach an append-only log file first and SQLite in bulk later: nothing may be lost or
// duplicated on the way, a crash included, and a deleted document must not come back from the log.

const logFile = (dir: string) => path.join(dir, 'roundtable.updates.log');
const neverFold = { foldIntervalMs: 3_600_000, foldBytes: 1 << 30 };

function typing(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String(i % 10));
  return { doc, updates };
}

function rebuilt(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

function rowsOf(dir: string, doc: string): number {
  const db = new Database(path.join(dir, 'roundtable.db'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?').get(doc) as { n: number }).n;
  db.close();
  return n;
}

describe('SQLite update log', () => {
  it('serves appended updates before they are folded, then folds them into one row per document', async () => {
    const dir = tempDataDir();
    const store = openSqliteStore(dir, neverFold);
    const { doc, updates } = typing(30);
    for (const u of updates) await store.appendBatch([{ name: 'board.e.a', updates: [u] }]);
    expect(fs.statSync(logFile(dir)).size).toBeGreaterThan(0);
    expect(rowsOf(dir, 'board.e.a')).toBe(0);
    const before = await store.loadDoc('board.e.a');
    expect(before.lastSeq).toBe(30);
    expect(rebuilt(before.updates)).toBe(doc.getText('t').toString());

    await store.close();
    expect(fs.statSync(logFile(dir)).size).toBe(0);
    expect(rowsOf(dir, 'board.e.a')).toBe(1);
    const reopened = openSqliteStore(dir, neverFold);
    const after = await reopened.loadDoc('board.e.a');
    expect(after.lastSeq).toBe(30);
    expect(rebuilt(after.updates)).toBe(doc.getText('t').toString());
    expect(await reopened.appendUpdates('board.e.a', [updates[0]!])).toBe(31);
    await reopened.close();
  });

  it('recovers what a crashed process left in the log, skipping what a snapshot already covers', async () => {
    const dir = tempDataDir();
    const crashed = openSqliteStore(dir, neverFold);
    const { doc, updates } = typing(20);
    await crashed.appendUpdates('board.e.a', updates.slice(0, 10));
    const partial = new Y.Doc();
    for (const u of updates.slice(0, 10)) Y.applyUpdate(partial, u);
    await crashed.compactDoc('board.e.a', Y.encodeStateAsUpdate(partial), 10);
    await crashed.appendUpdates('board.e.a', updates.slice(10));
    await crashed.appendUpdates('board.e.b', updates.slice(0, 3));
    // No close: the process "died" with the log unfolded. A new process on the same files replays it.
    const restarted = openSqliteStore(dir, neverFold);
    expect(fs.statSync(logFile(dir)).size).toBe(0);
    const a = await restarted.loadDoc('board.e.a');
    expect(a.lastSeq).toBe(20);
    // The snapshot row, then one row holding the ten updates that came after it.
    expect(rowsOf(dir, 'board.e.a')).toBe(2);
    expect(a.updates).toHaveLength(11);
    expect(rebuilt(a.updates)).toBe(doc.getText('t').toString());
    expect(rebuilt((await restarted.loadDoc('board.e.b')).updates)).toBe('012');
    await restarted.close();
  });

  it('recovers a fold that was in flight when the process died, without duplicating rows', async () => {
    const dir = tempDataDir();
    const { doc, updates } = typing(40);
    const dying = openSqliteStore(dir, { foldIntervalMs: 3_600_000, foldBytes: 200 });
    // Each append past the bound starts a background fold: the log is rotated aside at once, compressed later.
    for (const u of updates.slice(0, 30)) await dying.appendUpdates('board.e.a', [u]);
    expect(fs.existsSync(`${logFile(dir)}.folding`)).toBe(true);
    const restarted = openSqliteStore(dir, neverFold);
    expect(fs.existsSync(`${logFile(dir)}.folding`)).toBe(false);
    await restarted.appendUpdates('board.e.a', updates.slice(30));
    // The dead process's fold finishing late adds nothing the new one already stored.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const loaded = await restarted.loadDoc('board.e.a');
    expect(loaded.lastSeq).toBe(40);
    expect(rebuilt(loaded.updates)).toBe(doc.getText('t').toString());
    expect(loaded.updates.length).toBeLessThanOrEqual(40);
    await restarted.close();
  });

  it('does not bring a deleted document back from the log after a crash', async () => {
    const dir = tempDataDir();
    const crashed = openSqliteStore(dir, neverFold);
    await crashed.appendUpdates('board.gone.a', typing(5).updates);
    await crashed.deleteEvent('gone', ['board.gone.']);
    await crashed.appendUpdates('board.kept.a', typing(2).updates);
    const restarted = openSqliteStore(dir, neverFold);
    expect((await restarted.loadDoc('board.gone.a')).updates).toEqual([]);
    expect(rebuilt((await restarted.loadDoc('board.kept.a')).updates)).toBe('01');
    await restarted.close();
  });

  it('folds by itself once the log passes its size bound', async () => {
    const dir = tempDataDir();
    const store = openSqliteStore(dir, { foldIntervalMs: 3_600_000, foldBytes: 2_000 });
    const { doc, updates } = typing(200);
    for (const u of updates.slice(0, 199)) await store.appendUpdates('board.e.a', [u]);
    // Folds compress on the thread pool, so they land a moment later; one runs at a time, and the next
    // append past the bound starts the next.
    await vi.waitFor(() => expect(rowsOf(dir, 'board.e.a')).toBe(1));
    expect(fs.statSync(logFile(dir)).size).toBeGreaterThan(2_000);
    await store.appendUpdates('board.e.a', [updates[199]!]);
    await vi.waitFor(() => expect(rowsOf(dir, 'board.e.a')).toBe(2));
    expect(fs.statSync(logFile(dir)).size).toBeLessThan(2_000);
    expect(rebuilt((await store.loadDoc('board.e.a')).updates)).toBe(doc.getText('t').toString());
    await store.close();
  });

  it('stores large rows compressed and still reads a database from before compression', async () => {
    const dir = tempDataDir();
    const { doc, updates } = typing(300);
    const old = new Database(path.join(dir, 'roundtable.db'));
    old.exec('CREATE TABLE doc_updates (doc TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc, seq)) WITHOUT ROWID');
    old.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)').run('board.old.a', 1, Buffer.from(updates[0]!));
    old.close();
    const store = openSqliteStore(dir, neverFold);
    expect(rebuilt((await store.loadDoc('board.old.a')).updates)).toBe('0');
    await store.appendUpdates('board.e.a', updates);
    await store.appendUpdates('board.e.b', updates);
    await store.compactDoc('board.e.b', Y.encodeStateAsUpdate(doc), 300);
    await store.close();
    const db = new Database(path.join(dir, 'roundtable.db'), { readonly: true });
    const row = (name: string) => db.prepare('SELECT codec, length(data) AS bytes FROM doc_updates WHERE doc = ?').get(name) as { codec: number; bytes: number };
    const [folded, snapshot] = [row('board.e.a'), row('board.e.b')];
    db.close();
    // The fold keeps the 300 updates as a compressed list; the snapshot is one compressed update.
    expect(folded.codec).toBe(2);
    expect(folded.bytes).toBeLessThan(updates.reduce((sum, u) => sum + u.byteLength, 0) / 2);
    expect(snapshot.codec).toBe(1);
    expect(snapshot.bytes).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
    const reopened = openSqliteStore(dir, neverFold);
    expect(rebuilt((await reopened.loadDoc('board.e.a')).updates)).toBe(doc.getText('t').toString());
    expect(rebuilt((await reopened.loadDoc('board.e.b')).updates)).toBe(doc.getText('t').toString());
    await reopened.close();
  });

  it('reads every whole record and stops at a torn or corrupt tail', () => {
    const file = path.join(tempDataDir(), 'torn.log');
    const log = openUpdateLog(file, { sync: true });
    log.append([
      { doc: 'board.é.a', seq: 1, update: new Uint8Array([1, 2, 3]) },
      { doc: 'board.é.a', seq: 2 ** 40, update: new Uint8Array([4]) },
    ]);
    const whole = fs.statSync(file).size;
    log.append([{ doc: 'board.x.b', seq: 3, update: new Uint8Array(100).fill(7) }]);
    log.close();
    fs.truncateSync(file, whole + 50);
    const reopened = openUpdateLog(file, { sync: false });
    const first = [
      { doc: 'board.é.a', seq: 1, update: new Uint8Array([1, 2, 3]) },
      { doc: 'board.é.a', seq: 2 ** 40, update: new Uint8Array([4]) },
    ];
    expect(reopened.readAll()).toEqual(first);
    // The torn tail is cut off: what is appended next, to a known or a new document, reads back.
    // Two new documents in one write, one of them twice, and an update whose length takes two bytes.
    const next = [
      { doc: 'board.é.a', seq: 5, update: new Uint8Array([5]) },
      { doc: 'board.y.c', seq: 1, update: new Uint8Array([6]) },
      { doc: 'board.z.d', seq: 200, update: new Uint8Array(300).fill(9) },
      { doc: 'board.y.c', seq: 2, update: new Uint8Array([8]) },
    ];
    reopened.append(next);
    // A frame larger than the buffer appends reuse (64 KiB), then a small one written from that buffer again.
    const large = [{ doc: 'board.z.d', seq: 201, update: new Uint8Array(100_000).map((_, i) => i % 251) }];
    const small = [{ doc: 'board.y.c', seq: 3, update: new Uint8Array([3, 1]) }];
    reopened.append(large);
    reopened.append(small);
    reopened.close();
    expect(openUpdateLog(file, { sync: false }).readAll()).toEqual([...first, ...next, ...large, ...small]);
    // A flipped bit in the first record's body ends the read there.
    const bytes = fs.readFileSync(file);
    bytes[12] = bytes[12]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    expect(openUpdateLog(file, { sync: false }).readAll()).toEqual([]);
  });
});

describe('the SQLite file', () => {
  it('is created with small pages, and a database made with other pages keeps them and still opens', async () => {
    const fresh = tempDataDir();
    await openSqliteStore(fresh).close();
    const pageSize = (dir: string) => {
      const db = new Database(path.join(dir, 'roundtable.db'), { readonly: true });
      try {
        return db.pragma('page_size', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(pageSize(fresh)).toBe(sqlitePageBytes);

    // A database from before: 4 KiB pages, already in WAL mode, with a stored document.
    const older = tempDataDir();
    const db = new Database(path.join(older, 'roundtable.db'));
    db.pragma('page_size = 4096');
    db.pragma('journal_mode = WAL');
    db.close();
    const store = openSqliteStore(older);
    const { doc, updates } = typing(5);
    await store.appendUpdates('doc.older', updates);
    await store.close();
    expect(pageSize(older)).toBe(4096);
    const reopened = openSqliteStore(older);
    expect(rebuilt((await reopened.loadDoc('doc.older')).updates)).toBe(doc.getText('t').toString());
    await reopened.close();
  });
});
