import fs from 'node:fs';
import { crc32 } from 'node:zlib';

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
  bytes(): number;
  close(): void;
}

// Record: u32 body length, u32 CRC-32 of the body, body = u16 name length, name (UTF-8), u48 seq, update.
const headerBytes = 8;

function encodeRecord(entry: LogEntry): Buffer {
  const name = Buffer.from(entry.doc, 'utf8');
  const body = Buffer.allocUnsafe(2 + name.length + 6 + entry.update.byteLength);
  body.writeUInt16LE(name.length, 0);
  name.copy(body, 2);
  body.writeUIntLE(entry.seq, 2 + name.length, 6);
  body.set(entry.update, 2 + name.length + 6);
  const header = Buffer.allocUnsafe(headerBytes);
  header.writeUInt32LE(body.length, 0);
  header.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([header, body]);
}

function decodeRecords(data: Buffer): LogEntry[] {
  const entries: LogEntry[] = [];
  let offset = 0;
  while (offset + headerBytes <= data.length) {
    const length = data.readUInt32LE(offset);
    const end = offset + headerBytes + length;
    if (length < 8 || end > data.length) break;
    const body = data.subarray(offset + headerBytes, end);
    if (crc32(body) !== data.readUInt32LE(offset + 4)) break;
    const nameLength = body.readUInt16LE(0);
    if (2 + nameLength + 6 > body.length) break;
    entries.push({
      doc: body.toString('utf8', 2, 2 + nameLength),
      seq: body.readUIntLE(2 + nameLength, 6),
      update: new Uint8Array(body.subarray(2 + nameLength + 6)),
    });
    offset = end;
  }
  return entries;
}

/**
 * An append-only file of document updates: the cheap, durable first home of every update. Appending a
 * few hundred bytes to a file dirties one page at most, where a SQLite commit writes whole 4 KB WAL pages
 * per transaction, so the log is what keeps bytes written close to the bytes received. Like SQLite's WAL
 * in synchronous=NORMAL, an append survives a process crash (kill -9) without an fsync; `sync` adds one.
 */
export function openUpdateLog(file: string, options: { sync: boolean }): UpdateLog {
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT);
  let size = fs.fstatSync(fd).size;
  return {
    append(entries) {
      if (entries.length === 0) return;
      const data = Buffer.concat(entries.map(encodeRecord));
      try {
        let written = 0;
        while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written, size + written);
        if (options.sync) fs.fdatasyncSync(fd);
      } catch (error) {
        // A half-written batch must not stay in front of later ones (reading stops at the first bad record).
        fs.ftruncateSync(fd, size);
        throw error;
      }
      size += data.length;
    },
    readAll() {
      const data = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = fs.readSync(fd, data, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      return decodeRecords(data.subarray(0, read));
    },
    reset() {
      fs.ftruncateSync(fd, 0);
      size = 0;
    },
    bytes() {
      return size;
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
