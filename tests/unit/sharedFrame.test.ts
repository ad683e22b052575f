import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { binaryFrame, SharedFrame, sharedUpdateFrame } from '../../server/yjs/sharedFrame';

// ws's frame parser, which @types/ws does not declare.
type ReceiverLike = Writable & { on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): ReceiverLike };
const { Receiver } = createRequire(import.meta.url)('ws') as { Receiver: new (options: { isServer: boolean }) => ReceiverLike };

/** What ws's own receiver (as a client reads server frames: unmasked) makes of the bytes. */
function received(bytes: Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => resolve({ data, isBinary }));
    receiver.on('error', reject);
    receiver.write(bytes);
  });
}

describe('a shared WebSocket frame', () => {
  it.each([0, 5, 125, 126, 65_535, 65_536, 300_000])('carries a %i-byte payload that ws reads back as one binary message', async (length) => {
    const payload = Uint8Array.from({ length }, (_, i) => (i * 7) % 256);
    const { data, isBinary } = await received(binaryFrame(payload));
    expect(isBinary).toBe(true);
    expect(data.equals(Buffer.from(payload))).toBe(true);
  });

  it.each([0, 1, 120, 127, 128, 70_000])('carries a %i-byte update as the sync message y-protocols writes, built in one buffer', async (length) => {
    const update = Uint8Array.from({ length }, (_, i) => (i * 13) % 256);
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    const expected = Buffer.concat([Uint8Array.of(0), encoding.toUint8Array(encoder)]); // messageSync, then the sync message
    const shared = sharedUpdateFrame(update);
    expect(Buffer.from(shared.message).equals(expected)).toBe(true);
    const { data, isBinary } = await received(shared.frame);
    expect(isBinary).toBe(true);
    expect(data.equals(expected)).toBe(true);
  });

  it('is built once, however many peers it goes to', () => {
    const shared = new SharedFrame(Uint8Array.of(0, 2, 1));
    expect(shared.frame).toBe(shared.frame);
  });
});
