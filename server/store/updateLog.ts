import * as decoding from 'lib0/decoding';
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { openPrivateFile } from './privateFiles';
import { varUintBytes, writeVarUint } from '../util/varUint';

/** One document update as the log keeps it until it is folded into SQLite. */
export interface LogEntry {
  doc: string;
  seq: number;
  update: Uint8Array;
}

export interface UpdateLog {
  /** Appends a batch as one write; with `sync` it is on disk (fdatasync) when this returns. */
  append(entries: readonly LogEntry[]): void;
  /** Every complete record, in order; a torn or corrupt tail (a crash mid-write) ends the read. */
  readAll(): LogEntry[];
  /** Empties the log once its entries are safely in SQLite. */
  reset(): void;
  /** Moves the current file to `to` (to be folded from there) and starts an empty one. */
  rotate(to: string): void;
  bytes(): number;
  close(): void;
}

// A write is one frame: u32 body length, u32 CRC-32 of the body, then the body's entries. Each document
// name is written once per log (entry 0: id, name) and later updates refer to it by id (entry 1: id, seq,
// update), so an update costs a few bytes more than itself, not its document's name each time.
const headerBytes = 8;
const defineName = 0;
const updateEntry = 1;

interface BodyOut {
  uint(n: number): void;
  /** A varUint length, then the bytes (lib0's writeVarUint8Array; a name's UTF-8 is lib0's writeVarString). */
  bytes(b: Uint8Array): void;
}

const noBytes: Uint8Array = new Uint8Array(0);

const sizer = {
  size: 0,
  reset(start: number) {
    this.size = start;
    return this;
  },
  uint(n: number) {
    this.size += varUintBytes(n);
  },
  bytes(b: Uint8Array) {
    this.size += varUintBytes(b.length) + b.length;
  },
};

const writer = {
  out: noBytes,
  at: 0,
  reset(out: Uint8Array, start: number) {
    this.out = out;
    this.at = start;
    return this;
  },
  uint(n: number) {
    this.at = writeVarUint(this.out, this.at, n);
  },
  bytes(b: Uint8Array) {
    this.uint(b.length);
    this.out.set(b, this.at);
    this.at += b.length;
  },
};

/**
 * A frame's body in order, to `out`: each new name defined once, then every update by its name's id. Returns the
 * new names (none: null, the common case).
 */
function walkBody(entries: readonly LogEntry[], known: ReadonlyMap<string, number>, out: BodyOut): string[] | null {
  let added: string[] | null = null;
  for (const entry of entries) {
    let id = known.get(entry.doc);
    if (id === undefined) {
      added ??= [];
      const at = added.indexOf(entry.doc);
      id = known.size + (at >= 0 ? at : added.length);
      if (at < 0) {
        added.push(entry.doc);
        out.uint(defineName);
        out.uint(id);
        out.bytes(Buffer.from(entry.doc, 'utf8'));
      }
    }
    out.uint(updateEntry);
    out.uint(id);
    out.uint(entry.seq);
    out.bytes(entry.update);
  }
  return added;
}

/** Frames up to this size are written from one buffer kept for the log's lifetime; larger ones get their own. */
const scratchBytes = 64 * 1024;

/** The entries of every intact frame, and how many bytes those frames take. */
function decodeFrames(data: Buffer): { entries: LogEntry[]; intactBytes: number } {
  const entries: LogEntry[] = [];
  const names: string[] = [];
  let offset = 0;
  frames: while (offset + headerBytes <= data.length) {
    const length = data.readUInt32LE(offset);
    const end = offset + headerBytes + length;
    if (length === 0 || end > data.length) break;
    const body = data.subarray(offset + headerBytes, end);
    if (crc32(body) !== data.readUInt32LE(offset + 4)) break;
    const decoded: LogEntry[] = [];
    try {
      const decoder = decoding.createDecoder(body);
      while (decoding.hasContent(decoder)) {
        const tag = decoding.readVarUint(decoder);
        const id = decoding.readVarUint(decoder);
        if (tag === defineName) names[id] = decoding.readVarString(decoder);
        else if (tag === updateEntry && names[id] !== undefined) {
          decoded.push({ doc: names[id]!, seq: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder).slice() });
        } else break frames;
      }
    } catch {
      break;
    }
    entries.push(...decoded);
    offset = end;
  }
  return { entries, intactBytes: offset };
}

/** The entries of a log file that is not open for appending (a rotated one); none if it does not exist. */
export function readLogFile(file: string): LogEntry[] {
  if (!fs.existsSync(file)) return [];
  return decodeFrames(fs.readFileSync(file)).entries;
}

/**
 * An append-only file of document updates: the cheap, durable first home of every update. Appending a
 * few hundred bytes to a file dirties one page at most, where a SQLite commit writes whole 4 KB WAL pages
 * per transaction, so the log is what keeps bytes written close to the bytes received. Like SQLite's WAL
 * in synchronous=NORMAL, an append survives a process crash (kill -9) without an fsync; `sync` adds one.
 */
export function openUpdateLog(file: string, options: { sync: boolean }): UpdateLog {
  // Owner-only (0600): the log holds card text until it is folded into SQLite.
  let fd = openPrivateFile(file, fs.constants.O_RDWR | fs.constants.O_CREAT);
  let size = fs.fstatSync(fd).size;
  // Names already defined in the file (rebuilt by readAll when an existing log is opened).
  let ids = new Map<string, number>();
  // Sized first, then written in place into a buffer reused by every append: no allocation per commit.
  const scratch = Buffer.allocUnsafe(scratchBytes);
  const writeFrame = (entries: readonly LogEntry[]): { data: Buffer; length: number; added: string[] | null } => {
    walkBody(entries, ids, sizer.reset(headerBytes));
    const length = sizer.size;
    const data = length <= scratch.length ? scratch : Buffer.allocUnsafe(length);
    const added = walkBody(entries, ids, writer.reset(data, headerBytes));
    writer.reset(noBytes, 0); // not holding on to a one-off buffer until the next append
    data.writeUInt32LE(length - headerBytes, 0);
    data.writeUInt32LE(crc32(data.subarray(headerBytes, length)), 4);
    return { data, length, added };
  };
  return {
    append(entries) {
      if (fd < 0) throw new Error('update log is closed');
      if (entries.length === 0) return;
      const { data, length, added } = writeFrame(entries);
      try {
        let written = 0;
        while (written < length) written += fs.writeSync(fd, data, written, length - written, size + written);
        if (options.sync) fs.fdatasyncSync(fd);
      } catch (error) {
        // A half-written batch must not stay in front of later ones (reading stops at the first bad record).
        fs.ftruncateSync(fd, size);
        throw error;
      }
      size += length;
      if (added) for (const name of added) ids.set(name, ids.size);
    },
    readAll() {
      const data = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = fs.readSync(fd, data, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      const { entries, intactBytes } = decodeFrames(data.subarray(0, read));
      // A torn tail is cut off, so that later appends follow the last intact frame.
      if (intactBytes < size) {
        fs.ftruncateSync(fd, intactBytes);
        size = intactBytes;
      }
      ids = new Map();
      for (const entry of entries) if (!ids.has(entry.doc)) ids.set(entry.doc, ids.size);
      return entries;
    },
    rotate(to) {
      if (fd < 0) throw new Error('update log is closed');
      fs.renameSync(file, to);
      fs.closeSync(fd);
      fd = openPrivateFile(file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC);
      size = 0;
      ids = new Map();
    },
    reset() {
      fs.ftruncateSync(fd, 0);
      // So that a power cut cannot bring back entries (of an erased document, say) folded and deleted since.
      fs.fdatasyncSync(fd);
      size = 0;
      ids = new Map();
    },
    bytes() {
      return size;
    },
    close() {
      if (fd < 0) return;
      fs.closeSync(fd);
      // A closed log must never write into whatever file reuses its descriptor number.
      fd = -1;
    },
  };
}
