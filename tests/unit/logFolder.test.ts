import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogFolder, type FoldedRow } from '../../server/store/logFolder';
import { decodeStoredRow } from '../../server/store/rowCodec';

// The fold's order of durability: SQLite's copy is committed, then synced to disk off the event loop, and only
// then is the rotated log (the entries' other durable copy) removed. SQLite itself is the boundary here: a
// recording stand-in whose sync the test releases.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-fold-'));
  dirs.push(dir);
  const file = path.join(dir, 'updates.log');
  const committed: FoldedRow[] = [];
  const calls: string[] = [];
  let releaseSync: () => void = () => {};
  // Seqs a snapshot (compaction) has stored, by document.
  const snapshots = new Map<string, number>();
  const folder = openLogFolder({
    file,
    sync: false,
    foldIntervalMs: 60_000,
    // Every append passes the bound, so each one starts a background fold.
    foldBytes: 1,
    storedSeq: (name) => Math.max(snapshots.get(name) ?? 0, ...committed.filter((row) => row.name === name).map((row) => row.seq)),
    commit(rows) {
      calls.push(`commit ${rows.map((row) => `${row.name}@${row.seq}`).join(',')}`);
      committed.push(...rows);
    },
    syncToDisk: () => void calls.push('sync'),
    syncToDiskAsync() {
      calls.push('sync async');
      return new Promise<void>((resolve) => (releaseSync = resolve));
    },
  });
  const rotated = `${file}.folding`;
  // Compression runs on the thread pool: wait for the step, bounded, instead of for a number of turns.
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done() && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { folder, rotated, calls, committed, snapshots, until, release: () => releaseSync() };
}

describe('log folder', () => {
  it('keeps the rotated log until SQLite has synced the folded rows to disk', async () => {
    const { folder, rotated, calls, until, release } = setUp();
    folder.append([{ doc: 'board.e.r', seq: 1, update: new Uint8Array([1, 2, 3]) }]);
    await until(() => calls.includes('sync async'));
    expect(calls).toEqual(['commit board.e.r@1', 'sync async']);
    expect(fs.existsSync(rotated)).toBe(true);
    expect(folder.pendingFor('board.e.r').map((entry) => entry.seq)).toEqual([1]);

    release();
    await until(() => !fs.existsSync(rotated));
    expect(fs.existsSync(rotated)).toBe(false);
    expect(folder.pendingFor('board.e.r')).toEqual([]);
    folder.close();
  });

  it('writes each document\'s list only at its turn: what a snapshot stored meanwhile is left out', async () => {
    const { folder, calls, committed, snapshots, until } = setUp();
    const entry = (doc: string, seq: number) => ({ doc, seq, update: new Uint8Array([seq]) });
    folder.append([entry('board.e.a', 1), entry('board.e.a', 2), entry('board.e.b', 1), entry('board.e.b', 2), entry('board.e.b', 3)]);
    // The fold is compressing board.e.a's list when board.e.b is compacted up to seq 2.
    snapshots.set('board.e.b', 2);
    folder.dropCovered('board.e.b', 2);
    await until(() => calls.includes('sync async'));
    expect(calls).toEqual(['commit board.e.a@2,board.e.b@3', 'sync async']);
    const updatesOf = (name: string) => committed.filter((row) => row.name === name).flatMap((row) => decodeStoredRow(row.codec, row.data).updates.map((u) => [...u]));
    expect(updatesOf('board.e.a')).toEqual([[1], [2]]);
    expect(updatesOf('board.e.b')).toEqual([[3]]);
    folder.close();
  });

  it('a synchronous fold during the background sync commits the rest, syncs on the loop and removes the file', async () => {
    const { folder, rotated, calls, until, release } = setUp();
    folder.append([{ doc: 'board.e.r', seq: 1, update: new Uint8Array([1]) }]);
    await until(() => calls.includes('sync async'));
    folder.append([{ doc: 'board.e.r', seq: 2, update: new Uint8Array([2]) }]);
    folder.foldNow();
    expect(calls).toEqual(['commit board.e.r@1', 'sync async', 'commit board.e.r@2', 'sync']);
    expect(fs.existsSync(rotated)).toBe(false);

    // The background fold's sync finishing late changes nothing.
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(folder.pendingFor('board.e.r')).toEqual([]);
    folder.append([{ doc: 'board.e.r', seq: 3, update: new Uint8Array([3]) }]);
    await until(() => calls.includes('commit board.e.r@3'));
    expect(calls.slice(4)).toEqual(['commit board.e.r@3', 'sync async']);
    folder.close();
  });
});
