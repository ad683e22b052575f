import { encodeListBytesAsync, encodeUpdateList, type RowCodec } from './rowCodec';
import { PackedUpdates } from './packedUpdates';
import { openUpdateLog, readLogFile, type LogEntry } from './updateLog';
import fs from 'node:fs';

/** One document's folded updates, ready to insert: a list row under the seq of its last update. */
export interface FoldedRow {
  name: string;
  seq: number;
  codec: RowCodec;
  data: Buffer;
}

export interface LogFolderOptions {
  file: string;
  /** fdatasync every append (SQLITE_SYNC=FULL). */
  sync: boolean;
  foldIntervalMs: number;
  foldBytes: number;
  /** The highest seq SQLite already holds for a document (entries at or below it are covered). */
  storedSeq(name: string): number;
  /** Inserts the rows in one transaction, skipping any a snapshot has since covered (survives a process crash). */
  commit(rows: readonly FoldedRow[]): void;
  /** Makes every commit so far survive a power cut too (fsync), on the event loop… */
  syncToDisk(): void;
  /** …or on the libuv thread pool: a fold's fsync held the loop for 20–40 ms at the busy load (BENCHMARKS.md). */
  syncToDiskAsync(): Promise<void>;
  onFoldError?(error: unknown): void;
}

type ByDoc = Map<string, PackedUpdates>;
type Pending = { seq: number; update: Uint8Array }[];

/**
 * The update log and its folding into SQLite. Appends go to the log file; every 30 s the log is
 * rotated aside (`<file>.folding`), its entries are compressed on the libuv thread pool and inserted in one
 * short transaction, and only then is the rotated file deleted. Compressing on the event loop held it for
 * 10–30 ms per fold on a busy event, which showed in every update's latency.
 */
export function openLogFolder(options: LogFolderOptions) {
  const rotated = `${options.file}.folding`;
  const log = openUpdateLog(options.file, { sync: options.sync });
  let unfolded: ByDoc = new Map();
  // Entries of the rotated file while their fold is in flight (or failed and waits for a retry).
  let folding: ByDoc | null = null;
  let generation = 0;
  let closed = false;

  /** Per document, the entries of `sources` that SQLite does not hold yet. */
  const covered = (...sources: (ByDoc | null)[]): Map<string, Pending> => {
    const kept = new Map<string, Pending>();
    for (const source of sources) {
      for (const [name, packed] of source ?? []) {
        const rest = packed.after(options.storedSeq(name));
        if (rest.length > 0) kept.set(name, [...(kept.get(name) ?? []), ...rest]);
      }
    }
    return kept;
  };

  /** Everything in memory folded now, on the event loop: for start-up, deletion, shutdown and the hard bound. */
  function foldNow(): void {
    generation++;
    const rows = [...covered(folding, unfolded)].map(([name, list]) => ({ name, seq: list.at(-1)!.seq, ...encodeUpdateList(list.map((e) => e.update)) }));
    if (rows.length > 0) {
      options.commit(rows);
      options.syncToDisk();
    }
    unfolded = new Map();
    folding = null;
    log.reset();
    fs.rmSync(rotated, { force: true });
  }

  async function foldInBackground(): Promise<void> {
    if (folding || unfolded.size === 0) return;
    folding = unfolded;
    unfolded = new Map();
    log.rotate(rotated);
    const mine = ++generation;
    const batch = folding;
    // One document at a time, its list written just before it is compressed: writing all lists at once held the
    // event loop ~10 ms for a busy event's 30 s of updates, and compressing them all at once kept every
    // thread-pool thread busy, which on a one-core server starved the loop (p99 24–34 ms in the fold).
    // Meanwhile a snapshot can only raise what SQLite holds, and only shorten a list (dropCovered).
    const rows: FoldedRow[] = [];
    for (const name of [...batch.keys()]) {
      const list = batch.get(name)?.listAfter(options.storedSeq(name));
      if (list) rows.push({ name, seq: list.lastSeq, ...(await encodeListBytesAsync(list.bytes)) });
      // A synchronous fold (a deletion, say) took these entries over meanwhile.
      if (mine !== generation) return;
    }
    options.commit(rows);
    // The rotated file is the entries' only copy that survives a power cut until SQLite's is synced.
    await options.syncToDiskAsync();
    // A synchronous fold during the sync has committed, synced and removed everything itself.
    if (mine !== generation) return;
    folding = null;
    fs.rmSync(rotated, { force: true });
  }

  const tryFold = () => {
    foldInBackground().catch((error) => options.onFoldError?.(error));
  };
  // A failed background fold leaves `folding` set: the next tick retries it on the event loop.
  const timer = setInterval(() => {
    if (folding) {
      try {
        foldNow();
      } catch (error) {
        options.onFoldError?.(error);
      }
    } else tryFold();
  }, options.foldIntervalMs);
  timer.unref();

  // Whatever a crash left behind (a rotated file first, then the log) reaches SQLite before anything is served.
  for (const entry of [...readLogFile(rotated), ...log.readAll()]) addTo(unfolded, entry);
  foldNow();

  return {
    /** Appends a batch to the log (durable when this returns); SQLite gets it at the next fold. */
    append(batch: LogEntry[]): void {
      // While folds keep failing the log grows; past a hard bound the next append waits for a fold (or fails).
      if (log.bytes() >= 16 * options.foldBytes) foldNow();
      log.append(batch);
      for (const entry of batch) addTo(unfolded, entry);
      if (log.bytes() >= options.foldBytes) tryFold();
    },
    /** A document's updates not yet in SQLite, in seq order. */
    pendingFor(name: string): LogEntry[] {
      return [folding, unfolded].flatMap((source) => (source?.get(name)?.after(0) ?? []).map((entry) => ({ doc: name, ...entry })));
    },
    /** Drops what a snapshot at uptoSeq now covers (after a crash, replay skips those entries by seq). */
    dropCovered(name: string, uptoSeq: number): void {
      for (const source of [folding, unfolded]) {
        const rest = source?.get(name)?.after(uptoSeq) ?? [];
        if (rest.length > 0) source!.set(name, packedOf(rest));
        else source?.delete(name);
      }
    },
    foldNow,
    close(): void {
      clearInterval(timer);
      if (closed) return;
      closed = true;
      try {
        foldNow();
      } finally {
        log.close();
      }
    },
  };
}

function addTo(byDoc: ByDoc, entry: LogEntry): void {
  let packed = byDoc.get(entry.doc);
  if (!packed) byDoc.set(entry.doc, (packed = new PackedUpdates()));
  packed.push(entry.seq, entry.update);
}

function packedOf(entries: Pending): PackedUpdates {
  const packed = new PackedUpdates();
  for (const { seq, update } of entries) packed.push(seq, update);
  return packed;
}
