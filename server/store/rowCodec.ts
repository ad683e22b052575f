import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import zlib from 'node:zlib';

/**
 * How a stored document row's bytes are encoded: 0 = one Yjs update as is, 1 = raw DEFLATE of one
 * update (snapshots), 2 = raw DEFLATE of a list of updates (a fold of the update log).
 */
export type RowCodec = 0 | 1 | 2;

// Yjs updates repeat client ids, keys and parent names, so rows shrink 2–7× compressed; fewer bytes in
// SQLite means fewer WAL and checkpoint pages written.
const worthCompressing = 128;

export function encodeRow(update: Uint8Array): { codec: RowCodec; data: Buffer } {
  const raw = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  if (update.byteLength < worthCompressing) return { codec: 0, data: raw };
  const packed = zlib.deflateRawSync(raw);
  return packed.length < raw.length ? { codec: 1, data: packed } : { codec: 0, data: raw };
}

/**
 * Many updates as one row without merging them: Y.mergeUpdates of 10,000 small updates takes ~100 ms of
 * the event loop, where framing and compressing them takes ~10 ms. Loading merges them anyway.
 */
export function encodeUpdateList(updates: readonly Uint8Array[]): { codec: RowCodec; data: Buffer } {
  if (updates.length === 1) return encodeRow(updates[0]!);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  return { codec: 2, data: zlib.deflateRawSync(encoding.toUint8Array(encoder)) };
}

export function decodeRow(codec: number, data: Buffer): Uint8Array[] {
  if (codec === 0) return [new Uint8Array(data)];
  const raw = zlib.inflateRawSync(data);
  if (codec === 1) return [new Uint8Array(raw)];
  const decoder = decoding.createDecoder(raw);
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => decoding.readVarUint8Array(decoder));
}
