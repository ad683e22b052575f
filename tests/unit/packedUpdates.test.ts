import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PackedUpdates } from '../../server/store/packedUpdates';
import { decodeStoredRow, encodeListBytesAsync, encodeUpdateList } from '../../server/store/rowCodec';

describe('packed updates', () => {
  it('gives back every update after a seq, byte for byte, across buffer growth', () => {
    const packed = new PackedUpdates();
    const updates = Array.from({ length: 300 }, (_, i) => Uint8Array.from({ length: 1 + (i % 40) }, (_, k) => (i * 7 + k) & 0xff));
    const early = (() => {
      packed.push(1, updates[0]!);
      return packed.after(0)[0]!.update;
    })();
    updates.slice(1).forEach((update, i) => packed.push(i + 2, update));
    expect(packed.count).toBe(300);
    expect(packed.after(0).map((entry) => [entry.seq, [...entry.update]])).toEqual(updates.map((update, i) => [i + 1, [...update]]));
    expect(packed.after(250).map((entry) => entry.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 251 + i));
    expect(packed.after(300)).toEqual([]);
    // A view taken before the buffer grew still reads its own bytes.
    expect([...early]).toEqual([...updates[0]!]);
  });

  it('keeps an empty update as an empty entry', () => {
    const packed = new PackedUpdates();
    packed.push(5, new Uint8Array(0));
    packed.push(6, Uint8Array.of(9));
    expect(packed.after(0).map((entry) => [entry.seq, entry.update.byteLength])).toEqual([
      [5, 0],
      [6, 1],
    ]);
  });
});

describe('a fold row from packed updates', () => {
  it('decodes to the same updates as a row encoded from them one by one', async () => {
    const packed = new PackedUpdates();
    // Lengths across the one- and two-byte varUint boundary.
    const updates = [1, 127, 128, 300, 5].map((length, i) => Uint8Array.from({ length }, (_, k) => (i + k) & 0xff));
    updates.forEach((update, i) => packed.push(i + 10, update));
    const list = packed.listAfter(10)!;
    expect(list.lastSeq).toBe(14);
    const fromPacked = await encodeListBytesAsync(list.bytes);
    const fromUpdates = encodeUpdateList(updates.slice(1));
    expect(fromPacked.codec).toBe(fromUpdates.codec);
    expect(decodeStoredRow(fromPacked.codec, fromPacked.data).updates.map((u) => [...u])).toEqual(updates.slice(1).map((u) => [...u]));
    expect(zlib.inflateRawSync(fromPacked.data)).toEqual(zlib.inflateRawSync(fromUpdates.data));
    expect(packed.listAfter(14)).toBeNull();
  });
});
