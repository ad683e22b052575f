import zlib from 'node:zlib';

/** How a stored document row's bytes are encoded: 0 = the Yjs update as is, 1 = raw DEFLATE of it. */
export type RowCodec = 0 | 1;

// Yjs updates repeat client ids, keys and parent names, so merged rows and snapshots shrink 2–7×
// (BENCHMARKS.md); fewer bytes in SQLite means fewer WAL and checkpoint pages written.
const worthCompressing = 128;

export function encodeRow(update: Uint8Array): { codec: RowCodec; data: Buffer } {
  const raw = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  if (update.byteLength < worthCompressing) return { codec: 0, data: raw };
  const packed = zlib.deflateRawSync(raw, { level: 6 });
  return packed.length < raw.length ? { codec: 1, data: packed } : { codec: 0, data: raw };
}

export function decodeRow(codec: number, data: Buffer): Uint8Array {
  return new Uint8Array(codec === 1 ? zlib.inflateRawSync(data) : data);
}
